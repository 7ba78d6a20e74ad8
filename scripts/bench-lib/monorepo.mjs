/**
 * `npm run bench -- --packages P`: the generated monorepo (gen-corpus.mjs --packages P) analysed package by package
 * through Turborepo, against `tsc --build` (issue 13, item 3; docs/monorepo.md, "Turborepo").
 *
 * Each run, from a clean tree (no dist/, no .tsbuildinfo, no reports or summaries, an empty turbo cache):
 *   1. `tsc --build tsconfig.json` (cold; its outputs are removed again afterwards);
 *   2. `turbo run purpose-lint` (cold: every package a cache miss, run in dependency order);
 *   3. one edit in the leaf package (the last one, which nothing depends on), then `turbo run purpose-lint` again
 *      (warm: that package misses, the others hit); the edit is undone.
 * Then one whole-program run (`--project tsconfig.json`, SARIF) is scored against the answer key, and its findings
 * compared with the per-package reports put together, by fingerprint.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureCommand, median } from "./measure.mjs";
import { scoreFindings } from "./score.mjs";

const REPORT = "purpose-lint.report.json";
const SUMMARY = "purpose-lint.summary.json";
const TURBO_ENV = { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", TURBO_API: "", TURBO_TOKEN: "", TURBO_TEAM: "", FORCE_COLOR: "0", NO_COLOR: "1" };

/** The packages' directories, in the generator's order (core, p1, …), the leaf last. */
function packageDirs(corpus) {
  const names = readdirSync(path.join(corpus, "packages"));
  const order = (name) => (name === "core" ? 0 : Number(name.slice(1)));
  return names.sort((a, b) => order(a) - order(b)).map((name) => path.join(corpus, "packages", name));
}

/** `purpose-lint` on the packages' PATH (npm adds the root's node_modules/.bin), as an install would put it. */
function linkBinaries(corpus, cliEntry) {
  const bin = path.join(corpus, "node_modules", ".bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, "purpose-lint"), `#!/bin/sh\nexec "${process.execPath}" "${cliEntry}" "$@"\n`, { mode: 0o755 });
}

function clean(packages, cache) {
  for (const dir of packages) {
    for (const output of ["dist", "tsconfig.tsbuildinfo", ".turbo", REPORT, SUMMARY]) rmSync(path.join(dir, output), { recursive: true, force: true });
  }
  rmSync(cache, { recursive: true, force: true });
}

/** "Cached: 19 cached, 20 total" from turbo's output. */
function cacheCounts(output) {
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : undefined;
}

export function runMonorepoSection(options, corpus, { cliEntry, log, fail }) {
  const packages = packageDirs(corpus.dir);
  const leaf = packages.at(-1);
  const cache = path.join(corpus.dir, ".turbo-cache");
  const turboBin = path.join(options.repo, "node_modules", ".bin", "turbo");
  if (!existsSync(turboBin)) throw fail(`${turboBin} not found: run npm install (turbo is a devDependency)`);
  linkBinaries(corpus.dir, cliEntry);
  const features = path.join(leaf, "src", "features");
  const edited = path.join(features, readdirSync(features).sort()[0]);
  const label = `mono-${corpus.files}-p${packages.length}`;
  const run = (what, command, args, okExitCodes = [0]) => {
    const result = measureCommand(command, args, { cwd: corpus.dir, env: { ...process.env, ...TURBO_ENV }, timeoutMs: options.timeoutMs, okExitCodes });
    if (!result.ok) throw fail(`${what} on ${label} failed (exit ${result.exitCode ?? result.signal})\n${`${result.stdout}${result.stderr}`.trimEnd().split("\n").slice(-40).join("\n")}`);
    return result;
  };
  const turbo = ["run", "purpose-lint", `--cache-dir=${cache}`, "--output-logs=errors-only"];
  const runs = { tsc: [], cold: [], warm: [] };
  for (let i = 1; i <= options.runs; i += 1) {
    clean(packages, cache);
    runs.tsc.push(run("tsc --build", process.execPath, [path.join(options.repo, "node_modules", "typescript", "bin", "tsc"), "--build", "tsconfig.json"]));
    clean(packages, cache);
    const cold = run("turbo run purpose-lint (cold)", turboBin, turbo);
    runs.cold.push({ ...cold, cache: cacheCounts(cold.stdout) });
    const original = readFileSync(edited, "utf8");
    appendFileSync(edited, `\nexport const benchEdit${i} = ${i};\n`);
    try {
      const warm = run("turbo run purpose-lint (after an edit in the leaf package)", turboBin, turbo);
      runs.warm.push({ ...warm, cache: cacheCounts(warm.stdout) });
    } finally {
      writeFileSync(edited, original);
    }
    const [t, c, w] = [runs.tsc, runs.cold, runs.warm].map((list) => list.at(-1));
    log(`  ${label} run ${i}/${options.runs}  tsc --build ${t.wallS.toFixed(1)} s · turbo cold ${c.wallS.toFixed(1)} s · warm ${w.wallS.toFixed(1)} s (${w.cache?.cached ?? "?"}/${w.cache?.total ?? "?"} cached)`);
  }
  // The reports of the last warm run (the leaf's own, the others restored from the cache), put together.
  const perPackage = new Set(packages.flatMap((dir) => JSON.parse(readFileSync(path.join(dir, REPORT), "utf8")).findings.map((f) => f.fingerprint)));
  const sarifFile = path.join(corpus.dir, "findings.sarif");
  rmSync(sarifFile, { force: true });
  const whole = run("purpose-lint --project tsconfig.json", process.execPath, [cliEntry, "--project", "tsconfig.json", "--format", "sarif", "--output", sarifFile], [0, 1]);
  const wholeFingerprints = new Set(
    JSON.parse(readFileSync(sarifFile, "utf8"))
      .runs.flatMap((r) => r.results ?? [])
      .filter((result) => result.ruleId === "purpose/no-security-contact-leak")
      .map((result) => Object.values(result.partialFingerprints ?? {})[0]),
  );
  const score = scoreFindings(options.scorer, corpus.dir, sarifFile);
  log(`  ${label} whole program ${whole.wallS.toFixed(1)} s, ${score.summary}; per-package reports ${perPackage.size} fingerprints, whole ${wholeFingerprints.size}`);
  const summarize = (list) => ({
    runs: list.map(({ wallS, peakKiB, cache: counts }) => ({ wallS, peakKiB, ...(counts ? { cache: counts } : {}) })),
    medianWallS: median(list.map((r) => r.wallS)),
    medianPeakMiB: median(list.map((r) => r.peakKiB)) / 1024,
  });
  const [tsc, cold, warm] = [runs.tsc, runs.cold, runs.warm].map(summarize);
  return {
    monorepo: {
      packages: packages.length,
      edited: path.relative(corpus.dir, edited),
      tscBuild: tsc,
      turboCold: cold,
      turboWarm: warm,
      ratio: { coldToTscBuild: cold.medianWallS / tsc.medianWallS, warmToCold: warm.medianWallS / cold.medianWallS },
      whole: { wallS: whole.wallS, peakMiB: whole.peakKiB / 1024, score: { recall: score.recall, precision: score.precision, expected: score.expected, found: score.found } },
      findings: {
        perPackage: perPackage.size,
        whole: wholeFingerprints.size,
        equal: perPackage.size === wholeFingerprints.size && [...perPackage].every((fingerprint) => wholeFingerprints.has(fingerprint)),
      },
    },
  };
}

/** The section's Markdown table. */
export function formatMonorepoTable(corpora) {
  const rows = corpora.filter((entry) => entry.monorepo).map((entry) => {
    const m = entry.monorepo;
    const s = (value) => `${value.toFixed(1)} s`;
    return `| ${entry.files} | ${m.packages} | ${s(m.tscBuild.medianWallS)} | ${s(m.turboCold.medianWallS)} | ${m.ratio.coldToTscBuild.toFixed(2)}x | ${s(m.turboWarm.medianWallS)} | ${m.ratio.warmToCold.toFixed(2)}x | ${m.whole.score.recall?.toFixed(3)} / ${m.whole.score.precision?.toFixed(3)} | ${m.findings.perPackage} / ${m.findings.whole} ${m.findings.equal ? "equal" : "NOT equal"} |`;
  });
  return [
    "| files | packages | tsc --build | turbo cold | cold / tsc | turbo warm (leaf edited) | warm / cold | whole program recall / precision | fingerprints per-package / whole |",
    "|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ...rows,
  ].join("\n");
}
