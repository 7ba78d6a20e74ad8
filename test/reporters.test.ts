/**
 * The three formatters on synthetic results: no engine, no files on disk (sources come from `readSource`).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import {
  LEAK_RULE_ID,
  type AnalysisResult,
  type Finding,
  type Location,
  type Purpose,
} from "../src/analysis/findings.js";
import type { ReportContext } from "../src/report/context.js";
import { formatJson, type JsonReport } from "../src/report/json.js";
import { formatPretty } from "../src/report/pretty.js";
import { formatSarif } from "../src/report/sarif.js";

const ROOT = path.resolve("/repo/app");
const abs = (relative: string): string => path.join(ROOT, ...relative.split("/"));
const ANSI = /\u001b\[/;

const SOURCES: Record<string, string> = {
  [abs("src/user.ts")]: ["export interface User {", "  id: string;", "  twoFactorPhone: SecurityContact<string>;", "}"].join(
    "\n",
  ),
  [abs("src/ads/sync.ts")]: [
    'import { hash } from "./hash.js";',
    "",
    "export async function sync(user: User) {",
    "  const phone = normalizePhone(user.twoFactorPhone);",
    "  const hashed = hash(phone);",
    "  await addToTailoredAudience([hashed]);",
    "  return hashed;",
    "}",
  ].join("\n"),
  [abs("src/b.ts")]: "\ttrack(phone);",
};

function loc(file: string, line: number, column: number, length = 5): Location {
  return { file: abs(file), line, column, endLine: line, endColumn: column + length };
}

function finding(overrides: { file?: string; line?: number; column?: number; purpose?: Purpose; fingerprint?: string } = {}): Finding {
  const file = overrides.file ?? "src/ads/sync.ts";
  const sink = loc(file, overrides.line ?? 6, overrides.column ?? 31, 8);
  return {
    ruleId: LEAK_RULE_ID,
    message: "User.twoFactorPhone reaches advertising sink addToTailoredAudience via normalizePhone, hash",
    source: { field: "User.twoFactorPhone", location: loc("src/ads/sync.ts", 4, 37, 14) },
    sink: {
      callee: "addToTailoredAudience",
      purpose: overrides.purpose ?? "advertising",
      argumentIndex: 0,
      origin: "jsdoc",
      location: sink,
    },
    trace: [
      { location: loc("src/ads/sync.ts", 4, 37, 14), label: "read twoFactorPhone", kind: "source" },
      { location: loc("src/ads/sync.ts", 4, 17, 14), label: "returned from normalizePhone", kind: "return" },
      { location: loc("src/ads/sync.ts", 5, 18, 11), label: "hashed by createHash", kind: "transform" },
      { location: sink, label: "passed to addToTailoredAudience", kind: "sink" },
    ],
    fingerprint: overrides.fingerprint ?? "fp-1",
  };
}

function result(partial: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    findings: [],
    notifications: [],
    skippedFiles: [],
    inventory: { sources: [], sinks: [], declassifications: [] },
    stats: { files: 12, functions: 40, contexts: 41, elapsedMs: 80 },
    ...partial,
  };
}

const context: ReportContext = {
  cwd: ROOT,
  color: false,
  elapsedMs: 1234,
  toolVersion: "9.8.7",
  readSource: (file) => SOURCES[file],
};

describe("pretty", () => {
  const leaky = result({
    findings: [finding()],
    notifications: [
      { level: "warning", kind: "budget-exhausted", message: "analysis of hugeFn was cut short", location: loc("src/b.ts", 1, 2) },
    ],
    skippedFiles: [abs("src/broken.ts")],
  });

  it("prints location, message, code frame with carets, numbered flow, notifications, skipped files, summary", () => {
    const lines = formatPretty(leaky, context).split("\n");
    expect(lines[0]).toBe(`src/ads/sync.ts:6:31  error  ${LEAK_RULE_ID}`);
    expect(lines[1]).toContain("User.twoFactorPhone reaches advertising sink addToTailoredAudience");
    // Sink line ± 2, numbered, marked, carets under the 8-character argument `[hashed]`.
    expect(lines).toContain("  > 6 |   await addToTailoredAudience([hashed]);");
    expect(lines).toContain("    4 |   const phone = normalizePhone(user.twoFactorPhone);");
    expect(lines).toContain("    8 | }");
    expect(lines).not.toContain("    3 | export async function sync(user: User) {");
    const sinkLine = lines.indexOf("  > 6 |   await addToTailoredAudience([hashed]);");
    const caretLine = lines[sinkLine + 1] ?? "";
    expect(caretLine.trimEnd()).toMatch(/\|\s+\^{8}$/);
    expect(caretLine.indexOf("^")).toBe((lines[sinkLine] ?? "").indexOf("[hashed]"));
    // The flow, in order, ending at the sink.
    expect(lines).toContain("    1. src/ads/sync.ts:4:37  read twoFactorPhone");
    expect(lines).toContain("    2. src/ads/sync.ts:4:17  returned from normalizePhone");
    expect(lines).toContain("    4. src/ads/sync.ts:6:31  passed to addToTailoredAudience");
    const text = lines.join("\n");
    expect(text).toContain("warning  src/b.ts:1:2  analysis of hugeFn was cut short  budget-exhausted");
    expect(text).toContain("Skipped 1 file with syntax errors (not analysed):\n  src/broken.ts");
    expect(lines.at(-1)).toBe("1 violation (1 advertising, 0 marketing, 0 analytics) in 1 file · analysis incomplete (see above) · elapsed 1.23 s");
  });

  it("uses no ANSI escapes with color off, and some with color on", () => {
    expect(formatPretty(leaky, context)).not.toMatch(ANSI);
    expect(formatPretty(leaky, { ...context, color: true })).toMatch(ANSI);
  });

  it("summarises a clean run with the number of files analysed", () => {
    expect(formatPretty(result(), context)).toBe("No violations · 12 files · 1.23 s");
  });

  it("never prints a clean-looking summary for an incomplete run", () => {
    const incomplete = result({ notifications: [{ level: "error", kind: "unresolved-import", message: "import \"./x\" did not resolve", incomplete: true }] });
    expect(formatPretty(incomplete, context).split("\n").at(-1)).toBe("No violations found, but the analysis is incomplete (see above) · 12 files · 1.23 s");
  });

  it("counts by purpose and by file, and survives unreadable sources", () => {
    const text = formatPretty(
      result({
        findings: [
          finding({ file: "src/x.ts", purpose: "marketing" }),
          finding({ file: "src/x.ts", line: 9, purpose: "analytics" }),
          finding({ file: "src/y.ts", purpose: "analytics" }),
        ],
      }),
      context,
    );
    expect(text.split("\n").at(-1)).toBe(
      "3 violations (0 advertising, 1 marketing, 2 analytics) in 2 files · elapsed 1.23 s",
    );
    expect(text).not.toContain(" | ");
  });

  it("keeps tabs when placing carets", () => {
    const f = finding({ file: "src/b.ts", line: 1, column: 8 });
    f.sink.location.endColumn = 13;
    const lines = formatPretty(result({ findings: [f] }), context).split("\n");
    // "\ttrack(phone);": the argument starts after a tab and six characters.
    expect(lines).toContain("  > 1 | \ttrack(phone);");
    expect(lines).toContain("      | \t      ^^^^^");
  });

  it("completes a terse trace with the source read and the sink", () => {
    const f = { ...finding(), trace: [] };
    const lines = formatPretty(result({ findings: [f] }), context).split("\n");
    expect(lines).toContain("    1. src/ads/sync.ts:4:37  read User.twoFactorPhone");
    expect(lines).toContain("    2. src/ads/sync.ts:6:31  passed to addToTailoredAudience (advertising sink)");
  });
});

describe("json", () => {
  const parse = (r: AnalysisResult): JsonReport => JSON.parse(formatJson(r, context)) as JsonReport;

  it("writes the versioned schema with relative POSIX paths everywhere", () => {
    const report = parse(
      result({
        findings: [finding()],
        notifications: [{ level: "error", kind: "unresolved-import", message: "cannot resolve ./x", location: loc("src/b.ts", 1, 1) }],
        skippedFiles: [abs("src/broken.ts")],
      }),
    );
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: "purpose-lint", version: "9.8.7" });
    const [f] = report.findings;
    expect(f?.sink.location).toEqual({ file: "src/ads/sync.ts", line: 6, column: 31, endLine: 6, endColumn: 39 });
    expect(f?.source.location.file).toBe("src/ads/sync.ts");
    expect(f?.trace.map((s) => s.location.file)).toEqual(Array(4).fill("src/ads/sync.ts"));
    expect(f?.fingerprint).toBe("fp-1");
    expect(report.notifications[0]?.location?.file).toBe("src/b.ts");
    expect(report.skippedFiles).toEqual(["src/broken.ts"]);
    expect(report.summary).toEqual({
      violations: 1,
      byPurpose: { advertising: 1, marketing: 0, analytics: 0 },
      filesWithViolations: 1,
      problems: 0,
      filesAnalyzed: 12,
      skippedFiles: 1,
      incomplete: true,
      elapsedMs: 1234,
    });
    expect(JSON.stringify(report)).not.toContain(ROOT);
  });

  it("sorts findings stably, whatever order the engine produced", () => {
    const findings = [
      finding({ file: "src/z.ts", line: 1, fingerprint: "a" }),
      finding({ file: "src/a.ts", line: 9, fingerprint: "b" }),
      finding({ file: "src/a.ts", line: 2, column: 5, fingerprint: "d" }),
      finding({ file: "src/a.ts", line: 2, column: 5, fingerprint: "c" }),
    ];
    const first = formatJson(result({ findings }), context);
    expect(formatJson(result({ findings: [...findings].reverse() }), context)).toBe(first);
    const order = (JSON.parse(first) as JsonReport).findings.map((f) => f.fingerprint);
    expect(order).toEqual(["c", "d", "b", "a"]);
  });

  it("never colours", () => {
    expect(formatJson(result({ findings: [finding()] }), { ...context, color: true })).not.toMatch(ANSI);
  });
});

describe("sarif", () => {
  const parse = (r: AnalysisResult): Log => JSON.parse(formatSarif(r, context)) as Log;

  it("has the SARIF 2.1.0 required shape", () => {
    const log = parse(result({ findings: [finding(), finding({ file: "src/a.ts", line: 1, column: 1 })] }));
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    if (run === undefined) throw new Error("no run");
    expect(run.tool.driver.name).toBe("purpose-lint");
    expect(run.tool.driver.version).toBe("9.8.7");
    const rules = run.tool.driver.rules ?? [];
    // Every rule the CLI runs, as separate SARIF rules with the ESLint rule ids.
    expect(rules.map((r) => r.id)).toEqual([LEAK_RULE_ID, "purpose/no-brand-cast", "purpose/declassify-needs-reason"]);
    const rule = rules[0];
    for (const text of [rule?.shortDescription?.text, rule?.fullDescription?.text, rule?.help?.text, rule?.help?.markdown]) {
      expect(text?.length).toBeGreaterThan(10);
    }
    // No link to a page that does not exist: the rule's shipped page is the help.
    expect(rule?.helpUri).toBeUndefined();
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(rule?.help?.markdown).toMatch(/^# purpose\/no-security-contact-leak/);
    expect(rule).toMatchObject({
      defaultConfiguration: { level: "error" },
      properties: {
        kind: "path-problem",
        "problem.severity": "error",
        precision: "high",
        "security-severity": "7.5",
        tags: ["security", "privacy", "external/cwe/cwe-359"],
      },
    });
    // No git repository above /repo/app: URIs are relative to the working directory.
    expect(run.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(ROOT).href}/`);

    const results = run.results ?? [];
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.ruleId).toBe(LEAK_RULE_ID);
      expect(r.ruleIndex).toBeGreaterThanOrEqual(0);
      expect(r.ruleIndex).toBeLessThan(rules.length);
      expect(r.level).toBe("error");
      expect(r.message.text).toContain("reaches advertising sink");
      expect(r.message.text).toContain("[here](1)");
      expect(r.partialFingerprints?.["purposeFlow/v2"]).toBe("fp-1");
      const physical = r.locations?.[0]?.physicalLocation;
      expect(physical?.artifactLocation?.uriBaseId).toBe("%SRCROOT%");
      expect(physical?.artifactLocation?.uri).not.toMatch(/^\/|\\|^file:/);
      expect(physical?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(physical?.region?.startColumn).toBeGreaterThanOrEqual(1);
      const flow = r.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
      expect(flow.length).toBeGreaterThanOrEqual(2);
      for (const step of flow) {
        expect(step.location?.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1);
        expect(step.location?.message?.text).toMatch(/\S/);
      }
      expect(flow.at(-1)?.location?.physicalLocation).toEqual(physical);
    }
  });

  it("maps a finding: sink argument as location, trace as code flow", () => {
    const [r] = parse(result({ findings: [finding()] })).runs[0]?.results ?? [];
    expect(r?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "src/ads/sync.ts", uriBaseId: "%SRCROOT%", index: 0 },
      region: { startLine: 6, startColumn: 31, endLine: 6, endColumn: 39 },
    });
    expect(r?.codeFlows?.[0]?.threadFlows[0]?.locations.map((l) => l.location?.message?.text)).toEqual([
      "read twoFactorPhone",
      "returned from normalizePhone",
      "hashed by createHash",
      "passed to addToTailoredAudience",
    ]);
  });

  it("sorts results by file, line, column, fingerprint", () => {
    const log = parse(
      result({
        findings: [
          finding({ file: "src/b.ts", line: 1, fingerprint: "x" }),
          finding({ file: "src/a.ts", line: 3, fingerprint: "y" }),
          finding({ file: "src/a.ts", line: 3, fingerprint: "w" }),
        ],
      }),
    );
    const keys = (log.runs[0]?.results ?? []).map(
      (r) => `${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ""}#${r.partialFingerprints?.["purposeFlow/v2"] ?? ""}`,
    );
    expect(keys).toEqual(["src/a.ts#w", "src/a.ts#y", "src/b.ts#x"]);
  });

  it("always emits results, and reports notifications and skipped files as tool notifications", () => {
    const log = parse(
      result({
        notifications: [{ level: "warning", kind: "budget-exhausted", message: "cut short" }],
        skippedFiles: [abs("src/broken file.ts")],
      }),
    );
    const run = log.runs[0];
    expect(run?.results).toEqual([]);
    const invocation = run?.invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    const notes = invocation?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => [n.level, n.descriptor?.id])).toEqual([
      ["warning", "budget-exhausted"],
      ["error", "syntax-error"],
    ]);
    expect(notes[1]?.message.text).toContain("src/broken file.ts");
    expect(notes[1]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("src/broken%20file.ts");
  });

  it("uses an absolute file URI for files outside the working directory", () => {
    const f = finding();
    f.sink.location = { ...f.sink.location, file: path.resolve("/elsewhere/lib.ts") };
    const [r] = parse(result({ findings: [f] })).runs[0]?.results ?? [];
    expect(r?.locations?.[0]?.physicalLocation?.artifactLocation).toMatchObject({
      uri: pathToFileURL(path.resolve("/elsewhere/lib.ts")).href,
    });
    expect(r?.locations?.[0]?.physicalLocation?.artifactLocation?.uriBaseId).toBeUndefined();
  });
});
