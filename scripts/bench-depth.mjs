#!/usr/bin/env node
/**
 * Depth benchmark (issue 9): how purpose-lint copes with deep code. For each shape — a `+` chain, nested
 * parentheses, nested calls, a chain of functions each calling the next — and each size, doubled up to 50,000, it
 * generates a one-file project with a security contact planted at the bottom, runs the built CLI (dist/src/bin.js)
 * under GNU time, and prints the wall time, the peak memory and whether the planted flow was reported.
 *
 *   npm run bench:depth                                   # every shape, 782 … 50,000
 *   node scripts/bench-depth.mjs --sizes 1000,2000 --shapes plus,chain --timeout 600
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkGnuTime, measureCommand } from "./bench-lib/measure.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = process.env.PURPOSE_LINT_BENCH_CLI || path.join(REPO, "dist", "src", "bin.js");

const PRELUDE = [
  "export type SecurityContact<T> = T & { readonly __securityContact: true };",
  "interface User {",
  "  twoFactorPhone: SecurityContact<string>;",
  "}",
  "/** @sink advertising */",
  "export function upload(value: unknown): void {",
  "  void value;",
  "}",
  "function id<T>(x: T): T {",
  "  return x;",
  "}",
];

/** Each shape: the file's lines after the prelude, and the 1-based line of the sink argument. */
const SHAPES = {
  plus: (n) => ({
    what: "`a + a + …` chain, n terms",
    lines: ["export function go(user: User): void {", "  const a = user.twoFactorPhone;", `  upload(${Array(n).fill("a").join(" + ")});`, "}"],
    sinkLine: PRELUDE.length + 3,
  }),
  parens: (n) => ({
    what: "n nested parentheses",
    lines: ["export function go(user: User): void {", `  upload(${"(".repeat(n)}user.twoFactorPhone${")".repeat(n)});`, "}"],
    sinkLine: PRELUDE.length + 2,
  }),
  calls: (n) => ({
    what: "n nested calls `id(id(…))`",
    lines: ["export function go(user: User): void {", `  upload(${"id(".repeat(n)}user.twoFactorPhone${")".repeat(n)});`, "}"],
    sinkLine: PRELUDE.length + 2,
  }),
  chain: (n) => {
    const lines = [];
    for (let i = 0; i < n; i++) lines.push(`export function f${i}(x: string): void {`, `  ${i === n - 1 ? "upload(x)" : `f${i + 1}(x)`};`, "}");
    lines.push("export function start(user: User): void {", "  f0(user.twoFactorPhone);", "}");
    return { what: "n functions, each calling the next", lines, sinkLine: PRELUDE.length + 3 * (n - 1) + 2 };
  },
};

const DEFAULT_SIZES = [782, 1563, 3125, 6250, 12500, 25000, 50000];

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string" },
      shapes: { type: "string" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("Usage: node scripts/bench-depth.mjs [--sizes 782,…,50000] [--shapes plus,parens,calls,chain] [--timeout SECONDS (default 900)]");
    process.exit(0);
  }
  const sizes = values.sizes ? values.sizes.split(",").map(Number) : DEFAULT_SIZES;
  const shapes = values.shapes ? values.shapes.split(",") : Object.keys(SHAPES);
  for (const shape of shapes) if (!(shape in SHAPES)) throw new Error(`unknown shape ${shape}; expected ${Object.keys(SHAPES).join(", ")}`);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes takes positive integers");
  return { sizes, shapes, timeoutMs: Number(values.timeout ?? 900) * 1000 };
}

function project(dir, shape) {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  const compilerOptions = { strict: true, target: "ES2022", lib: ["ES2022"], module: "ESNext", moduleResolution: "Bundler", types: [] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
  fs.writeFileSync(path.join(dir, "src", "app.ts"), `${[...PRELUDE, ...shape.lines].join("\n")}\n`);
}

function found(result, shape) {
  try {
    const report = JSON.parse(result.stdout);
    const hit = report.findings.some((f) => f.sink.location.file.endsWith("app.ts") && f.sink.location.line === shape.sinkLine);
    return { hit, incomplete: report.summary?.incomplete === true };
  } catch {
    return { hit: false, incomplete: undefined };
  }
}

function main() {
  checkGnuTime();
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} not found: run npm run build first`);
  const { sizes, shapes, timeoutMs } = options();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pl-bench-depth-"));
  const rows = [];
  console.log("| shape | n | wall s | peak MB | planted flow | exit | complete |");
  console.log("|---|---:|---:|---:|---|---:|---|");
  try {
    for (const name of shapes) {
      for (const n of sizes) {
        const shape = SHAPES[name](n);
        const dir = path.join(scratch, `${name}-${n}`);
        project(dir, shape);
        const result = measureCommand(process.execPath, [CLI, "--format", "json"], { cwd: dir, timeoutMs, okExitCodes: [0, 1, 2] });
        const { hit, incomplete } = found(result, shape);
        const row = {
          shape: name,
          n,
          wallS: result.wallS,
          peakMB: result.peakKiB / 1024,
          found: hit,
          exit: result.timedOut ? "timeout" : (result.exitCode ?? result.signal),
          complete: incomplete === undefined ? "—" : incomplete ? "no" : "yes",
        };
        rows.push(row);
        console.log(`| ${name} | ${n.toLocaleString("en-US")} | ${row.wallS.toFixed(1)} | ${Number.isFinite(row.peakMB) ? row.peakMB.toFixed(0) : "—"} | ${hit ? "found" : "**MISSED**"} | ${row.exit} | ${row.complete} |`);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const missed = rows.filter((row) => !row.found);
  console.log(missed.length === 0 ? `\nEvery planted flow was reported (${rows.length} runs).` : `\n${missed.length} of ${rows.length} planted flows were NOT reported.`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main();
