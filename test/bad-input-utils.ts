/**
 * Runs one bad-input case through the CLI in-process and checks exit code, the stderr line and the surviving
 * findings. Shared by the committed corpus (bad-inputs.test.ts) and the generated one.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { JsonReport } from "../src/report/json.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const INPUTS = path.join(REPO, "fixtures", "cli-inputs");

/** A case's `expect.json`. */
export interface CaseExpectation {
  /** What the case is, in a few words (the test's name). */
  description: string;
  /** CLI arguments, run from the case directory; `--format json` is added unless a format is given. */
  args?: string[];
  exit: 0 | 1 | 2;
  /** Texts the stderr must contain; stderr is empty when this is absent, and at most one line otherwise. */
  stderr?: string[];
  /** `file:line` of every finding's sink argument, relative to the case directory; absent: no report at all. */
  findings?: string[];
  /** Notification kinds the report must contain (each at least once). */
  notifications?: string[];
}

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runIn(cwd: string, argv: string[], env: Record<string, string> = {}): Promise<RunOutput> {
  const { runCli } = await import("../src/cli.js");
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd,
    env,
    stdoutIsTTY: false,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Runs the case and checks every part of its expectation; returns the report (undefined for usage errors). */
export async function runCase(dir: string, expectation: CaseExpectation): Promise<JsonReport | undefined> {
  const args = expectation.args ?? [];
  const argv = args.includes("--format") || args.includes("-f") ? args : [...args, "--format", "json"];
  const result = await runIn(dir, argv);
  const context = `exit ${String(result.code)}\nstderr: ${result.stderr}\nstdout: ${result.stdout.slice(0, 2000)}`;
  expect(result.stderr, context).not.toMatch(/^\s+at /m);
  expect(result.stderr, context).not.toContain("internal error");
  if (expectation.stderr === undefined) {
    expect(result.stderr, context).toBe("");
  } else {
    expect(result.stderr.trimEnd().split("\n"), context).toHaveLength(1);
    for (const text of expectation.stderr) expect(result.stderr, context).toContain(text);
  }
  expect(result.code, context).toBe(expectation.exit);
  if (expectation.findings === undefined) {
    expect(result.stdout, context).toBe("");
    return undefined;
  }
  const report = JSON.parse(result.stdout) as JsonReport;
  const sinks = report.findings.map((f) => `${path.relative(dir, path.resolve(dir, f.sink.location.file)).split(path.sep).join("/")}:${String(f.sink.location.line)}`);
  expect([...new Set(sinks)].sort(), context).toEqual([...expectation.findings].sort());
  for (const kind of expectation.notifications ?? []) {
    expect(report.notifications.map((n) => n.kind), context).toContain(kind);
  }
  return report;
}
