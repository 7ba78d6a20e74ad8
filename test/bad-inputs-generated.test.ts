/**
 * The generated half of the bad-input corpus (issue 9): cases that need symlinks, a device, or megabytes of
 * source are written into a temp dir here rather than committed. Each is run through the CLI in-process and
 * checked like the committed cases (exit code, the one stderr line, the surviving findings).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
const USER = "interface User {\n  twoFactorPhone: SecurityContact<string>;\n}\n";
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

describe("budgets (issue 9, item 4)", () => {
  /** `f0(x) → f1(x) → … → f{n-1}(x) → upload(x)`, entered with a security contact; the sink is on line 6 + n. */
  const forwardChain = (n: number): string => {
    let text = `${BRAND}${USER}${SINK}`;
    for (let i = 0; i < n; i++) text += `export function f${String(i)}(x: string): void {\n  ${i === n - 1 ? "upload(x)" : `f${String(i + 1)}(x)`};\n}\n`;
    return `${text}export function start(user: User): void {\n  f0(user.twoFactorPhone);\n}\n`;
  };
  /** `start` uploads what `g0` returns; `g{n-1}` reads the security contact `g0 → … ` return up the chain. */
  const returnChain = (n: number): string => {
    let text = `${BRAND}${USER}${SINK}`;
    for (let i = 0; i < n; i++) text += `export function g${String(i)}(user: User): string {\n  return ${i === n - 1 ? "user.twoFactorPhone" : `g${String(i + 1)}(user)`};\n}\n`;
    return `${text}export function start(user: User): void {\n  upload(g0(user));\n}\n`;
  };

  it.each([60, 1_000])("a %i-function call chain into a sink is followed to the end, completely", async (n) => {
    const dir = project(`forward-${String(n)}`, { "tsconfig.json": TSCONFIG, "src/app.ts": forwardChain(n) });
    const report = await runCase(dir, { description: "", exit: 1, findings: [`src/app.ts:${String(9 + 3 * (n - 1) + 1)}`] });
    expect(report?.summary.incomplete).toBe(false);
  });

  it.each([60, 1_000])("a security contact returned up a %i-function chain reaches the sink at its top", async (n) => {
    const dir = project(`return-${String(n)}`, { "tsconfig.json": TSCONFIG, "src/app.ts": returnChain(n) });
    const report = await runCase(dir, { description: "", exit: 1, findings: [`src/app.ts:${String(9 + 3 * n + 1)}`] });
    expect(report?.summary.incomplete).toBe(false);
  });

  it("recursion that builds a new closure at every level, in 30 functions, is widened in one notification", async () => {
    let text = `${BRAND}${USER}${SINK}`;
    for (let i = 0; i < 30; i++) {
      text += `function wrap${String(i)}(run: () => string, depth: number): () => string {\n  if (depth === 0) return run;\n  return wrap${String(i)}(() => \`\${run()}.\`, depth - 1);\n}\nexport function use${String(i)}(): string {\n  return wrap${String(i)}(() => "x", 100)();\n}\n`;
    }
    text += "export function leak(user: User): void {\n  upload(user.twoFactorPhone);\n}\n";
    const dir = project("widened", { "tsconfig.json": TSCONFIG, "src/app.ts": text });
    const lines = text.split("\n").length - 1;
    const report = await runCase(dir, {
      description: "",
      exit: 2,
      stderr: ["analysis incomplete (30 functions widened)"],
      findings: [`src/app.ts:${String(lines - 1)}`],
    });
    const widened = report?.notifications.filter((n) => n.kind === "widened") ?? [];
    expect(widened).toHaveLength(1);
    expect(widened[0]?.count).toBe(30);
    expect(widened[0]?.message).toMatch(/^30 functions were summarised conservatively .*30 for recursion that builds a new context at every level.*wrap0 \(src\/app\.ts:9\).*and 27 more$/);
    expect(report?.notifications.filter((n) => n.kind !== "widened")).toEqual([]);
  });
});
