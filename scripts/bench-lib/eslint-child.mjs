#!/usr/bin/env node
/**
 * The ESLint side of the benchmark, run by scripts/bench.mjs in a child process per measurement (so the caches of
 * one configuration never help another). One argument: a JSON job (see eslint.mjs, `latencyJob` / `coldJob`).
 * Prints one line of JSON on stdout (everything else goes to stderr) and exits 0, or prints the error and exits 1.
 *
 *   { "mode": "latency", "config": "A" | "B", "corpus": DIR, "plugin": FILE, "warmFile": REL, "edits": [{ "file", "kind" }] }
 *     new ESLint, lintText(warmFile) once (the first run), then one lintText per edit on the edited text; times each
 *     (wall, and this process's CPU time, which a busy machine inflates less).
 *   { "mode": "cold", "config": "B", "corpus": DIR, "plugin": FILE, "patterns": ["src/**\/*.ts"] }
 *     new ESLint, lintFiles(patterns); counts messages by rule and lists the leak rule's.
 *
 * Config A: typescript-eslint's recommendedTypeChecked with the project service rooted at the corpus. Config B: A
 * plus purpose-lint's configs.recommended (the built plugin, dist/rules/index.js); with `"summaries": [paths]` in
 * the job, B also sets `settings.purpose.summaries` (package summaries standing for dependencies, docs/monorepo.md).
 * Both also carry `bench/program`, a rule that does no linting and only notes whether the file was linted against a
 * ts.Program not seen before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

import { ESLint } from "eslint";
import tseslint from "typescript-eslint";

import { editText } from "./eslint.mjs";

const LEAK_RULE = "purpose/no-security-contact-leak";

const job = JSON.parse(process.argv[2] ?? "null");
if (!job || !["latency", "cold"].includes(job.mode) || !["A", "B"].includes(job.config)) {
  console.error("usage: eslint-child.mjs '{\"mode\":\"latency\"|\"cold\",\"config\":\"A\"|\"B\",...}'");
  process.exit(2);
}

const corpus = path.resolve(job.corpus);

/** Programs seen by `bench/program`, and whether the last linted file brought a new one. */
const programs = new WeakSet();
let programCount = 0;
let lastProgramWasNew = false;
const probe = {
  meta: { name: "bench-probe" },
  rules: {
    program: {
      meta: { type: "suggestion", schema: [] },
      create(context) {
        const program = context.sourceCode.parserServices?.program;
        lastProgramWasNew = false;
        if (program && !programs.has(program)) {
          programs.add(program);
          programCount += 1;
          lastProgramWasNew = true;
        }
        return {};
      },
    },
  },
};

async function buildConfig() {
  const config = [...tseslint.configs.recommendedTypeChecked];
  if (job.config === "B") {
    const plugin = (await import(pathToFileURL(path.resolve(job.plugin)).href)).default;
    config.push(plugin.configs.recommended);
    if (Array.isArray(job.summaries)) config.push({ settings: { purpose: { summaries: job.summaries } } });
  }
  config.push(
    { files: ["**/*.ts"], plugins: { bench: probe }, rules: { "bench/program": "error" } },
    { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: corpus } } },
  );
  return config;
}

/** Messages by rule id ("(fatal)" for parse errors); throws on a fatal message, which would make the timing moot. */
function tally(results) {
  const byRule = {};
  const leaks = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        throw new Error(`${path.relative(corpus, result.filePath)}:${message.line}: fatal: ${message.message}`);
      }
      const rule = message.ruleId ?? "(none)";
      byRule[rule] = (byRule[rule] ?? 0) + 1;
      if (rule === LEAK_RULE) {
        leaks.push({ file: path.relative(corpus, result.filePath).split(path.sep).join("/"), line: message.line, column: message.column });
      }
    }
  }
  return { byRule, leaks };
}

async function lintOnce(eslint, file, text) {
  const filePath = path.join(corpus, file);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await eslint.lintText(text, { filePath });
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const { byRule } = tally(results);
  return { file, ms, cpuMs: (user + system) / 1000, byRule, leakMessages: byRule[LEAK_RULE] ?? 0, newProgram: lastProgramWasNew };
}

async function latency() {
  const overrideConfig = await buildConfig();
  let started = performance.now();
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig });
  const createMs = performance.now() - started;
  const buffers = new Map(); // the "editor": each file's current text, edits accumulate per file
  const read = (file) => buffers.get(file) ?? readFileSync(path.join(corpus, file), "utf8");

  started = performance.now();
  const first = await lintOnce(eslint, job.warmFile, read(job.warmFile));
  first.totalMs = performance.now() - started + createMs;

  const edits = [];
  for (const [index, edit] of job.edits.entries()) {
    const i = index + 1;
    const { text, kind } = editText(read(edit.file), i, edit.kind);
    buffers.set(edit.file, text);
    const run = await lintOnce(eslint, edit.file, text);
    process.stderr.write(`    ${job.config} edit ${String(i).padStart(2)} ${kind.padEnd(7)} ${run.ms.toFixed(0).padStart(6)} ms  ${edit.file}\n`);
    edits.push({ i, kind, ...run });
  }
  return { createMs, first, edits, programs: programCount };
}

async function cold() {
  const overrideConfig = await buildConfig();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig });
  const results = await eslint.lintFiles(job.patterns ?? ["src/**/*.ts"]);
  const lintMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const { byRule, leaks } = tally(results);
  return { lintMs, cpuMs: (user + system) / 1000, files: results.length, byRule, leakMessages: byRule[LEAK_RULE] ?? 0, leaks, programs: programCount };
}

try {
  const result = job.mode === "latency" ? await latency() : await cold();
  process.stdout.write(`${JSON.stringify({ mode: job.mode, config: job.config, ...result })}\n`);
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exitCode = 1;
}
