/**
 * Turborepo runs purpose-lint per package (issue 13, item 3): fixtures/monorepo/turborepo's turbo.json task, run
 * twice through the real `turbo` binary with a fresh local cache, misses on every package first and hits on every
 * package second, with identical reports and summaries restored from the cache; the reports together name the
 * findings of the whole-program run, each package reading its dependencies' summaries instead of their sources
 * (`--summaries`). The fixture is copied to a temp dir (with the repo layout its tsconfig
 * expects), where `purpose-lint` on the PATH is the built CLI; telemetry, the daemon and remote caching are off.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../src/report/json.js";
import { REPO, runIn } from "./bad-input-utils.js";

const FIXTURE = path.join(REPO, "fixtures", "monorepo", "turborepo");
const TURBO = path.join(REPO, "node_modules", ".bin", "turbo");
const PACKAGES = ["apps/web", "packages/growth", "packages/identity"];
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-turbo-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

const probe = fs.existsSync(TURBO) ? spawnSync(TURBO, ["--version"], { encoding: "utf8", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } }) : undefined;
const runnable = probe?.status === 0;
if (!runnable) console.warn(`turbo.test.ts skipped: the turbo binary cannot run on ${process.platform}-${process.arch} (${probe?.error?.message ?? probe?.stderr ?? "not installed"})`);

/** The fixture at fixtures/monorepo/turborepo of a copy of the repo's layout, with purpose-lint on the PATH. */
function workspace(): string {
  const root = path.join(TMP, "fixtures", "monorepo", "turborepo");
  fs.cpSync(FIXTURE, root, { recursive: true });
  fs.copyFileSync(path.join(REPO, "fixtures", "tsconfig.base.json"), path.join(TMP, "fixtures", "tsconfig.base.json"));
  fs.mkdirSync(path.join(TMP, "runtime"));
  fs.copyFileSync(path.join(REPO, "runtime", "security-contact.ts"), path.join(TMP, "runtime", "security-contact.ts"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(TMP, "node_modules")); // @types/node for the base tsconfig
  const bin = path.join(root, "node_modules", ".bin");
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, "purpose-lint"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO, "dist", "src", "bin.js")}" "$@"\n`, { mode: 0o755 });
  return root;
}

function turbo(root: string): { output: string; status: number | null } {
  const result = spawnSync(TURBO, ["run", "purpose-lint", `--cache-dir=${path.join(TMP, "cache")}`, "--no-daemon", "--output-logs=hash-only", "--log-order=grouped"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", TURBO_API: "", TURBO_TOKEN: "", TURBO_TEAM: "", FORCE_COLOR: "0", NO_COLOR: "1" },
    timeout: 240_000,
  });
  return { output: `${result.stdout}${result.stderr}`, status: result.status };
}

function artifacts(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pkg of PACKAGES) {
    for (const file of ["purpose-lint.summary.json", "purpose-lint.report.json"]) out[`${pkg}/${file}`] = fs.readFileSync(path.join(root, pkg, file), "utf8");
  }
  return out;
}

function removeArtifacts(root: string): void {
  for (const pkg of PACKAGES) for (const file of ["purpose-lint.summary.json", "purpose-lint.report.json"]) fs.rmSync(path.join(root, pkg, file));
}

describe.skipIf(!runnable)("turbo run purpose-lint (fixtures/monorepo/turborepo)", () => {
  it("a second run is all cache hits, restoring identical summaries and reports", async () => {
    const root = workspace();
    const first = turbo(root);
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(/Cached:\s+0 cached, 3 total/);
    const before = artifacts(root);
    removeArtifacts(root); // restored from the cache, not left over
    const second = turbo(root);
    expect(second.status, second.output).toBe(0);
    expect(second.output).toMatch(/Cached:\s+3 cached, 3 total/);
    expect(second.output).toMatch(/FULL TURBO/);
    expect(artifacts(root)).toEqual(before);

    // Each package's report, its dependencies' flows included, together: the whole-program run's findings.
    const sinkOf = (pkg: string) => (f: JsonReport["findings"][number]) => path.posix.normalize(`${pkg}/${f.sink.location.file}`);
    const perPackage = new Set(PACKAGES.flatMap((pkg) => (JSON.parse(before[`${pkg}/purpose-lint.report.json`]!) as JsonReport).findings.map(sinkOf(pkg))));
    const whole = await runIn(root, ["--project", "tsconfig.json", "--format", "json"]);
    const wholeSinks = new Set((JSON.parse(whole.stdout) as JsonReport).findings.map(sinkOf(".")));
    expect([...perPackage].sort()).toEqual([...wholeSinks].sort());
    expect(wholeSinks.size).toBe(2);
    // The dependants read their dependencies' summaries (the task runs them first), not their sources: growth's own
    // finding is in growth's report only, and web's inputs are its own files and the summaries' hashes.
    const web = (file: string) => JSON.parse(before[`apps/web/${file}`]!) as Record<string, any>;
    expect(web("purpose-lint.report.json").findings.map(sinkOf("apps/web"))).toEqual(["apps/web/src/signup.ts"]);
    expect(Object.keys(web("purpose-lint.summary.json").inputs.summaries)).toEqual(["@acme/growth", "@acme/identity"]);
    expect(Object.keys(web("purpose-lint.summary.json").inputs.files).filter((file) => file.includes("packages/"))).toEqual([]);

    // The summaries carry their format, an input hash, and no absolute path.
    for (const pkg of PACKAGES) {
      const text = before[`${pkg}/purpose-lint.summary.json`]!;
      expect(text).not.toContain(TMP);
      expect(JSON.parse(text)).toMatchObject({ format: "purpose-lint/package-summary@1", inputHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as unknown });
    }
  }, 300_000);
});

describe("the Nx equivalent (fixtures/monorepo/turborepo/nx.json)", () => {
  it("declares the same dependency order, inputs and outputs as the turbo task", () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURE, file), "utf8")) as Record<string, any>;
    const task = read("turbo.json").tasks["purpose-lint"];
    const nx = read("nx.json");
    const target = nx.targetDefaults["purpose-lint"];
    expect(target.dependsOn).toEqual(task.dependsOn);
    expect(target.cache).toBe(true);
    expect(target.outputs).toEqual(task.outputs.map((file: string) => `{projectRoot}/${file}`));
    const nxInputs = nx.namedInputs[target.inputs[0]].map((input: string) => input.replace("{projectRoot}/", "").replace("{workspaceRoot}/", "$TURBO_ROOT$/").replace("/**/*", "/**"));
    expect(nxInputs).toEqual(task.inputs);
  });
});
