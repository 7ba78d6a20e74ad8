/**
 * The command line: parses arguments, loads the program, runs the engine, writes one report, and returns the
 * exit code (0 clean, 1 violations, 2 usage/configuration error or incomplete analysis). Never touches `process`:
 * bin.ts passes in the working directory, the streams and the environment.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { AnalysisResult } from "./analysis/findings.js";
import { describeIncompleteness } from "./analysis/incomplete.js";
import { describeArgumentError, useColor } from "./cli-args.js";
import { UsageError } from "./errors.js";
import { assertWritable, statOrUndefined, writeReport } from "./output-file.js";
import { createProgress, NO_PROGRESS, type Progress } from "./progress.js";
import { FORMATS, REPORTERS, isFormat, type Format } from "./report/index.js";
import { BUG_REPORT_HINT, TOOL_NAME } from "./report/tool-info.js";
import { readToolVersion } from "./tool-version.js";
import { HELP } from "./cli-help.js";

/** What the CLI may touch of the outside world. */
export interface CliIO {
  /** Directory that `--project`, `--output` and reported paths are relative to. */
  cwd: string;
  /** Writes to standard output; the CLI supplies newlines. */
  stdout: (text: string) => void;
  /** Writes to standard error; the CLI supplies newlines. */
  stderr: (text: string) => void;
  /** Whether standard output is a terminal (colour is used only then). */
  stdoutIsTTY: boolean;
  /** Whether standard error is a terminal (the progress line is shown only then). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  /** Told what the run is doing ("loading the program", "analysing 1,234 files"), for a message if it dies there. */
  onPhase?: (phase: string) => void;
}

/** Exit codes, as documented in docs/output-formats.md. */
export const EXIT = { clean: 0, violations: 1, error: 2 } as const;

interface Options {
  project: string;
  config: string | undefined;
  format: Format;
  output: string | undefined;
  baseline: string | undefined;
  updateBaseline: boolean;
  changedSince: string | undefined;
  allowIncomplete: boolean;
  quiet: boolean;
  maxWarnings: number | undefined;
  color: boolean | undefined;
  help: boolean;
  version: boolean;
  summaryOut: string | undefined;
  summaries: string[];
}

/** Runs purpose-lint with `argv` (arguments only, without node and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const started = performance.now();
  try {
    if (argv[0] === "audit") {
      const { runAudit } = await import("./audit/command.js");
      return await runAudit(argv.slice(1), io, started);
    }
    if (argv[0] === "adopt") {
      const { runAdopt } = await import("./adopt/command.js");
      return await runAdopt(argv.slice(1), io);
    }
    if (argv[0] === "candidates") {
      const { runCandidates } = await import("./discovery/command.js");
      return await runCandidates(argv.slice(1), io);
    }
    const options = parseOptions(argv);
    if (options.help) {
      io.stdout(`${HELP}\n`);
      return EXIT.clean;
    }
    if (options.version) {
      io.stdout(`${readToolVersion()}\n`);
      return EXIT.clean;
    }
    return await lint(options, io, started);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${oneLine(error.message)}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(
        `${TOOL_NAME}: internal error: ${oneLine(message)} — ${BUG_REPORT_HINT} ` +
          `with the command you ran (PURPOSE_LINT_DEBUG=1 prints the stack)\n`,
      );
      if (io.env.PURPOSE_LINT_DEBUG === "1" && error instanceof Error && error.stack !== undefined) {
        io.stderr(`${error.stack}\n`);
      }
    }
    return EXIT.error;
  }
}

async function lint(options: Options, io: CliIO, started: number): Promise<number> {
  const outputPath = options.output === undefined ? undefined : path.resolve(io.cwd, options.output);
  if (outputPath !== undefined) assertWritable(outputPath, options.output ?? outputPath);
  // Baseline and git problems are usage errors: report them before spending time on the analysis.
  const { DEFAULT_BASELINE_FILE, filterByBaseline, readBaseline, writeBaseline } = await import("./baseline.js");
  const baselineShown = options.baseline ?? DEFAULT_BASELINE_FILE;
  const baselinePath = path.resolve(io.cwd, baselineShown);
  if (options.updateBaseline) assertWritable(baselinePath, baselineShown, "--baseline");
  const baseline =
    options.baseline !== undefined && !options.updateBaseline ? readBaseline(baselinePath, options.baseline) : undefined;
  let changed: Set<string> | undefined;
  if (options.changedSince !== undefined) {
    const { changedFiles } = await import("./changed-since.js");
    changed = changedFiles(options.changedSince, projectDirectory(path.resolve(io.cwd, options.project)));
  }
  // The progress line goes to a terminal's stderr only, and not while JSON or SARIF streams to stdout.
  const machineToStdout = outputPath === undefined && options.format !== "pretty";
  const progress: Progress =
    io.stderrIsTTY === true && !machineToStdout ? createProgress({ enabled: true, write: io.stderr }) : NO_PROGRESS;
  // A summary in another format, or no summary at all, is a usage error before the program loads.
  const summaries = options.summaries.length === 0 ? [] : (await import("./summaries/read.js")).readSummaries(options.summaries, io.cwd);
  try {
    return await analyseAndReport(options, io, started, {
      summaries,
      outputPath,
      baselinePath,
      baselineShown,
      baseline,
      changed,
      progress,
      filterByBaseline,
      writeBaseline,
    });
  } finally {
    progress.clear();
  }
}

interface RunExtras {
  summaries: readonly import("./summaries/read.js").ReadSummary[];
  outputPath: string | undefined;
  baselinePath: string;
  baselineShown: string;
  baseline: import("./baseline.js").Baseline | undefined;
  changed: Set<string> | undefined;
  progress: Progress;
  filterByBaseline: typeof import("./baseline.js").filterByBaseline;
  writeBaseline: typeof import("./baseline.js").writeBaseline;
}

async function analyseAndReport(options: Options, io: CliIO, started: number, extras: RunExtras): Promise<number> {
  const { outputPath, progress } = extras;
  const timings: [phase: string, ms: number][] = [];
  const timed = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await work();
    timings.push([phase, performance.now() - start]);
    return value;
  };

  // Modules are loaded on demand, so --help, --version and argument errors never pay for the compiler; their
  // load time counts towards the phase that needs them.
  const config = await timed("config", async () => {
    const { loadConfig } = await import("./config/load.js");
    const configOptions = { cwd: io.cwd, ...(options.config === undefined ? {} : { configFile: options.config }) };
    return loadConfig(projectDirectory(path.resolve(io.cwd, options.project)), configOptions);
  });
  progress.update(`${TOOL_NAME}: loading the program…`);
  io.onPhase?.("loading the program");
  const program = await timed("load", async () => {
    const { loadProgram } = await import("./analysis/load.js");
    return loadProgram(options.project, { cwd: io.cwd });
  });
  progress.update(`${TOOL_NAME}: analysing, ${String(program.getSourceFiles().length)} files loaded…`);
  io.onPhase?.(`analysing (${String(program.getSourceFiles().length)} files loaded)`);
  const analysed: AnalysisResult & { summaries?: import("./summaries/apply.js").SummarisedPackages | undefined } = await timed("analyse", async () => {
    const { analyzeProgram } = await import("./analysis/engine.js");
    const exportsOf = options.summaryOut === undefined ? {} : { exportsOf: path.dirname(program.getCompilerOptions().configFilePath as string) };
    const read = extras.summaries.length === 0 ? undefined : (await import("./summaries/apply.js")).summarisedDependencies(program, extras.summaries, readToolVersion());
    const result = analyzeProgram(program, { config, ...exportsOf, ...(read?.packages ? { summaries: read.packages } : {}) });
    return { ...result, notifications: [...(read?.notifications ?? []), ...result.notifications], summaries: read?.packages };
  });
  if (options.summaryOut !== undefined) {
    const { writePackageSummary } = await import("./summaries/package-summary.js");
    const summaries = analysed.summaries;
    writePackageSummary(program, { file: options.summaryOut, cwd: io.cwd, config, toolVersion: readToolVersion(), exports: analysed.exports ?? {}, findings: analysed.findings, ...(summaries ? { summaries } : {}) });
  }

  // The other rules, so CI gives the editor's verdict (src/checks/).
  const problems = await timed("checks", async () => {
    const { checkProgram } = await import("./checks/index.js");
    return checkProgram(program, new Set(analysed.skippedFiles));
  });

  // Suppressions, then the baseline and --changed-since narrow what is reported (and what the exit code counts).
  const { hasReasonlessSuppression } = await import("./suppressions.js");
  const { suppressInSource } = await import("./suppress.js");
  const suppressed = suppressInSource(program, analysed, problems);
  io.onPhase?.("writing the report");
  const gaps = describeIncompleteness(suppressed);
  if (options.updateBaseline) {
    progress.clear();
    if (gaps !== undefined && !options.allowIncomplete) {
      io.stderr(`${TOOL_NAME}: analysis incomplete (${gaps}); the baseline was not written (fix that, or pass --allow-incomplete)\n`);
      return EXIT.error;
    }
    const written = extras.writeBaseline(extras.baselinePath, suppressed.findings, extras.baselineShown);
    const count = written.fingerprints.length;
    io.stderr(`${TOOL_NAME}: wrote ${String(count)} fingerprint${count === 1 ? "" : "s"} to ${extras.baselineShown}\n`);
    return EXIT.clean;
  }
  let findings = suppressed.findings;
  const notes: string[] = [];
  if (extras.baseline !== undefined) {
    const split = extras.filterByBaseline(findings, extras.baseline);
    findings = split.fresh;
    const known = split.known.length;
    const stale = split.stale.length;
    if (known > 0) notes.push(`${String(known)} known violation${known === 1 ? "" : "s"} in the baseline not reported`);
    if (stale > 0) {
      notes.push(`${String(stale)} baseline entr${stale === 1 ? "y no longer occurs" : "ies no longer occur"} (--update-baseline removes them)`);
    }
  }
  let shownProblems = suppressed.problems ?? [];
  if (extras.changed !== undefined) {
    const { filterByChangedFiles, isChangedFile } = await import("./changed-since.js");
    const changed = extras.changed;
    shownProblems = shownProblems.filter((problem) => isChangedFile(problem.location.file, changed));
    const before = findings.length;
    findings = filterByChangedFiles(findings, extras.changed);
    const hidden = before - findings.length;
    if (hidden > 0) {
      notes.push(`${String(hidden)} violation${hidden === 1 ? "" : "s"} outside the files changed since ${options.changedSince ?? ""} not reported`);
    }
  }
  // Warnings are counted before --quiet leaves them out of the report.
  const warnings = suppressed.notifications.filter((n) => n.level === "warning").length;
  const notifications = options.quiet ? suppressed.notifications.filter((n) => n.level !== "warning") : suppressed.notifications;
  const result: AnalysisResult = { ...suppressed, findings, problems: shownProblems, notifications };
  progress.clear();

  const color = useColor(options.color, io.env, outputPath === undefined && io.stdoutIsTTY);
  const report = await timed("report", () =>
    REPORTERS[options.format](result, {
      cwd: io.cwd,
      project: path.resolve(io.cwd, options.project),
      color,
      elapsedMs: performance.now() - started,
      toolVersion: readToolVersion(),
    }),
  );
  if (outputPath === undefined) io.stdout(`${report}\n`);
  else writeReport(outputPath, options.output ?? outputPath, `${report}\n`);

  if (io.env.PURPOSE_LINT_TIMING === "1") {
    for (const [phase, ms] of timings) io.stderr(`${TOOL_NAME} timing: ${phase.padEnd(7)} ${ms.toFixed(1)} ms\n`);
    io.stderr(`${TOOL_NAME} timing: total   ${(performance.now() - started).toFixed(1)} ms\n`);
  }

  for (const note of notes) io.stderr(`${TOOL_NAME}: ${note}\n`);

  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) {
    io.stderr(`${TOOL_NAME}: too many warnings (${String(warnings)}); --max-warnings allows ${String(options.maxWarnings)}\n`);
  }
  const verdict =
    result.findings.length > 0 || shownProblems.length > 0 || hasReasonlessSuppression(suppressed) || tooManyWarnings
      ? EXIT.violations
      : EXIT.clean;
  if (gaps === undefined) return verdict;
  // One line, whatever the format: the report lists each gap, this says what the exit code makes of them.
  // A pretty report on the terminal names each skipped file already; other formats are for machines.
  const named = options.format === "pretty" && outputPath === undefined;
  const names = named ? [] : result.skippedFiles.map((file) => path.relative(io.cwd, file).split(path.sep).join("/"));
  const skipped = names.length > 0 ? ` — skipped: ${names.join(", ")}` : "";
  if (options.allowIncomplete) {
    io.stderr(`${TOOL_NAME}: analysis incomplete (${gaps}), accepted with --allow-incomplete${skipped}\n`);
    return verdict;
  }
  io.stderr(`${TOOL_NAME}: analysis incomplete (${gaps}), exit 2 (--allow-incomplete accepts it)${skipped}\n`);
  return EXIT.error;
}

/** The options every command that analyses a project takes (`purpose-lint`, `purpose-lint audit`). */
export const PROJECT_OPTIONS = {
  project: { type: "string", short: "p" },
  config: { type: "string", short: "c" },
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const;

/** The lint command's flags, for "did you mean". */
const LINT_FLAGS = [
  ...Object.keys(PROJECT_OPTIONS),
  "baseline",
  "summary-out",
  "summaries",
  "update-baseline",
  "changed-since",
  "allow-incomplete",
  "quiet",
  "max-warnings",
  "color",
  "no-color",
  "version",
];

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...PROJECT_OPTIONS,
        baseline: { type: "string" },
        "summary-out": { type: "string" },
        summaries: { type: "string", multiple: true },
        "update-baseline": { type: "boolean" },
        "changed-since": { type: "string" },
        "allow-incomplete": { type: "boolean" },
        quiet: { type: "boolean" },
        "max-warnings": { type: "string" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        version: { type: "boolean", short: "v" },
      },
    }));
  } catch (error) {
    throw new UsageError(describeArgumentError(error, "--help", LINT_FLAGS));
  }
  const maxWarnings = values["max-warnings"];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) {
    throw new UsageError(`--max-warnings expects a whole number of warnings, got "${maxWarnings}" (see --help)`);
  }
  const format = values.format ?? "pretty";
  if (!isFormat(format)) {
    throw new UsageError(`unknown format "${format}" for --format; expected one of ${FORMATS.join(", ")}`);
  }
  return {
    project: values.project ?? "tsconfig.json",
    config: values.config,
    format,
    output: values.output,
    baseline: values.baseline,
    updateBaseline: values["update-baseline"] ?? false,
    changedSince: values["changed-since"],
    allowIncomplete: values["allow-incomplete"] ?? false,
    quiet: values.quiet ?? false,
    maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings),
    // The last of --color / --no-color wins, as in ESLint.
    color: values["no-color"] === true && argv.lastIndexOf("--no-color") > argv.lastIndexOf("--color") ? false : values.color,
    help: values.help ?? false,
    version: values.version ?? false,
    summaryOut: values["summary-out"],
    summaries: values.summaries ?? [],
  };
}

/** The directory a `--project` path stands for: itself when a directory, else the tsconfig's directory. */
export function projectDirectory(project: string): string {
  return statOrUndefined(project)?.isDirectory() === true ? project : path.dirname(project);
}

export { assertWritable, describeArgumentError, readToolVersion, writeReport };

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
