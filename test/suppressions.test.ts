/**
 * Suppressions: which comments count (line comments starting with the directive, not strings, templates, JSX
 * text or prose), which line they cover, and what the CLI reports for fixtures/suppressions/* in every format.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Log } from "sarif";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { AnalysisResult, Finding } from "../src/analysis/findings.js";
import { runCli } from "../src/cli.js";
import type { JsonReport } from "../src/report/json.js";
import { applySuppressions, scanSuppressions } from "../src/suppressions.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function scan(text: string, name = "/x/app.tsx") {
  return scanSuppressions(ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX));
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd: REPO,
    env: {},
    stdoutIsTTY: false,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe("scanning", () => {
  it("finds line comments with and without reasons, and the line each covers", () => {
    const found = scan(
      [
        "// purpose-lint-ignore: approved by legal",
        "send(a);",
        "send(b); // purpose-lint-ignore: partner contract",
        "// purpose-lint-ignore",
        "//purpose-lint-ignore:   ",
        "send(c); // purpose-lint-ignore reason without a colon",
      ].join("\n"),
    );
    expect(found.map((s) => [s.location.line, s.lines, s.reason])).toEqual([
      [1, [2], "approved by legal"],
      [3, [3], "partner contract"],
      [4, [5], undefined],
      [5, [6], undefined],
      [6, [6], undefined],
    ]);
  });

  it("ignores the directive in strings, templates, regexes, JSX text, block comments and prose", () => {
    const found = scan(
      [
        `const a = "// purpose-lint-ignore: no";`,
        "const b = `",
        "// purpose-lint-ignore: no",
        "${a}`;",
        "const r = /\\/\\/ purpose-lint-ignore: no/;",
        "const j = <p>// purpose-lint-ignore: no</p>;",
        "/* purpose-lint-ignore: no */",
        "// see purpose-lint-ignore: prose",
        "// purpose-lint-ignore-next-line: another tool",
        "/** purpose-lint-ignore: jsdoc */ function f() {}",
        "const ok = 1; // purpose-lint-ignore: yes",
      ].join("\n"),
    );
    expect(found.map((s) => s.reason)).toEqual(["yes"]);
  });

  it("suppresses by sink line, marks used, unused and reasonless ones, and filters per file", () => {
    const file = "/x/app.ts";
    const source = ts.createSourceFile(file, "// purpose-lint-ignore: ok\nsink(a);\n// purpose-lint-ignore: nothing here\n\n// purpose-lint-ignore\nsink(b);\n", ts.ScriptTarget.Latest, true);
    const loc = (line: number) => ({ file, line, column: 6, endLine: line, endColumn: 7 });
    const f = (line: number): Finding => ({
      ruleId: "purpose/no-security-contact-leak",
      message: "m",
      source: { field: "User.twoFactorPhone", location: loc(line) },
      sink: { callee: "sink", purpose: "advertising", argumentIndex: 0, origin: "jsdoc", location: loc(line) },
      trace: [],
      fingerprint: `fp${String(line)}`,
    });
    const result: AnalysisResult = {
      findings: [f(2), f(6)],
      notifications: [],
      skippedFiles: [],
      inventory: { sources: [], sinks: [], declassifications: [] },
      stats: { files: 1, functions: 1, contexts: 1, elapsedMs: 1 },
    };
    const outcome = applySuppressions(result, scanSuppressions(source));
    expect(outcome.result.findings.map((x) => x.fingerprint)).toEqual(["fp6"]);
    expect(outcome.suppressions.map((s) => s.status)).toEqual(["used", "unused", "missing-reason"]);
    expect(outcome.result.notifications.map((n) => [n.level, n.kind, n.location?.line])).toEqual([
      ["warning", "unused-suppression", 3],
      ["error", "suppression-without-reason", 5],
    ]);
  });
});

describe("through the CLI", () => {
  const project = (name: string): string => `fixtures/suppressions/${name}/tsconfig.json`;

  it("hides suppressed violations and keeps the others", async () => {
    const result = await run(["--project", project("with-reason"), "--format", "json"]);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map((f) => f.sink.location.line)).toEqual([31]);
    expect(report.notifications).toEqual([]);
    expect(result.code).toBe(1);
  });

  it("reports a suppression without a reason as an error in json, sarif and pretty, with exit 1", async () => {
    const json = await run(["--project", project("missing-reason"), "--format", "json"]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.findings).toHaveLength(2);
    const kinds = report.notifications.map((n) => [n.level, n.kind, n.location?.line]);
    expect(kinds).toEqual([
      ["error", "suppression-without-reason", 18],
      ["error", "suppression-without-reason", 20],
    ]);
    const sarif = JSON.parse((await run(["--project", project("missing-reason"), "--format", "sarif"])).stdout) as Log;
    const notes = sarif.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => [n.level, n.descriptor?.id])).toContainEqual(["error", "suppression-without-reason"]);
    const pretty = await run(["--project", project("missing-reason")]);
    expect(pretty.stdout).toContain("suppression-without-reason");
  });

  it("reports an unused suppression as a warning without changing the exit code", async () => {
    const result = await run(["--project", project("unused"), "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.notifications.map((n) => [n.level, n.kind])).toEqual([["warning", "unused-suppression"]]);
  });
});
