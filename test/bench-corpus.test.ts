// The benchmark's own corpus generator (scripts/bench-corpus): deterministic, with an answer key whose planted
// leaks the CLI finds and whose near-misses it leaves alone (scored by the corpus's own score.mjs), as one project
// and as a monorepo (--packages: a solution tsconfig and npm workspaces, analysed both ways).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { runCli } from "../src/cli.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = path.join(REPO, "scripts", "bench-corpus");
const dir = mkdtempSync(path.join(os.tmpdir(), "purpose-lint-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (args: string[]): { status: number | null; stdout: string } => {
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout + result.stderr };
};

describe("scripts/bench-corpus", () => {
  it("generates the same corpus for the same options, and the CLI finds exactly the planted leaks", async () => {
    const out = path.join(dir, "corpus");
    expect(node([path.join(BENCH, "gen-corpus.mjs"), "--out", out, "--files", "120", "--leak-rate", "0.05"]).status).toBe(0);
    const first = readFileSync(path.join(out, "expected.json"), "utf8");
    expect(node([path.join(BENCH, "gen-corpus.mjs"), "--out", out, "--files", "120", "--leak-rate", "0.05", "--force"]).status).toBe(0);
    expect(readFileSync(path.join(out, "expected.json"), "utf8")).toBe(first);
    const key = JSON.parse(first) as { leaks: unknown[]; nearMisses: unknown[] };
    expect(key.leaks.length).toBeGreaterThan(0);
    expect(key.nearMisses.length).toBeGreaterThan(0);

    // The package the corpus imports: this repository's runtime.
    mkdirSync(path.join(out, "node_modules"), { recursive: true });
    symlinkSync(REPO, path.join(out, "node_modules", "purpose-lint"), "dir");
    const sarif = path.join(out, "findings.sarif");
    const code = await runCli(["--format", "sarif", "--output", sarif], { cwd: out, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, env: {} });
    expect(code).toBe(1);
    const score = node([path.join(BENCH, "score.mjs"), path.join(out, "expected.json"), sarif]);
    expect(score.stdout.trim().split("\n").at(-1)).toBe(`recall=1.000 precision=1.000 expected=${String(key.leaks.length)} found=${String(key.leaks.length)}`);
  });

  it("generates a monorepo with --packages: references, workspaces, no dist/, leaks across packages, all found", async () => {
    const out = path.join(dir, "monorepo");
    const generate = (...more: string[]): number | null => node([path.join(BENCH, "gen-corpus.mjs"), "--out", out, "--files", "100", "--packages", "4", "--leak-rate", "0.1", ...more]).status;
    expect(generate()).toBe(0);
    const first = readFileSync(path.join(out, "expected.json"), "utf8");
    expect(generate("--force")).toBe(0);
    expect(readFileSync(path.join(out, "expected.json"), "utf8")).toBe(first);
    const key = JSON.parse(first) as { packages: number; leaks: { file: string }[]; nearMisses: { file: string; line: number }[] };
    expect(key.packages).toBe(4);
    expect(new Set(key.leaks.map((leak) => leak.file.split("/")[1])).size).toBeGreaterThan(1);
    expect(key.nearMisses.length).toBeGreaterThan(0);
    const solution = JSON.parse(readFileSync(path.join(out, "tsconfig.json"), "utf8")) as { files: unknown[]; references: unknown[] };
    expect(solution).toEqual({ files: [], references: ["core", "p1", "p2", "p3"].map((name) => ({ path: `packages/${name}` })) });
    expect(readdirSync(path.join(out, "packages", "core"))).not.toContain("dist");
    // Planted leaks cross packages: a helper imported by package name, the sink from core.
    expect(key.leaks.some((leak) => /from "@corpus\/(?!core")/.test(readFileSync(path.join(out, leak.file), "utf8")))).toBe(true);

    // Per-package tasks for Turborepo: workspace dependencies, a script reading the summaries of every package before
    // it, and the root's turbo.json with the task docs/monorepo.md describes (fixtures/monorepo/turborepo's).
    const manifest = (name: string) => JSON.parse(readFileSync(path.join(out, "packages", name, "package.json"), "utf8")) as Record<string, any>;
    expect(manifest("p2").dependencies).toEqual({ "@corpus/core": "1.0.0", "@corpus/p1": "1.0.0" });
    expect(manifest("p2").scripts["purpose-lint"]).toBe(
      "purpose-lint --project tsconfig.json --summaries ../core --summaries ../p1 --summary-out purpose-lint.summary.json --format json --output purpose-lint.report.json || [ $? -eq 1 ]",
    );
    expect(manifest("core").scripts["purpose-lint"]).not.toContain("--summaries");
    const task = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { tasks: Record<string, unknown> }).tasks["purpose-lint"];
    expect(task(path.join(out, "turbo.json"))).toEqual(task(path.join(REPO, "fixtures", "monorepo", "turborepo", "turbo.json")));

    // Before node_modules links purpose-lint, its import does not resolve: the brand and declassify are still
    // recognised by name, so the declassified near-misses stay quiet (precision 0.762 on 2,000 files before).
    const lineOf = (place: { file: string; line: number }) => readFileSync(path.join(out, place.file), "utf8").split("\n")[place.line - 1];
    expect(key.nearMisses.some((miss) => lineOf(miss)?.includes("declassify("))).toBe(true);
    const unlinked = path.join(out, "findings-unlinked.sarif");
    await runCli(["--format", "sarif", "--output", unlinked], { cwd: out, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, env: {} });
    const unlinkedScore = node([path.join(BENCH, "score.mjs"), path.join(out, "expected.json"), unlinked]);
    expect(unlinkedScore.stdout.trim().split("\n").at(-1)).toBe(`recall=1.000 precision=1.000 expected=${String(key.leaks.length)} found=${String(key.leaks.length)}`);

    mkdirSync(path.join(out, "node_modules"), { recursive: true });
    symlinkSync(REPO, path.join(out, "node_modules", "purpose-lint"), "dir");
    for (const project of ["tsconfig.json", "package.json"]) {
      const sarif = path.join(out, `findings-${project}.sarif`);
      let stderr = "";
      const code = await runCli(["--project", project, "--format", "sarif", "--output", sarif], { cwd: out, stdout: () => undefined, stderr: (text) => (stderr += text), stdoutIsTTY: false, env: {} });
      expect(stderr, project).toBe("");
      expect(code, project).toBe(1);
      const score = node([path.join(BENCH, "score.mjs"), path.join(out, "expected.json"), sarif]);
      expect(score.stdout.trim().split("\n").at(-1), project).toBe(`recall=1.000 precision=1.000 expected=${String(key.leaks.length)} found=${String(key.leaks.length)}`);
    }
  });

  it("refuses bad options with one line, exit 2", () => {
    const result = node([path.join(BENCH, "gen-corpus.mjs"), "--out", path.join(dir, "x"), "--files", "3"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("gen-corpus: --files must be a whole number from 10 to 20000\n");
    const packages = node([path.join(BENCH, "gen-corpus.mjs"), "--out", path.join(dir, "x"), "--files", "20", "--packages", "8"]);
    expect(packages.stdout).toBe("gen-corpus: --packages 8 needs --files 33 or more\n");
    expect(node([path.join(BENCH, "gen-corpus.mjs"), "--out", path.join(dir, "x"), "--files", "20", "--packages", "1"]).stdout).toBe("gen-corpus: --packages must be a whole number from 2 to 200\n");
  });
});
