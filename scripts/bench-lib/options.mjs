/**
 * Command-line options of `scripts/bench.mjs`.
 */
import path from "node:path";
import { parseArgs } from "node:util";

export const USAGE = `usage: node scripts/bench.mjs [--sizes 200,2000] [--runs 3] [--only tsc|cli] [--eslint | --skip-eslint]
                           [--edits 20] [--seed S] [--leak-rate R] [--near-miss-rate R] [--regenerate] [--stub]
                           [--max-old-space-size MB] [--timeout S] [--json FILE] [--packages P]

Generates corpora with scripts/bench-corpus/gen-corpus.mjs into .bench/corpus-<files>/, runs
\`tsc --noEmit\` and purpose-lint on each (interleaved: tsc, cli, tsc, cli, ...), and prints median wall
time, median peak RSS, their ratio, and recall/precision from scripts/bench-corpus/score.mjs. Then the ESLint
section: editor latency (lintText after an edit, one warm ESLint instance) with typescript-eslint's
recommendedTypeChecked alone (A) and with purpose-lint's configs.recommended added (B), and a cold
\`eslint\` run over src/**/*.ts with B next to the CLI.

  --sizes LIST              comma-separated corpus sizes in files, 10 to 20000 (default: 200,2000)
  --runs N                  timed runs per tool and corpus; medians are reported (default: 3)
  --only tsc|cli            measure only one side (no ratio; no scoring with --only tsc; no ESLint section)
  --eslint                  only the ESLint section (no tsc runs; the CLI runs once, for the comparison)
  --skip-eslint             no ESLint section
  --edits N                 edits timed per ESLint configuration; median and p90 are reported (default: 20)
  --seed S                  generator seed, also picks the edited files (default: 1)
  --leak-rate R             generator leak rate (default: the generator's, 0.025)
  --near-miss-rate R        generator near-miss rate (default: the leak rate)
  --regenerate              regenerate the corpora even if they are up to date
  --stub                    link a type-only stub as node_modules/purpose-lint instead of the repo itself
  --max-old-space-size MB   V8 heap limit for both tools (default: 16000 from 5,000 files, else Node's;
                            the ESLint children get at least 8192)
  --timeout S               kill a run after S seconds and fail (default: 1800)
  --json FILE               where to write the results (default: .bench/results.json)
  --packages P              instead: the generated monorepo of P packages (default size 2000), cold
                            \`turbo run purpose-lint\` against \`tsc --build\`, a warm run after an edit in the
                            leaf package, and the per-package reports against the whole-program run

Environment: PURPOSE_LINT_BENCH_DIR  the directory holding gen-corpus.mjs and score.mjs
             (default: scripts/bench-corpus; ../shared/bench is a second, independent corpus)
             PURPOSE_LINT_BENCH_WORK_DIR  where the corpora are written (default: .bench)`;

export class UsageError extends Error {}

function positiveInteger(text, name, min, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

function rate(text, name) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 0.5) throw new UsageError(`${name} must be a number from 0 to 0.5`);
  return value;
}

/** Parses argv into bench options; returns null for --help. Throws UsageError. */
export function parseOptions(argv, repo) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sizes: { type: "string" },
        packages: { type: "string" },
        runs: { type: "string", default: "3" },
        only: { type: "string" },
        eslint: { type: "boolean", default: false },
        "skip-eslint": { type: "boolean", default: false },
        edits: { type: "string", default: "20" },
        seed: { type: "string", default: "1" },
        "leak-rate": { type: "string" },
        "near-miss-rate": { type: "string" },
        regenerate: { type: "boolean", default: false },
        stub: { type: "boolean", default: false },
        "max-old-space-size": { type: "string" },
        timeout: { type: "string", default: "1800" },
        json: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return null;
  const packages = values.packages === undefined ? undefined : positiveInteger(values.packages, "--packages", 2, 200);
  if (packages !== undefined && (values.only !== undefined || values.eslint || values["skip-eslint"])) {
    throw new UsageError("--packages runs its own comparison: it cannot be combined with --only, --eslint or --skip-eslint");
  }
  const sizes = (values.sizes ?? (packages === undefined ? "200,2000" : "2000"))
    .split(",")
    .map((part) => part.trim().replaceAll("_", ""))
    .filter(Boolean)
    .map((part) => positiveInteger(part, "--sizes", 10, 20_000));
  if (sizes.length === 0) throw new UsageError("--sizes needs at least one size");
  if (values.only !== undefined && values.only !== "tsc" && values.only !== "cli") {
    throw new UsageError(`--only must be "tsc" or "cli", not "${values.only}"`);
  }
  if (values.eslint && (values.only !== undefined || values["skip-eslint"])) {
    throw new UsageError("--eslint cannot be combined with --only or --skip-eslint");
  }
  // The project's own generator and scorer; PURPOSE_LINT_BENCH_DIR=../shared/bench runs the second, independent corpus.
  const benchDir = path.resolve(repo, process.env.PURPOSE_LINT_BENCH_DIR || "scripts/bench-corpus");
  return {
    sizes: [...new Set(sizes)],
    runs: positiveInteger(values.runs, "--runs", 1, 100),
    packages,
    tools: packages !== undefined || values.eslint ? [] : values.only ? [values.only] : ["tsc", "cli"],
    eslint: packages === undefined && (values.eslint || (values.only === undefined && !values["skip-eslint"])),
    edits: positiveInteger(values.edits, "--edits", 1, 1000),
    seed: values.seed,
    leakRate: rate(values["leak-rate"], "--leak-rate"),
    nearMissRate: rate(values["near-miss-rate"], "--near-miss-rate"),
    regenerate: values.regenerate,
    stub: values.stub,
    maxOldSpaceSize:
      values["max-old-space-size"] === undefined
        ? undefined
        : positiveInteger(values["max-old-space-size"], "--max-old-space-size", 64, 1_000_000),
    timeoutMs: positiveInteger(values.timeout, "--timeout", 1, 86_400) * 1000,
    jsonPath: path.resolve(values.json ?? path.join(repo, process.env.PURPOSE_LINT_BENCH_WORK_DIR || ".bench", "results.json")),
    repo,
    benchDir,
    generator: path.join(benchDir, "gen-corpus.mjs"),
    scorer: path.join(benchDir, "score.mjs"),
    workDir: path.resolve(repo, process.env.PURPOSE_LINT_BENCH_WORK_DIR || ".bench"),
  };
}
