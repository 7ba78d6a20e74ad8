/**
 * The benchmark's ESLint section (docs/benchmark.md): editor latency with configs A, B and S, one child each, then a
 * cold `eslint` over src/ with B whose leak messages are compared with the CLI's SARIF. `deps` are the driver's
 * (scripts/bench.mjs): the repository, its logger, the tsc/CLI commands, how a failed run is explained and failed.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

import { CHILD as ESLINT_CHILD, compareLeaks, LATENCY_RATIO_LIMIT, percentile, planEdits, readSarif } from "./eslint.mjs";
import { measureCommand, median } from "./measure.mjs";

/** The built ESLint plugin measured in config B. */


/** Environment of the ESLint children: a V8 heap of at least 8 GiB (2,000 files of type-aware linting). */
function eslintEnv(options) {
  const heap = Math.max(8192, options.maxOldSpaceSize ?? 0);
  const inherited = (process.env.NODE_OPTIONS ?? "").replace(/--max-old-space-size=\S+/g, "").trim();
  return { ...process.env, NODE_OPTIONS: `${inherited} --max-old-space-size=${heap}`.trim() };
}

/** Runs eslint-child.mjs with one job under GNU time; returns { run, data } (data: the child's JSON line). */
function runEslintChild(options, corpus, job, label, deps) {
  const { explainFailure } = deps;
  const args = [ESLINT_CHILD, JSON.stringify(job)];
  const run = measureCommand(process.execPath, args, { cwd: corpus.dir, env: eslintEnv(options), timeoutMs: options.timeoutMs });
  const command = { label, args: [ESLINT_CHILD, `'${args[1]}'`] }; // as printed on failure: pasteable in a shell
  if (!run.ok) throw deps.fail(explainFailure("eslint", command, run, corpus));
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { run, data: JSON.parse(last) };
  } catch {
    throw deps.fail(`${label} on corpus-${corpus.files} printed no JSON result\n${explainFailure("eslint", command, run, corpus)}`);
  }
}

/** One untimed CLI run writing the corpus's package summary (with its findings), as CI would; returns its path. */
function writeCorpusSummary(options, corpus, deps) {
  const { commands, explainFailure, log } = deps;
  const file = path.join(corpus.dir, ".bench-summary.json");
  const command = commands(options, corpus).cli;
  log(`  corpus-${corpus.files} purpose-lint --summary-out (untimed, for config S) …`);
  const run = measureCommand(process.execPath, [...command.args, "--summary-out", file], { cwd: corpus.dir, timeoutMs: options.timeoutMs, okExitCodes: command.okExitCodes });
  if (!run.ok || !existsSync(file)) throw deps.fail(explainFailure("cli", command, run, corpus));
  return file;
}

/**
 * Section: ESLint. Editor latency with configs A and B (one child each: create the ESLint instance, lint
 * src/main.ts once, then time `--edits` lintText calls on edited files), then a cold `eslint` over src/ with B,
 * whose purpose/no-security-contact-leak messages are compared with the CLI's SARIF (the speed section's last
 * run, or one CLI run here when the speed section did not run it).
 */
export function runEslintSection(options, corpus, entry, deps) {
  const { commands, explainFailure, log } = deps;
  /** The built ESLint plugin measured in configs B and S. */
  const pluginEntry = path.join(deps.repo, "dist", "rules", "index.js");
  const plan = planEdits(corpus.dir, options.edits, options.seed);
  const latency = { warmFile: plan.warmFile, limit: LATENCY_RATIO_LIMIT };
  for (const config of ["A", "B", "S"]) {
    log(`  corpus-${corpus.files} eslint latency ${config}: lint ${plan.warmFile}, then ${plan.edits.length} edits …`);
    // S: B reading the package summary a CI run wrote (its recorded findings serve the first lint).
    const summaries = config === "S" ? { summaries: [writeCorpusSummary(options, corpus, deps)] } : {};
    const job = { mode: "latency", config: config === "S" ? "B" : config, corpus: corpus.dir, plugin: pluginEntry, ...plan, ...summaries };
    const { run, data } = runEslintChild(options, corpus, job, `eslint latency (config ${config})`, deps);
    const times = data.edits.map((edit) => edit.ms);
    const cpuTimes = data.edits.map((edit) => edit.cpuMs);
    latency[config] = {
      createMs: data.createMs,
      firstMs: data.first.ms,
      firstCpuMs: data.first.cpuMs,
      firstMessages: data.first.byRule,
      medianMs: median(times),
      p90Ms: percentile(times, 90),
      medianCpuMs: median(cpuTimes),
      p90CpuMs: percentile(cpuTimes, 90),
      newPrograms: data.edits.filter((edit) => edit.newProgram).length,
      wallS: run.wallS,
      peakMiB: run.peakKiB / 1024,
      edits: data.edits.map(({ i, kind, file, ms, cpuMs, leakMessages, newProgram }) => ({ i, kind, file, ms, cpuMs, leakMessages, newProgram })),
    };
    log(
      `  corpus-${corpus.files} eslint latency ${config}: first ${data.first.ms.toFixed(0)} ms, edits median ` +
        `${latency[config].medianMs.toFixed(0)} ms, p90 ${latency[config].p90Ms.toFixed(0)} ms ` +
        `(${times.map((time) => time.toFixed(0)).join(" ")})`,
    );
  }
  latency.firstRatio = latency.B.firstMs / latency.A.firstMs;
  latency.firstRatioSummary = latency.S.firstMs / latency.A.firstMs;
  latency.ratioSummary = latency.S.medianMs / latency.A.medianMs;
  latency.ratio = latency.B.medianMs / latency.A.medianMs;
  latency.ratioP90 = latency.B.p90Ms / latency.A.p90Ms;
  latency.ratioCpu = latency.B.medianCpuMs / latency.A.medianCpuMs;
  latency.pass = latency.ratio <= LATENCY_RATIO_LIMIT;

  log(`  corpus-${corpus.files} eslint (B) over src/**/*.ts …`);
  const coldJob = { mode: "cold", config: "B", corpus: corpus.dir, plugin: pluginEntry, patterns: ["src/**/*.ts"] };
  const { run, data } = runEslintChild(options, corpus, coldJob, "eslint src/**/*.ts (config B)", deps);
  log(`  corpus-${corpus.files} eslint (B): ${run.wallS.toFixed(2)} s  ${(run.peakKiB / 1024).toFixed(0)} MiB  ${data.leakMessages} leak messages`);

  let cli;
  if (entry.cli) {
    cli = {
      wallS: entry.cli.medianWallS,
      peakMiB: entry.cli.medianPeakMiB,
      source: `median of the speed section's ${entry.cli.runs.length} run(s); findings from its last run`,
    };
  } else {
    const command = commands(options, corpus).cli;
    rmSync(corpus.findings, { force: true });
    log(`  corpus-${corpus.files} purpose-lint (one run, for the comparison) …`);
    const cliRun = measureCommand(process.execPath, command.args, {
      cwd: corpus.dir,
      timeoutMs: options.timeoutMs,
      okExitCodes: command.okExitCodes,
    });
    if (!cliRun.ok || !existsSync(corpus.findings)) throw deps.fail(explainFailure("cli", command, cliRun, corpus));
    log(`  corpus-${corpus.files} purpose-lint: ${cliRun.wallS.toFixed(2)} s  ${(cliRun.peakKiB / 1024).toFixed(0)} MiB`);
    cli = { wallS: cliRun.wallS, peakMiB: cliRun.peakKiB / 1024, source: "one run in the ESLint section (--eslint)" };
  }
  const sarif = readSarif(corpus.findings, corpus.dir);
  cli.findings = sarif.total;
  cli.leakFindings = sarif.leaks.length;
  const leaks = compareLeaks(data.leaks, sarif.leaks);
  log(
    `  corpus-${corpus.files} leak messages: eslint ${leaks.eslint}, CLI ${leaks.cli}` +
      (leaks.sameLocations ? " (same file:line)" : `; only eslint ${JSON.stringify(leaks.onlyEslint)}, only CLI ${JSON.stringify(leaks.onlyCli)}`),
  );
  return {
    eslint: {
      latency,
      cold: {
        wallS: run.wallS,
        peakMiB: run.peakKiB / 1024,
        lintS: data.lintMs / 1000,
        cpuS: data.cpuMs / 1000,
        files: data.files,
        programs: data.programs,
        byRule: data.byRule,
        leakMessages: data.leakMessages,
        cli,
        leaks,
      },
    },
  };
}

