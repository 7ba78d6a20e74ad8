#!/usr/bin/env node
// `npm test` after `pretest` has emitted dist/ (`--noCheck`: the type-check below covers src and rules too): the
// type-check, the lint and the vitest suite side by side, so the single-threaded tsc and eslint runs share the
// cores with vitest's workers instead of running before them.
// vitest prints as it goes; the type-check's and the lint's output follow it. Exit 0 only when all three pass.
// Arguments go to vitest (`npm test -- -t demo`).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** A package's executable, run with this node (no shell, so the same on Windows). */
const bin = (file) => [process.execPath, path.join(root, "node_modules", file)];

/** Runs a command in the repository; resolves to its exit code and, unless streamed, its output. */
function run(label, [command, ...args], { stream = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ label, code: 2, output: `${String(error)}\n` }));
    child.on("close", (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0), output }));
  });
}

const started = Date.now();
const results = await Promise.all([
  run("vitest", [...bin("vitest/vitest.mjs"), "run", ...process.argv.slice(2)], { stream: true }),
  run("typecheck (tsc -p tsconfig.json --noEmit)", [...bin("typescript/bin/tsc"), "-p", "tsconfig.json", "--noEmit"]),
  run("lint (eslint src rules)", [...bin("eslint/bin/eslint.js"), "src", "rules"]),
]);

for (const { label, code, output } of results) {
  if (label === "vitest") continue;
  process.stdout.write(`${code === 0 ? "✓" : "✗"} ${label}${code === 0 ? "" : `: exit ${String(code)}`}\n`);
  if (output.trim() !== "") process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
}
const failed = results.filter((result) => result.code !== 0).map((result) => result.label);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
process.stdout.write(`type-check, lint and tests ${failed.length === 0 ? "passed" : `failed (${failed.join(", ")})`} in ${seconds} s\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
