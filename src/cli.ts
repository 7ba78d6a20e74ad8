/**
 * The command line: parses arguments, loads the program, runs the engine, writes one report, and returns the
 * exit code (0 clean, 1 violations, 2 usage/configuration error or incomplete analysis). Never touches `process`:
 * bin.ts passes in the working directory, the streams and the environment.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AnalysisResult } from "./analysis/findings.js";
import { UsageError } from "./errors.js";
import { FORMATS, REPORTERS, isFormat, type Format } from "./report/index.js";
import { INFORMATION_URI, TOOL_NAME } from "./report/tool-info.js";

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
  env: Record<string, string | undefined>;
}

/** Exit codes, as documented in docs/output-formats.md. */
export const EXIT = { clean: 0, violations: 1, error: 2 } as const;

const HELP = `Usage: purpose-lint [options]

Reports every flow of a SecurityContact<T> value (two-factor phones, recovery emails) into advertising,
marketing or analytics code.

Options:
  -p, --project <path>   tsconfig.json to analyse, or its directory (default: ./tsconfig.json)
  -f, --format <format>  ${FORMATS.join(" | ")} (default: pretty)
  -o, --output <file>    write the report to <file> instead of standard output
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 no violations · 1 violations · 2 usage or configuration error, or files skipped for syntax errors
Environment: NO_COLOR=1 disables colour · PURPOSE_LINT_TIMING=1 prints per-phase times to standard error`;

interface Options {
  project: string;
  format: Format;
  output: string | undefined;
  help: boolean;
  version: boolean;
}

/** Runs purpose-lint with `argv` (arguments only, without node and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const started = performance.now();
  try {
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
        `${TOOL_NAME}: internal error: ${oneLine(message)} — please report it at ${INFORMATION_URI} ` +
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
  const timings: [phase: string, ms: number][] = [];
  const timed = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await work();
    timings.push([phase, performance.now() - start]);
    return value;
  };

  // Modules are loaded on demand, so --help, --version and argument errors never pay for the compiler; their
  // load time counts towards the phase that needs them.
  const program = await timed("load", async () => {
    const { loadProgram } = await import("./analysis/load.js");
    return loadProgram(options.project, { cwd: io.cwd });
  });
  const result: AnalysisResult = await timed("analyse", async () => {
    const { analyzeProgram } = await import("./analysis/engine.js");
    return analyzeProgram(program);
  });

  const color = outputPath === undefined && io.stdoutIsTTY && (io.env.NO_COLOR ?? "") === "";
  const report = await timed("report", () =>
    REPORTERS[options.format](result, {
      cwd: io.cwd,
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

  if (result.skippedFiles.length > 0) {
    const names = result.skippedFiles.map((file) => path.relative(io.cwd, file).split(path.sep).join("/"));
    io.stderr(
      `${TOOL_NAME}: skipped ${String(names.length)} file${names.length === 1 ? "" : "s"} with syntax errors, ` +
        `results are incomplete: ${names.join(", ")}\n`,
    );
    return EXIT.error;
  }
  return result.findings.length > 0 ? EXIT.violations : EXIT.clean;
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        project: { type: "string", short: "p" },
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    }));
  } catch (error) {
    throw new UsageError(describeArgumentError(error));
  }
  const format = values.format ?? "pretty";
  if (!isFormat(format)) {
    throw new UsageError(`unknown format "${format}" for --format; expected one of ${FORMATS.join(", ")}`);
  }
  return {
    project: values.project ?? "tsconfig.json",
    format,
    output: values.output,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** parseArgs' messages suggest `--` tricks that do not apply here; say it shorter, naming the argument. */
function describeArgumentError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return quoted === undefined ? `${oneLine(message)} (see --help)` : `unknown option ${quoted} (see --help)`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted ?? ""}; use --project to choose the tsconfig (see --help)`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${oneLine(message)} (see --help)`;
    default:
      return oneLine(message);
  }
}

/** Fails before any analysis if the report could not be written. `shown` is the path as the user typed it. */
function assertWritable(file: string, shown: string): void {
  const stat = statOrUndefined(file);
  if (stat?.isDirectory() === true) throw new UsageError(`--output ${shown}: is a directory`);
  const target = stat === undefined ? path.dirname(file) : file;
  const parent = statOrUndefined(path.dirname(file));
  if (parent === undefined) throw new UsageError(`--output ${shown}: directory ${path.dirname(shown)} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`--output ${shown}: ${path.dirname(shown)} is not a directory`);
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--output ${shown}: not writable`);
  }
}

function writeReport(file: string, shown: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "write failed";
    throw new UsageError(`--output ${shown}: could not write the report (${reason})`);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

let cachedVersion: string | undefined;

/** The version in purpose-lint's own package.json, found upward from this module (src/ or dist/src/). */
export function readToolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, "package.json");
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === TOOL_NAME && typeof pkg.version === "string") return (cachedVersion = pkg.version);
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = path.dirname(directory);
    if (parent === directory) return (cachedVersion = "0.0.0");
    directory = parent;
  }
}
