/**
 * The supervising process (issue 13, item 4): output, exit codes and signals pass through; a child that dies of
 * memory in a way nothing inside it can catch — V8 aborting the process when a worker's Map outgrows the worker's
 * heap limit, the OOM killer's SIGKILL — ends in one line and exit 2, never V8's report or a native stack trace.
 * The children here are small scripts standing in for the CLI; the built CLI runs supervised in every suite that
 * spawns dist/src/bin.js (deep-inputs.test.ts covers its own out-of-memory line).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { heapLimit } from "../src/worker/limits.js";
import { supervise, type SupervisedEnd } from "../src/worker/supervise.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(REPO, "dist", "src", "bin.js");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-supervise-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

function script(name: string, text: string): string {
  const file = path.join(TMP, `${name}.mjs`);
  fs.writeFileSync(file, text);
  return file;
}

async function run(file: string, env: Record<string, string> = {}): Promise<{ end: SupervisedEnd; stderr: string }> {
  let stderr = "";
  const end = await supervise(file, [], { env: { PATH: process.env.PATH, ...env }, execArgv: [], stderr: (text) => (stderr += text), stderrIsTTY: false });
  return { end, stderr };
}

/**
 * A worker whose 64 MB allocations overshoot its 80 MB heap by more than the allowance Node gives a worker to stop
 * in: V8 aborts the whole process ("Reached heap limit"), as a large Map growing does in a big analysis.
 */
const WORKER_MAP_OOM = `
import fs from "node:fs";
import { Worker, isMainThread } from "node:worker_threads";
if (isMainThread) {
  process.stderr.write("analysing 3 files\\n");
  fs.writeSync(3, "computing summaries\\n");
  new Worker(new URL(import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 80 } }).on("error", () => {});
} else {
  const kept = [];
  for (let i = 0; ; i++) kept.push(new Array(8_000_000).fill(i));
}
`;

describe("the supervising process", () => {
  it("turns V8's abort on an exhausted worker heap into one line with the phase and what to do, exit 2", async () => {
    const { end, stderr } = await run(script("worker-oom", WORKER_MAP_OOM), { PURPOSE_LINT_MAX_HEAP_MB: "80" });
    expect(end).toEqual({ code: 2 });
    expect(stderr).not.toMatch(/Last few GCs|FATAL|node::|v8::|^\s*\d+: 0x/m);
    expect(stderr.split("\n")).toEqual([
      "analysing 3 files",
      "purpose-lint: out of memory while computing summaries: the analysis needed more than its 80 MB heap (PURPOSE_LINT_MAX_HEAP_MB); give it more with PURPOSE_LINT_MAX_HEAP_MB=1024, or analyse the packages separately (--project <one package's tsconfig.json>)",
      "",
    ]);
  });

  it("names NODE_OPTIONS when node's option or the machine chose the heap", async () => {
    const { stderr } = await run(script("main-oom", "const m = new Map();\nfor (let i = 0; ; i++) m.set(i, { i });\n"), { NODE_OPTIONS: "--max-old-space-size=40" });
    expect(stderr).toMatch(/^purpose-lint: out of memory: the analysis needed more than its 40 MB heap \(--max-old-space-size\); give it more with NODE_OPTIONS=--max-old-space-size=1024, or analyse the packages separately/);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("reports a child the system killed (SIGKILL) as out of memory, in one line", async () => {
    const { end, stderr } = await run(script("killed", 'process.kill(process.pid, "SIGKILL");\n'));
    expect(end).toEqual({ code: 2 });
    expect(stderr).toMatch(/^purpose-lint: out of memory: the system stopped the analysis \(SIGKILL\) before its \d+ MB heap was full; .*analyse the packages separately.*\n$/);
  });

  it("passes exit codes and standard error through, ends with the child's signal, and never starts a third process", async () => {
    const exits = await run(script("exits", 'process.stderr.write(`nested=${process.env.PURPOSE_LINT_SUPERVISED}\\n`);\nprocess.exitCode = 1;\n'));
    expect(exits).toEqual({ end: { code: 1 }, stderr: "nested=1\n" });
    expect((await run(script("terminated", 'process.kill(process.pid, "SIGTERM");\n'))).end).toEqual({ signal: "SIGTERM" });
  });

  it.skipIf(!fs.existsSync(BIN))("the built CLI: standard input, output and the exit code are the analysis's own", () => {
    const result = spawnSync(process.execPath, [BIN, "--project", "fixtures/monorepo/acme", "--format", "json"], { cwd: REPO, encoding: "utf8", input: "" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: unknown[] }).findings).toHaveLength(2);
  });
});

describe("the default heap", () => {
  it("is 75% of the machine's memory, leaving at least 1 GiB, never below node's own default", () => {
    const machine = Math.floor(Math.min(os.totalmem(), process.constrainedMemory() || Infinity) / 1024 / 1024);
    const { mb, origin } = heapLimit({}, []);
    expect(origin).toBe("default");
    expect(mb).toBeLessThanOrEqual(Math.max(Math.floor(machine * 0.75), 4096 * 1.1));
    if (machine >= 8192) expect(mb).toBe(Math.min(Math.floor(machine * 0.75), machine - 1024));
  });
});
