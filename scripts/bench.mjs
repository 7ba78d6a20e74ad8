#!/usr/bin/env node
/**
 * `npm run bench`: purpose-lint against `tsc --noEmit` on generated corpora (200 and 2,000 files by default).
 *
 * For each size: generate `.bench/corpus-<files>/` with scripts/bench-corpus/gen-corpus.mjs (or the generator in
 * PURPOSE_LINT_BENCH_DIR, e.g. ../shared/bench; only when missing or
 * stale), link its node_modules into this repo, run tsc and purpose-lint interleaved (tsc, cli, tsc, cli, …)
 * `--runs` times each, take medians of wall time and peak RSS, score the last SARIF with
 * the same directory's score.mjs, print a table and write `.bench/results.json`. See docs/benchmark.md.
 *
 * Then the ESLint section (issue 3): editor latency — one warm ESLint instance, `lintText` after each of `--edits`
 * edits — with typescript-eslint's recommendedTypeChecked alone (A) and with purpose-lint's configs.recommended
 * added (B), each in its own child process, and a cold `eslint` run over src/**\/*.ts with B next to the CLI.
 *
 * Layout: bench-lib/options.mjs (argv), corpus.mjs (corpus prep), measure.mjs (one timed command),
 * score.mjs (scoring), report.mjs (printing), eslint.mjs (edit plan, SARIF comparison) and eslint-child.mjs (the
 * ESLint measurements, one child each). A new measurement is one more entry in SECTIONS below.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareCorpus } from "./bench-lib/corpus.mjs";
import { checkGnuTime, measureCommand, median } from "./bench-lib/measure.mjs";
import { runEslintSection } from "./bench-lib/eslint-section.mjs";
import { formatMonorepoTable, runMonorepoSection } from "./bench-lib/monorepo.mjs";
import { parseOptions, USAGE, UsageError } from "./bench-lib/options.mjs";
import { formatEslintDetails, formatEslintTables, formatRuns, formatSpeedTable, writeResults } from "./bench-lib/report.mjs";
import { scoreFindings } from "./bench-lib/score.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The CLI entry measured; PURPOSE_LINT_BENCH_CLI overrides it (to test this script with a stand-in). */
const cliEntry = path.resolve(process.env.PURPOSE_LINT_BENCH_CLI || path.join(repo, "dist", "src", "bin.js"));
const log = (message) => process.stderr.write(`${message}\n`);

class BenchFailure extends Error {}

const tail = (text, lines = 40) => text.trimEnd().split("\n").slice(-lines).join("\n");

function packageVersion(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version ?? null;
  } catch {
    return null;
  }
}

/** When dist/ was built (its newest analysis module), so a results file says which engine it measured. */
function builtAt() {
  try {
    const dir = path.join(repo, "dist", "src", "analysis");
    const newest = Math.max(...readdirSync(dir).map((name) => statSync(path.join(dir, name)).mtimeMs));
    return Number.isFinite(newest) ? new Date(newest).toISOString() : null;
  } catch {
    return null;
  }
}

/** Node flags for both tools on one corpus: the same heap limit for both, so memory is compared fairly. */
function nodeFlags(options, files) {
  const heap = options.maxOldSpaceSize ?? (files >= 5000 ? 16000 : undefined);
  return heap === undefined ? [] : [`--max-old-space-size=${heap}`];
}

/** The commands measured on one corpus, by tool. */
function commands(options, corpus) {
  const tsconfig = path.join(corpus.dir, "tsconfig.json");
  const flags = nodeFlags(options, corpus.files);
  return {
    tsc: {
      label: "tsc",
      args: [...flags, path.join(options.repo, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", tsconfig],
      okExitCodes: [0],
    },
    cli: {
      label: "purpose-lint",
      args: [
        ...flags,
        cliEntry,
        "--project",
        tsconfig,
        "--format",
        "sarif",
        "--output",
        corpus.findings,
      ],
      okExitCodes: [0, 1], // 1 = violations found
    },
  };
}

function explainFailure(tool, command, run, corpus) {
  const what = run.timedOut
    ? "timed out"
    : run.signal
      ? `was killed by ${run.signal}`
      : `exited with status ${run.exitCode}`;
  const lines = [`${command.label} on corpus-${corpus.files} ${what}`, `  command: node ${command.args.join(" ")}`];
  if (tool === "tsc" && run.exitCode === 2 && /error TS/.test(run.stdout)) {
    lines.push(
      "  the corpus does not type-check; if the errors are about 'purpose-lint', the node_modules/purpose-lint",
      "  self-link needs a built dist/ (npm run build) — or rerun with --stub",
    );
  }
  if (run.stdout.trim()) lines.push("--- stdout (tail) ---", tail(run.stdout));
  if (run.stderr.trim()) lines.push("--- stderr (tail) ---", tail(run.stderr));
  return lines.join("\n");
}

function summarize(runs) {
  return {
    runs: runs.map(({ wallS, timeWallS, peakKiB, exitCode }) => ({ wallS, timeWallS, peakKiB, exitCode })),
    medianWallS: median(runs.map((run) => run.wallS)),
    medianPeakMiB: median(runs.map((run) => run.peakKiB)) / 1024,
  };
}

/** Section: tsc --noEmit vs purpose-lint, speed, memory and accuracy on one corpus. */
function runSpeedSection(options, corpus) {
  const cmds = commands(options, corpus);
  const runs = Object.fromEntries(options.tools.map((tool) => [tool, []]));
  for (let i = 1; i <= options.runs; i += 1) {
    for (const tool of options.tools) {
      const command = cmds[tool];
      if (tool === "cli") rmSync(corpus.findings, { force: true });
      const run = measureCommand(process.execPath, command.args, {
        cwd: corpus.dir,
        timeoutMs: options.timeoutMs,
        okExitCodes: command.okExitCodes,
      });
      if (!run.ok) throw new BenchFailure(explainFailure(tool, command, run, corpus));
      if (tool === "cli" && !existsSync(corpus.findings)) {
        throw new BenchFailure(
          `purpose-lint exited with status ${run.exitCode} but wrote no ${corpus.findings}\n${tail(run.stderr)}`,
        );
      }
      log(
        `  corpus-${corpus.files} run ${i}/${options.runs}  ${command.label.padEnd(12)} ` +
          `${run.wallS.toFixed(2)} s  ${(run.peakKiB / 1024).toFixed(0)} MiB  exit ${run.exitCode}`,
      );
      runs[tool].push(run);
    }
  }
  const result = {};
  for (const tool of options.tools) result[tool] = summarize(runs[tool]);
  if (result.tsc && result.cli) {
    result.ratio = {
      wall: result.cli.medianWallS / result.tsc.medianWallS,
      memory: result.cli.medianPeakMiB / result.tsc.medianPeakMiB,
    };
  }
  if (result.cli) {
    const score = scoreFindings(options.scorer, corpus.dir, corpus.findings);
    writeFileSync(path.join(corpus.dir, "score.txt"), score.report);
    log(`  corpus-${corpus.files} score: ${score.summary}`);
    const { report: _report, ...rest } = score;
    result.score = rest;
  }
  return result;
}

/** The built ESLint plugin the ESLint section measures (bench-lib/eslint-section.mjs finds it the same way). */
const pluginEntry = path.join(repo, "dist", "rules", "index.js");

/** Measurements per corpus, in order; each gets the corpus's results so far and returns fields to add to them. */
const SECTIONS = [
  { name: "speed", enabled: (options) => options.tools.length > 0, run: runSpeedSection },
  { name: "eslint", enabled: (options) => options.eslint, run: (options, corpus, entry) => runEslintSection(options, corpus, entry, { repo, log, commands, explainFailure, fail: (message) => new BenchFailure(message) }) },
  { name: "monorepo", enabled: (options) => options.packages !== undefined, run: (options, corpus) => runMonorepoSection(options, corpus, { cliEntry, log, fail: (message) => new BenchFailure(message) }) },
];

function checkPrerequisites(options) {
  checkGnuTime();
  for (const [file, what] of [
    [options.generator, "the corpus generator"],
    [options.scorer, "the scorer"],
  ]) {
    if (!existsSync(file)) throw new BenchFailure(`${what} ${file} not found; set PURPOSE_LINT_BENCH_DIR to its directory`);
  }
  if (!existsSync(path.join(repo, "node_modules", "typescript", "bin", "tsc"))) {
    throw new BenchFailure(`${repo}/node_modules/typescript is missing: run npm install first`);
  }
  const needsCli = options.tools.includes("cli") || options.eslint || options.packages !== undefined; // the ESLint section compares with the CLI
  if (needsCli && !existsSync(cliEntry)) {
    throw new BenchFailure(
      `${path.relative(repo, cliEntry)} not found: the purpose-lint CLI is not built (npm run build) or does not exist yet.\n` +
        `To measure tsc alone: node scripts/bench.mjs --only tsc`,
    );
  }
  if (options.eslint) {
    if (!existsSync(pluginEntry)) throw new BenchFailure(`${path.relative(repo, pluginEntry)} not found: run npm run build`);
    for (const name of ["eslint", "typescript-eslint"]) {
      if (!existsSync(path.join(repo, "node_modules", name, "package.json"))) {
        throw new BenchFailure(`${repo}/node_modules/${name} is missing: run npm install first (or --skip-eslint)`);
      }
    }
  }
  if (!options.stub && !existsSync(path.join(repo, "dist", "src", "index.d.ts"))) {
    if (needsCli) {
      throw new BenchFailure("dist/src/index.d.ts not found: run npm run build (or use --stub)");
    }
    log("warning: dist/src/index.d.ts not found (not built); linking the type-only stub as node_modules/purpose-lint");
    options.stub = true;
  }
}

function main(argv) {
  let options;
  try {
    options = parseOptions(argv, repo);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  try {
    checkPrerequisites(options);
    const builtAtStart = builtAt();
    const loadAtStart = os.loadavg();
    if (loadAtStart[0] > os.cpus().length / 2) {
      log(`warning: load average ${loadAtStart[0].toFixed(2)} on ${os.cpus().length} CPUs: other work will inflate wall times`);
    }
    const corpora = [];
    for (const files of options.sizes) {
      const corpus = prepareCorpus(files, options, log);
      corpus.findings = path.join(corpus.dir, "findings.sarif");
      const entry = {
        files: corpus.files,
        lines: corpus.lines,
        leaks: corpus.leakCount,
        nearMisses: corpus.nearMissCount,
        dir: path.relative(repo, corpus.dir),
        regenerated: corpus.generated,
      };
      for (const section of SECTIONS) {
        if (section.enabled(options)) Object.assign(entry, section.run(options, corpus, entry));
      }
      corpora.push(entry);
    }

    if (options.tools.length > 0) {
      console.log(`\npurpose-lint vs tsc --noEmit: medians of ${options.runs} run${options.runs === 1 ? "" : "s"} each (wall time, peak RSS)\n`);
      console.log(formatSpeedTable(corpora));
      console.log(`\nruns (wall/peak RSS):\n${formatRuns(corpora)}`);
    }
    if (options.packages !== undefined) {
      console.log(`\nMonorepo: turbo run purpose-lint against tsc --build, medians of ${options.runs} (wall time)\n\n${formatMonorepoTable(corpora)}`);
    }
    if (options.eslint) {
      const tables = formatEslintTables(corpora);
      console.log(
        `\nESLint editor latency: lintText after an edit, one warm ESLint instance, ${options.edits} edits each (median, p90)\n` +
          `A = typescript-eslint recommendedTypeChecked, B = A + purpose-lint configs.recommended\n`,
      );
      console.log(tables.latency);
      console.log("\nCold eslint over src/**/*.ts with B, next to the purpose-lint CLI\n");
      console.log(tables.cold);
      console.log(`\nESLint details:\n${formatEslintDetails(corpora)}`);
    }

    const results = {
      date: new Date().toISOString(),
      machine: {
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        cpu: os.cpus()[0]?.model ?? "unknown",
        cpus: os.cpus().length,
        memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
        node: process.version,
        loadAverageAtStart: loadAtStart.map((value) => Number(value.toFixed(2))),
        loadAverageAtEnd: os.loadavg().map((value) => Number(value.toFixed(2))),
      },
      versions: {
        typescript: packageVersion(path.join(repo, "node_modules", "typescript")),
        typesNode: packageVersion(path.join(repo, "node_modules", "@types", "node")),
        purposeLint: packageVersion(repo),
        eslint: packageVersion(path.join(repo, "node_modules", "eslint")),
        typescriptEslint: packageVersion(path.join(repo, "node_modules", "typescript-eslint")),
        distBuiltAt: builtAtStart,
        ...(builtAt() === builtAtStart ? {} : { distRebuiltDuringRun: builtAt() }),
      },
      options: {
        runs: options.runs,
        sizes: options.sizes,
        tools: options.tools,
        packages: options.packages ?? null,
        eslint: options.eslint,
        edits: options.eslint ? options.edits : null,
        seed: options.seed,
        leakRate: options.leakRate ?? null,
        nearMissRate: options.nearMissRate ?? null,
        purposeLintLink: options.stub ? "stub" : "repo",
        benchDir: options.benchDir,
        cli: path.relative(repo, cliEntry),
      },
      corpora,
    };
    if (results.versions.distRebuiltDuringRun) {
      log(`warning: dist/ was rebuilt during the run (${builtAtStart} → ${results.versions.distRebuiltDuringRun}): the runs may have measured different builds`);
    }
    writeResults(options.jsonPath, results);
    console.log(`\nresults: ${path.relative(process.cwd(), options.jsonPath) || options.jsonPath}`);
    return 0;
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error;
    console.error(`\nbench: ${error.message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
