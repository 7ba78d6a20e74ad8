/**
 * The generated half of the bad-input corpus (issue 9): cases that need symlinks, a device, or megabytes of
 * source are written into a temp dir here rather than committed. Each is run through the CLI in-process and
 * checked like the committed cases (exit code, the one stderr line, the surviving findings).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCase } from "./bad-input-utils.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-bad-inputs-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

/** Writes `files` (relative path → text) under a fresh case directory and returns it. */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(TMP, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const COMPILER_OPTIONS = { strict: true, target: "ES2022", lib: ["ES2022"], module: "ESNext", moduleResolution: "Bundler", types: [] };
const TSCONFIG = JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ["src"] });
const BRAND = "export type SecurityContact<T> = T & { readonly __securityContact: true };\n";
const SINK = "/** @sink advertising */\nexport function upload(value: unknown): void {\n  void value;\n}\n";

describe("generated bad inputs", () => {
  it("a workspace package symlinked into node_modules, its types pointing at an unbuilt dist/, keeps its flows", async () => {
    const lib = { ...COMPILER_OPTIONS, composite: true, rootDir: "src", outDir: "dist" };
    const dir = project("workspace", {
      "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "packages/lib" }, { path: "packages/app" }] }),
      "packages/lib/package.json": JSON.stringify({ name: "@acme/lib", types: "./dist/index.d.ts", exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } }),
      "packages/lib/tsconfig.json": JSON.stringify({ compilerOptions: lib, include: ["src"] }),
      "packages/lib/src/index.ts": `${BRAND}${SINK}export function forward(phone: string): void {\n  upload(phone);\n}\n`,
      "packages/app/tsconfig.json": JSON.stringify({ compilerOptions: lib, include: ["src"], references: [{ path: "../lib" }] }),
      "packages/app/src/main.ts": 'import { forward, type SecurityContact } from "@acme/lib";\nexport function go(phone: SecurityContact<string>): void {\n  forward(phone);\n}\n',
    });
    fs.mkdirSync(path.join(dir, "node_modules", "@acme"), { recursive: true });
    fs.symlinkSync(path.join(dir, "packages", "lib"), path.join(dir, "node_modules", "@acme", "lib"), "dir");
    await runCase(dir, { description: "", exit: 1, findings: ["packages/lib/src/index.ts:7"] });
  });

  it.skipIf(!fs.existsSync("/dev/full"))("--output to a full device is refused before the analysis", async () => {
    const dir = project("full-device", {
      "tsconfig.json": TSCONFIG,
      "src/app.ts": `${BRAND}${SINK}export function go(phone: SecurityContact<string>): void {\n  upload(phone);\n}\n`,
    });
    await runCase(dir, { description: "", args: ["--output", "/dev/full"], exit: 2, stderr: ["--output /dev/full: the device refuses writes (ENOSPC)"] });
  });

  it("a directory symlink loop inside an included directory is walked once", async () => {
    const dir = project("symlink-loop", {
      "tsconfig.json": TSCONFIG,
      "src/app.ts": `${BRAND}${SINK}export function go(phone: SecurityContact<string>): void {\n  upload(phone);\n}\n`,
    });
    fs.symlinkSync(path.join(dir, "src"), path.join(dir, "src", "loop"), "dir");
    await runCase(dir, { description: "", exit: 1, findings: ["src/app.ts:7"] });
  });
});
