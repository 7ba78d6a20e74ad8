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

// Each generated program costs the CLI up to ~10 s of CPU (5,000 nested ifs); `npm test` runs beside the lint and
// the type-check, and on a shared machine that can stretch to minutes. The timeout is for hangs, not for load.
describe.skipIf(!fs.existsSync(BIN))("deep expressions (run by the built CLI)", { timeout: 600_000 }, () => {
  const cases: [string, string][] = [
    ["a 3,000-term + chain", `const a = user.twoFactorPhone; upload(${Array<string>(3000).fill("a").join(" + ")});`],
    ["1,000 nested parentheses", `upload(${repeat("(", 1000)}user.twoFactorPhone${repeat(")", 1000)});`],
    ["1,000 nested array literals", `upload(${repeat("[", 1000)}user.twoFactorPhone${repeat("]", 1000)});`],
    ["1,000 nested object literals", `upload(${repeat("{ a: ", 1000)}user.twoFactorPhone${repeat(" }", 1000)});`],
    ["1,000 nested calls", `upload(${repeat("id(", 1000)}user.twoFactorPhone${repeat(")", 1000)});`],
    ["a 3,000-term && chain", `upload(${Array<string>(3000).fill("user.twoFactorPhone").join(" && ")});`],
  ];
  it.each(cases)("the flow planted behind %s is found, and the other file's", (name, body) => {
    const dir = project(name.replace(/\W+/g, "-"), body);
    const result = run(dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(sinks(dir, JSON.parse(result.stdout) as JsonReport)).toEqual([`src/deep.ts:${String(SINK_LINE)}`, OTHER]);
  });

  it("the flow inside 5,000 nested if blocks is found", () => {
    const dir = project("ifs", `${repeat("if (user) {\n", 5000)}upload(user.twoFactorPhone);\n${repeat("}\n", 5000)}`);
    const result = run(dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(sinks(dir, JSON.parse(result.stdout) as JsonReport)).toEqual([`src/deep.ts:${String(SINK_LINE + 5000)}`, OTHER]);
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
