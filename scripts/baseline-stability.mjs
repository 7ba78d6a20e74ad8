#!/usr/bin/env node
/**
 * Issue 5's figures on a generated corpus (default .bench/corpus-2000, prepared by `npm run bench`):
 *
 * 1. Baseline stability: write a baseline, make a scripted set of unrelated edits (lines inserted above every
 *    sink, an unrelated function renamed everywhere, a new file), and check that no baselined violation comes
 *    back; then plant one new leak and check that exactly that one is reported.
 * 2. Audit cost: the audit's wall time against a plain run on the same corpus (median of runs).
 *
 *   node scripts/baseline-stability.mjs [--corpus DIR] [--runs N]
 *
 * Works on a copy of the corpus under .bench/ (git-ignored); the corpus itself is not modified.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { corpus: { type: "string" }, runs: { type: "string", default: "3" } } });
const corpus = path.resolve(values.corpus ?? path.join(repo, ".bench/corpus-2000"));
const runs = Number(values.runs);
const cli = path.join(repo, "dist/src/bin.js");
if (!existsSync(path.join(corpus, "expected.json"))) throw new Error(`${corpus} has no expected.json; run npm run bench first`);
if (!existsSync(cli)) throw new Error("dist/src/bin.js is missing; run npm run build");

const work = path.join(repo, ".bench/baseline-work");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(path.join(corpus, "src"), path.join(work, "src"), { recursive: true });
cpSync(path.join(corpus, "tsconfig.json"), path.join(work, "tsconfig.json"));
symlinkSync(path.join(corpus, "node_modules"), path.join(work, "node_modules"));
const expected = JSON.parse(readFileSync(path.join(corpus, "expected.json"), "utf8"));

function purposeLint(args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, "--project", path.join(work, "tsconfig.json"), ...args], { cwd: work, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (run.status === 2) throw new Error(`purpose-lint ${args.join(" ")} exited 2: ${run.stderr}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms };
}

const findingsOf = (run) => JSON.parse(run.stdout).findings;
const baseline = path.join(work, "purpose-lint.baseline.json");

// 1. Baseline, then unrelated edits.
const before = purposeLint(["--format", "json"]);
console.log(`before: ${findingsOf(before).length} violations (${expected.leakCount} planted)`);
purposeLint(["--baseline", baseline, "--update-baseline"]);

const sinkFiles = [...new Set(expected.leaks.map((leak) => leak.file))];
for (const file of sinkFiles) {
  // Insert lines above every sink: a comment block at the top of the file moves every line down.
  const full = path.join(work, file);
  writeFileSync(full, `// Reviewed 2026-11: no behaviour change.\n// (lines inserted to move everything below)\n\n${readFileSync(full, "utf8")}`);
}
const renamed = "formatMoney";
const files = execFileSync("grep", ["-rl", "--include=*.ts", `\\b${renamed}\\b`, path.join(work, "src")], { encoding: "utf8" }).trim().split("\n");
for (const full of files) writeFileSync(full, readFileSync(full, "utf8").replace(new RegExp(`\\b${renamed}\\b`, "g"), "formatMoneyAmount"));
mkdirSync(path.join(work, "src/packages/extra"), { recursive: true });
writeFileSync(
  path.join(work, "src/packages/extra/currency-rates.ts"),
  `export interface Rate {\n  currency: string;\n  perEuro: number;\n}\n\nexport function convert(amountMinor: number, rate: Rate): number {\n  return Math.round(amountMinor * rate.perEuro);\n}\n`,
);
const afterEdits = purposeLint(["--format", "json", "--baseline", baseline]);
const reappeared = findingsOf(afterEdits).length;
console.log(`unrelated edits (${sinkFiles.length} files with lines inserted above sinks, ${renamed} renamed in ${files.length} files, a new file): ${reappeared} baseline violations reappear (exit ${afterEdits.status})`);

// A new planted leak: exactly it is reported.
const target = path.join(work, "src/packages/extra/audience-export.ts");
writeFileSync(
  target,
  `import type { User } from "../identity";\nimport { trackEvent } from "../growth";\n\nexport function exportAudienceMember(user: User): void {\n  trackEvent("audience_member_exported", { phone: user.twoFactorPhone });\n}\n`,
);
const afterLeak = purposeLint(["--format", "json", "--baseline", baseline]);
const fresh = findingsOf(afterLeak);
console.log(`new planted leak: ${fresh.length} new violation(s) reported: ${fresh.map((f) => `${f.sink.location.file}:${f.sink.location.line}`).join(", ")} (exit ${afterLeak.status})`);

// 2. Audit cost against a plain run, interleaved.
rmSync(target);
const plain = [];
const audit = [];
for (let i = 0; i < runs; i++) {
  plain.push(purposeLint(["--format", "json", "--output", path.join(work, "plain.json")]).ms);
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, "audit", "--project", path.join(work, "tsconfig.json"), "--format", "html", "--output", path.join(work, "audit.html")], { cwd: work, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`audit exited ${run.status}: ${run.stderr}`);
  audit.push(performance.now() - started);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`audit: median ${(median(audit) / 1000).toFixed(2)} s vs plain run ${(median(plain) / 1000).toFixed(2)} s: ratio ${(median(audit) / median(plain)).toFixed(2)} (${runs} runs each)`);
