/**
 * The CLI in-process through runCli: argument and configuration errors (exit 2, one line naming the culprit),
 * exit codes 0/1/2 on the projects in fixtures/cli-inputs/, output files, colour and timing switches.
 * The "with the engine" tests need src/analysis/engine.ts; the rest run without it (cli.ts loads it lazily).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Log } from "sarif";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { AnalysisResult } from "../src/analysis/findings.js";
import type { JsonReport } from "../src/report/json.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = path.join(REPO, "fixtures", "cli-inputs");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-cli-"));
const ANSI = /\u001b\[/;
const STACK = /^\s+at /m;

afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  argv: string[],
  { cwd = REPO, env = {}, tty = false }: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {},
): Promise<Run> {
  const { runCli } = await import("../src/cli.js");
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd,
    env,
    stdoutIsTTY: tty,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Exit 2 with exactly one line on stderr, prefixed, containing every `needle`, no stack trace, nothing on stdout. */
function expectUsageError(result: Run, ...needles: string[]): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.endsWith("\n")).toBe(true);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^purpose-lint: \S/);
  for (const needle of needles) expect(lines[0]).toContain(needle);
  expect(result.stderr).not.toMatch(STACK);
}

const project = (name: string): string => `fixtures/cli-inputs/${name}/tsconfig.json`;

describe("arguments", () => {
  it("prints help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: purpose-lint");
    expect(result.stdout).toContain("--format");
  });

  it("prints the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    const result = await run(["--version"]);
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("rejects an unknown flag", async () => {
    expectUsageError(await run(["--frobnicate"]), "unknown option --frobnicate");
  });

  it("rejects an unknown format, listing the valid ones", async () => {
    expectUsageError(await run(["--format", "xml"]), '"xml"', "pretty, json, sarif");
  });

  it("rejects a flag without its value", async () => {
    expectUsageError(await run(["--format"]), "--format");
  });

  it("rejects a positional argument", async () => {
    expectUsageError(await run(["src"]), "src", "--project");
  });
});

describe("configuration errors", () => {
  it("names a missing tsconfig", async () => {
    expectUsageError(await run(["--project", project("does-not-exist")]), project("does-not-exist"), "not found");
  });

  it("names a missing default ./tsconfig.json relative to the working directory", async () => {
    expectUsageError(await run([], { cwd: TMP }), "tsconfig.json", "not found");
  });

  it("names a malformed tsconfig with the position of the error", async () => {
    expectUsageError(await run(["--project", project("malformed-tsconfig")]), `${project("malformed-tsconfig")}:`, "TS");
  });

  it("names a tsconfig with an invalid option", async () => {
    expectUsageError(await run(["--project", project("invalid-option")]), project("invalid-option"), "target");
  });

  it("names a tsconfig that matches no input files", async () => {
    expectUsageError(await run(["--project", project("no-inputs")]), project("no-inputs"), "no input files");
  });

  it("analyses a solution-style tsconfig (only references) as one program across its references", async () => {
    const result = await run(["--project", project("solution-style")]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^No violations · 2 files · /);
    expect(result.code).toBe(0);
  });

  it("accepts a directory for --project, as tsc does", async () => {
    expectUsageError(await run(["--project", "fixtures/cli-inputs/no-inputs"]), project("no-inputs"));
  });
});

describe("--output", () => {
  it("rejects a path under a directory that does not exist, before loading anything", async () => {
    // The project is missing too: the --output error wins because it is checked first.
    const result = await run(["--project", project("does-not-exist"), "--output", "no-such-dir/report.json"]);
    expectUsageError(result, "--output no-such-dir/report.json", "does not exist");
  });

  it("rejects a directory", async () => {
    expectUsageError(await run(["--project", project("does-not-exist"), "--output", TMP]), `--output ${TMP}`, "directory");
  });
});

describe("unexpected errors", () => {
  it("are one line asking for a report, exit 2, no stack trace", async () => {
    const { runCli } = await import("../src/cli.js");
    let stderr = "";
    const code = await runCli(["--help"], {
      cwd: REPO,
      env: {},
      stdoutIsTTY: false,
      stdout: () => {
        throw new Error("write EPIPE");
      },
      stderr: (text) => (stderr += text),
    });
    expect(code).toBe(2);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^purpose-lint: internal error: write EPIPE .*please report/);
  });
});

describe("with the engine", () => {
  const leakDir = path.join(INPUTS, "leak");

  it("exits 0 on a clean project, using ./tsconfig.json by default", async () => {
    const result = await run([], { cwd: path.join(INPUTS, "clean") });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^No violations · \d+ files? · \d+\.\d\d s\n$/);
    expect(result.code).toBe(0);
  });

  it("exits 1 on a leak and shows where it happens", async () => {
    const result = await run([], { cwd: leakDir });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("src/audience.ts:10:");
    expect(result.stdout).toContain("addToTailoredAudience(phones); // expect-leak");
    expect(result.stdout).toMatch(/1 violation \(1 advertising, 0 marketing, 0 analytics\) in 1 file/);
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.code).toBe(1);
  });

  it("colours only a TTY without NO_COLOR", async () => {
    expect((await run([], { cwd: leakDir, tty: true })).stdout).toMatch(ANSI);
    expect((await run([], { cwd: leakDir, tty: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ANSI);
  });

  it("writes json to --output with paths relative to the working directory", async () => {
    const out = path.join(TMP, "leak.json");
    const result = await run(["--format", "json", "--output", out, "--project", project("leak")]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: "" });
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as JsonReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.findings.map((f) => [f.sink.location.file, f.sink.location.line, f.sink.purpose])).toEqual([
      ["fixtures/cli-inputs/leak/src/audience.ts", 10, "advertising"],
    ]);
  });

  it("writes sarif with one result per violation", async () => {
    const result = await run(["--format", "sarif"], { cwd: leakDir });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as Log;
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(1);
    // Relative to the repository root (this checkout), not to the working directory the CLI ran in.
    expect(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("fixtures/cli-inputs/leak/src/audience.ts");
    expect(results[0]?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(10);
  });

  it("skips a file with a syntax error, reports the rest, names the file and exits 2", async () => {
    const result = await run(["--project", project("syntax-error")]);
    expect(result.stdout).toContain("fixtures/cli-inputs/syntax-error/src/good.ts:10:");
    expect(result.stdout).toContain("fixtures/cli-inputs/syntax-error/src/broken.ts");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    // The pretty report on stdout names the skipped file (once); the closing line does not repeat it.
    expect(lines[0]).toBe("purpose-lint: analysis incomplete (1 file skipped for syntax errors), exit 2 (--allow-incomplete accepts it)");
    expect(result.code).toBe(2);
  });

  it("accepts an incomplete analysis with --allow-incomplete: the exit code counts the violations, stderr still says so", async () => {
    const result = await run(["--project", project("syntax-error"), "--allow-incomplete"]);
    expect(result.stdout).toContain("fixtures/cli-inputs/syntax-error/src/good.ts:10:");
    expect(result.stdout).toContain("analysis incomplete (see above)");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^purpose-lint: analysis incomplete \(1 file skipped for syntax errors\), accepted with --allow-incomplete/);
    expect(result.code).toBe(1);
  });

  it("writes no baseline from an incomplete analysis unless --allow-incomplete", async () => {
    const baseline = path.join(TMP, "incomplete.baseline.json");
    const refused = await run(["--project", project("syntax-error"), "--baseline", baseline, "--update-baseline"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("the baseline was not written");
    expect(fs.existsSync(baseline)).toBe(false);
    const accepted = await run(["--project", project("syntax-error"), "--baseline", baseline, "--update-baseline", "--allow-incomplete"]);
    expect(accepted.code).toBe(0);
    expect(fs.existsSync(baseline)).toBe(true);
  });

  it("names branded-name reads on untyped values in one notification, treated or not", async () => {
    const notes = async (fixture: string) => {
      const result = await run(["--format", "json", "--project", `fixtures/sources/${fixture}/tsconfig.json`]);
      return (JSON.parse(result.stdout) as JsonReport).notifications.filter((n) => n.kind === "untyped-branded-read");
    };
    const treated = await notes("untyped-receiver");
    expect(treated).toHaveLength(1);
    expect(treated[0]?.message).toContain("on values typed `any`, 5 reads of twoFactorPhone, recoveryEmail");
    expect(treated[0]?.message).toContain("treated as security contacts");
    const skipped = await notes("untyped-receiver-near-miss");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.message).toContain("on index-signature types, 1 read of twoFactorPhone (app.ts:38): not treated as security contacts");
  });

  it("prints per-phase times with PURPOSE_LINT_TIMING=1", async () => {
    const result = await run([], { cwd: path.join(INPUTS, "clean"), env: { PURPOSE_LINT_TIMING: "1" } });
    expect(result.code).toBe(0);
    for (const phase of ["load", "analyse", "report", "total"]) {
      expect(result.stderr).toMatch(new RegExp(`^purpose-lint timing: ${phase} +\\d+\\.\\d ms$`, "m"));
    }
  });
});

describe("with a stub engine", () => {
  const stub = (partial: Partial<AnalysisResult>): void => {
    vi.resetModules();
    vi.doMock("../src/analysis/engine.js", () => ({
      analyzeProgram: (): AnalysisResult => ({
        findings: [],
        notifications: [],
        skippedFiles: [],
        inventory: { sources: [], sinks: [], declassifications: [] },
        stats: { files: 1, functions: 0, contexts: 0, elapsedMs: 0 },
        ...partial,
      }),
    }));
  };
  afterEach(() => {
    vi.doUnmock("../src/analysis/engine.js");
    vi.resetModules();
  });

  it("turns an engine crash into one line asking for a report", async () => {
    vi.resetModules();
    vi.doMock("../src/analysis/engine.js", () => ({
      analyzeProgram: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'kind')");
      },
    }));
    const result = await run(["--project", project("clean")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("internal error: Cannot read properties of undefined (reading 'kind')");
    expect(result.stderr).toContain("please report");
  });

  it("exits 2 when files were skipped, even with findings", async () => {
    stub({ skippedFiles: [path.join(INPUTS, "clean", "src", "x.ts")] });
    const result = await run(["--format", "json", "--project", project("clean")]);
    expect(result.code).toBe(2);
    expect((JSON.parse(result.stdout) as JsonReport).skippedFiles).toEqual(["fixtures/cli-inputs/clean/src/x.ts"]);
    expect(result.stderr).toContain("fixtures/cli-inputs/clean/src/x.ts");
  });
});
