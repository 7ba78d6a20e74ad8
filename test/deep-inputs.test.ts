/**
 * Deep expressions and an exhausted heap (issue 9, item 1 and the out-of-memory case), through the built
 * executable (dist/src/bin.js, built by `pretest`): the analysis runs in a worker thread with a deep stack and a
 * heap limit (src/worker/). The deep programs are generated here, never committed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../src/report/json.js";
import { REPO, runCase } from "./bad-input-utils.js";

const BIN = path.join(REPO, "dist", "src", "bin.js");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-deep-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: "ES2022", lib: ["ES2022"], module: "ESNext", moduleResolution: "Bundler", types: [] },
  include: ["src"],
});
const PRELUDE =
  "export type SecurityContact<T> = T & { readonly __securityContact: true };\n" +
  "interface User {\n  twoFactorPhone: SecurityContact<string>;\n}\n" +
  "/** @sink advertising */\nexport function upload(value: unknown): void {\n  void value;\n}\n" +
  "function id<T>(x: T): T {\n  return x;\n}\n";
/** Line of `upload(…)` in `deepFile`: the sink call is on the line after `go`'s header. */
const SINK_LINE = PRELUDE.split("\n").length + 1;
const OTHER = `src/other.ts:${String(SINK_LINE)}`;

/** A project whose src/deep.ts plants a flow behind `body` and whose src/other.ts has a plain leak on the same line. */
function project(name: string, body: string): string {
  const dir = path.join(TMP, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "tsconfig.json"), TSCONFIG);
  fs.writeFileSync(path.join(dir, "src", "deep.ts"), `${PRELUDE}export function go(user: User): void {\n  ${body}\n}\n`);
  fs.writeFileSync(path.join(dir, "src", "other.ts"), `${PRELUDE}export function other(user: User): void {\n  upload(user.twoFactorPhone);\n}\n`);
  return dir;
}

function run(dir: string, env: Record<string, string> = {}, args: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, "--format", "json", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function sinks(dir: string, report: JsonReport): string[] {
  return report.findings.map((f) => `${path.relative(dir, path.resolve(dir, f.sink.location.file))}:${String(f.sink.location.line)}`).sort();
}

const repeat = (text: string, n: number): string => text.repeat(n);

// The deep expressions are one program, each in a file of its own beside src/other.ts, analysed by one run of the
// CLI (a run costs ~2.5 s of CPU before it reads a file; the 3,000-term && chain and the 5,000 nested ifs ~7–8 s
// more each, inside TypeScript). Each case checks the findings in its own file; one more checks the whole report.
// `npm test` runs beside the lint and the type-check, and on a shared machine that can stretch to minutes: the
// timeout is for hangs, not for load.
describe.skipIf(!fs.existsSync(BIN))("deep expressions (run by the built CLI)", { timeout: 600_000 }, () => {
  const cases: [string, string, number][] = [
    ["a 3,000-term + chain", `const a = user.twoFactorPhone; upload(${Array<string>(3000).fill("a").join(" + ")});`, SINK_LINE],
    ["1,000 nested parentheses", `upload(${repeat("(", 1000)}user.twoFactorPhone${repeat(")", 1000)});`, SINK_LINE],
    ["1,000 nested array literals", `upload(${repeat("[", 1000)}user.twoFactorPhone${repeat("]", 1000)});`, SINK_LINE],
    ["1,000 nested object literals", `upload(${repeat("{ a: ", 1000)}user.twoFactorPhone${repeat(" }", 1000)});`, SINK_LINE],
    ["1,000 nested calls", `upload(${repeat("id(", 1000)}user.twoFactorPhone${repeat(")", 1000)});`, SINK_LINE],
    ["a 3,000-term && chain", `upload(${Array<string>(3000).fill("user.twoFactorPhone").join(" && ")});`, SINK_LINE],
    ["5,000 nested if blocks", `${repeat("if (user) {\n", 5000)}upload(user.twoFactorPhone);\n${repeat("}\n", 5000)}`, SINK_LINE + 5000],
  ];
  /** "a 3,000-term && chain" -> src/a-3000-term-and-chain.ts (the `+` and `&&` chains apart). */
  const fileOf = (name: string): string =>
    `src/${name.replace(/,/g, "").replace(/\+/g, "plus").replace(/&&/g, "and").replace(/\W+/g, "-").replace(/^-|-$/g, "")}.ts`;
  let ran: { dir: string; result: ReturnType<typeof run>; sinks: string[] } | undefined;
  const deepRun = (): NonNullable<typeof ran> => {
    if (ran === undefined) {
      const dir = project("deep-expressions", "upload(user.twoFactorPhone);");
      fs.rmSync(path.join(dir, "src", "deep.ts"));
      expect(new Set(cases.map(([name]) => fileOf(name))).size, "a file per case").toBe(cases.length);
      for (const [name, body] of cases) {
        fs.writeFileSync(path.join(dir, fileOf(name)), `${PRELUDE}export function go(user: User): void {\n  ${body}\n}\n`);
      }
      const result = run(dir);
      ran = { dir, result, sinks: result.code === 1 ? sinks(dir, JSON.parse(result.stdout) as JsonReport) : [] };
    }
    return ran;
  };

  it.each(cases)("the flow planted behind %s is found, and the other file's", (name, _body, line) => {
    const { result, sinks: found } = deepRun();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const file = fileOf(name);
    expect(found.filter((at) => at.startsWith(`${file}:`) || at.startsWith("src/other.ts:"))).toEqual([`${file}:${String(line)}`, OTHER]);
  });

  it("finds nothing else in the deep program", () => {
    expect(deepRun().sinks).toEqual([...cases.map(([name, , line]) => `${fileOf(name)}:${String(line)}`), OTHER].sort());
  });
});

describe.skipIf(!fs.existsSync(BIN))("a file nested too deeply (a 4 MB stack: PURPOSE_LINT_STACK_MB)", () => {
  const parens = (n: number): string => `upload(${repeat("(", n)}user.twoFactorPhone${repeat(")", n)});`;
  it.each([
    ["deeper than the analysis follows in this stack", 2_000, /src\/deep\.ts is nested too deeply to analyse \(2,00\d levels, at most 1,200 are followed here\)/],
    ["deeper than the TypeScript parser can go", 20_000, /src\/deep\.ts is nested too deeply to analyse \(the TypeScript parser ran out of stack on it\)/],
  ])("%s is named and skipped, the rest analysed, exit 2", (name, n, message) => {
    const dir = project(`too-deep-${String(n)}`, parens(n));
    const result = run(dir, { PURPOSE_LINT_STACK_MB: "4" });
    expect(result.stderr).toBe("purpose-lint: analysis incomplete (1 file skipped, nested too deeply to analyse), exit 2 (--allow-incomplete accepts it) — skipped: src/deep.ts\n");
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(sinks(dir, report)).toEqual([OTHER]);
    expect(report.notifications.map((n) => [n.kind, n.incomplete])).toEqual([["too-deep", true]]);
    expect(report.notifications[0]?.message).toMatch(message);
    expect(run(dir, { PURPOSE_LINT_STACK_MB: "4" }, ["--allow-incomplete"]).code).toBe(1);
  });
});

describe("a deep file analysed in-process (the ESLint rule's case: the default 1 MB stack)", () => {
  it.each([300, 3_000])("%i nested parentheses: the file is named and skipped, the rest analysed", async (n) => {
    const dir = project(`in-process-${String(n)}`, `upload(${repeat("(", n)}user.twoFactorPhone${repeat(")", n)});`);
    const report = await runCase(dir, { description: "", exit: 2, stderr: ["1 file skipped, nested too deeply to analyse", "skipped: src/deep.ts"], findings: [OTHER] });
    expect(report?.notifications.map((note) => note.kind)).toEqual(["too-deep"]);
  });
});

describe.skipIf(!fs.existsSync(BIN))("an exhausted heap", () => {
  it("ends in one line naming the limit, the phase and how to raise it, exit 2", () => {
    const dir = project("oom", "upload(user.twoFactorPhone);");
    const result = run(dir, { PURPOSE_LINT_MAX_HEAP_MB: "16" });
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(/FATAL ERROR|^\s+at /m);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^purpose-lint: out of memory while \w+.*16 MB heap.*PURPOSE_LINT_MAX_HEAP_MB=1024, or analyse the packages separately .*\n$/);
    expect(result.code).toBe(2);
  });
});

describe("the analysis worker's heap limit", () => {
  it("comes from PURPOSE_LINT_MAX_HEAP_MB, else node's --max-old-space-size, else the machine", async () => {
    const { heapLimit } = await import("../src/worker/limits.js");
    expect(heapLimit({ PURPOSE_LINT_MAX_HEAP_MB: "512", NODE_OPTIONS: "--max-old-space-size=64" }, [])).toEqual({ mb: 512, origin: "env" });
    expect(heapLimit({ NODE_OPTIONS: "--enable-source-maps --max-old-space-size=3000" }, [])).toEqual({ mb: 3000, origin: "node-option" });
    expect(heapLimit({}, ["--max_old_space_size=2048"])).toEqual({ mb: 2048, origin: "node-option" });
    expect(heapLimit({ PURPOSE_LINT_MAX_HEAP_MB: "lots" }, []).origin).toBe("default");
  });
});
