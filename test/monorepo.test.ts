/**
 * Whole-monorepo analysis (issue 13, item 1): a solution-style tsconfig and a workspace root (package.json
 * `workspaces`, pnpm-workspace.yaml) are analysed as one program across their packages, from sources (no dist/),
 * with the same findings as one combined program. fixtures/monorepo/acme is committed (fixtures.test.ts also runs it
 * with its markers); the pnpm and error cases are written into a temp dir here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest, workspacePackages } from "../src/analysis/workspaces.js";
import type { JsonReport } from "../src/report/json.js";
import { REPO, runIn } from "./bad-input-utils.js";

const ACME = path.join(REPO, "fixtures", "monorepo", "acme");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-monorepo-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

/** Writes `files` (relative path → text) under a fresh directory and returns it. */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(TMP, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function findings(cwd: string, argv: string[]): Promise<{ code: number; stderr: string; report: JsonReport }> {
  const result = await runIn(cwd, [...argv, "--format", "json"]);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`no JSON report (exit ${String(result.code)}): ${result.stderr}`);
  }
  return { code: result.code, stderr: result.stderr, report };
}

const sinkLines = (report: JsonReport): string[] => report.findings.map((f) => `${f.sink.location.file}:${String(f.sink.location.line)}`).sort();

describe("fixtures/monorepo/acme", () => {
  it("the solution tsconfig, the workspace root and one combined program report identical findings", async () => {
    const combined = await findings(ACME, ["--project", "tsconfig.combined.json"]);
    expect(sinkLines(combined.report)).toEqual(["apps/web/src/signup.ts:7", "packages/growth/src/index.ts:17"]);
    for (const argv of [["--project", "tsconfig.json"], ["--project", "package.json"], ["--project", "."], []]) {
      const result = await findings(ACME, argv);
      expect(result.stderr, argv.join(" ")).toBe("");
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.report.findings, argv.join(" ")).toEqual(combined.report.findings);
    }
  });

  it("no longer asks for one of the references: the solution is analysed from unbuilt sources", async () => {
    expect(fs.existsSync(path.join(ACME, "packages", "identity", "dist"))).toBe(false);
    const result = await runIn(path.join(REPO, "fixtures", "monorepo"), ["--project", "acme/tsconfig.json"]);
    expect(result.stderr).not.toMatch(/one of its references/);
    expect(result.stdout).toContain("2 violations");
    expect(result.code).toBe(1);
  });
});

const OPTIONS = { strict: true, target: "ES2022", lib: ["ES2022"], module: "ESNext", moduleResolution: "Bundler", types: [], composite: true, rootDir: "src", outDir: "dist" };
const BRAND = "export type SecurityContact<T> = T & { readonly __securityContact: true };\n";
const pkg = (name: string): string => JSON.stringify({ name, type: "module", types: "./dist/index.d.ts", exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } });
const tsconfig = (references: string[] = []): string => JSON.stringify({ compilerOptions: OPTIONS, include: ["src"], references: references.map((p) => ({ path: p })) });

/** A pnpm workspace as `pnpm install` leaves it (packages linked into node_modules), none of them built. */
function pnpmWorkspace(name: string, manifest: string): string {
  const dir = project(name, {
    "pnpm-workspace.yaml": manifest,
    "package.json": JSON.stringify({ name: "root", private: true }),
    "packages/identity/package.json": pkg("@acme/identity"),
    "packages/identity/tsconfig.json": tsconfig(),
    "packages/identity/src/index.ts": `${BRAND}export interface User {\n  email: string;\n  twoFactorPhone: SecurityContact<string>;\n}\n`,
    "packages/growth/package.json": pkg("@acme/growth"),
    "packages/growth/tsconfig.json": tsconfig(),
    "packages/growth/src/index.ts": "/** @sink analytics */\nexport function track(event: string, properties: object): void {\n  void event;\n  void properties;\n}\n",
    "packages/docs/package.json": pkg("@acme/docs"), // no tsconfig.json: nothing to analyse there
    "packages/legacy/package.json": pkg("@acme/legacy"),
    "packages/legacy/tsconfig.json": tsconfig(),
    "packages/legacy/src/index.ts": "export const broken: number = ;\n", // excluded by "!packages/legacy"
    "apps/web/package.json": JSON.stringify({ name: "web", private: true }),
    "apps/web/tsconfig.json": tsconfig(["../../packages/identity", "../../packages/growth"]),
    "apps/web/src/main.ts": [
      'import type { User } from "@acme/identity";',
      'import { track } from "@acme/growth";',
      "export function onLogin(user: User): void {",
      '  track("login", { phone: user.twoFactorPhone });',
      '  track("login", { email: user.email });',
      "}",
      "",
    ].join("\n"),
  });
  for (const linked of ["identity", "growth"]) {
    fs.mkdirSync(path.join(dir, "node_modules", "@acme"), { recursive: true });
    fs.symlinkSync(path.join(dir, "packages", linked), path.join(dir, "node_modules", "@acme", linked), "dir");
  }
  return dir;
}

describe("workspace roots", () => {
  it("a pnpm workspace root (no tsconfig.json) is analysed across its packages, linked but not built", async () => {
    const dir = pnpmWorkspace("pnpm", "# the workspace\npackages:\n  - 'packages/*'\n  - \"apps/**\" # apps too\n  - '!packages/legacy'\ncatalog:\n  react: ^19\n");
    for (const argv of [[], ["--project", "."], ["--project", "pnpm-workspace.yaml"]]) {
      const result = await findings(dir, argv);
      expect(result.stderr, argv.join(" ")).toBe("");
      expect(sinkLines(result.report), argv.join(" ")).toEqual(["apps/web/src/main.ts:4"]);
      expect(result.code).toBe(1);
    }
  });

  it("reads the globs of npm, yarn classic and pnpm flow-style manifests", () => {
    const dir = pnpmWorkspace("globs", "packages: ['packages/*', '!packages/legacy']\n");
    expect(readManifest(path.join(dir, "pnpm-workspace.yaml")).patterns).toEqual(["packages/*", "!packages/legacy"]);
    const packages = workspacePackages(readManifest(path.join(dir, "pnpm-workspace.yaml"))).map((p) => path.relative(dir, p));
    expect(packages).toEqual(["packages/docs", "packages/growth", "packages/identity"]);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ workspaces: { packages: ["apps/*", "./packages/identity/"] } }));
    const yarn = workspacePackages(readManifest(path.join(dir, "package.json"))).map((p) => path.relative(dir, p));
    expect(yarn).toEqual(["apps/web", "packages/identity"]);
  });

  it("explains a workspace whose packages have no tsconfig, and a malformed manifest, in one line (exit 2)", async () => {
    const empty = project("no-tsconfigs", { "package.json": JSON.stringify({ workspaces: ["packages/*"] }), "packages/a/package.json": "{}" });
    const none = await runIn(empty, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("purpose-lint: package.json: none of its 1 workspace packages has a tsconfig.json; pass --project for a tsconfig\n");
    const malformed = project("malformed", { "package.json": JSON.stringify({ workspaces: "packages/*" }) });
    const bad = await runIn(malformed, ["--project", "package.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('purpose-lint: package.json: "workspaces" must be an array of globs (or { "packages": [...] })\n');
    const plain = project("plain", { "package.json": JSON.stringify({ name: "x" }) });
    const noProject = await runIn(plain, ["--project", "."]);
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toMatch(/^purpose-lint: .*plain: directory has no tsconfig\.json \(nor a workspace manifest/);
    const adopt = await runIn(ACME, ["adopt", "--project", "package.json"]);
    expect(adopt.code).toBe(2);
    expect(adopt.stderr).toBe("purpose-lint: adopt: package.json: a workspace root; adopt one package at a time (--project packages/<name>)\n");
  });
});
