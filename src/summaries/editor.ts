/**
 * Package summaries in the editor (`settings.purpose.summaries` in the ESLint flat config; docs/monorepo.md): the
 * artifacts the CLI reads with `--summaries`, checked the same way, so a package lints with its dependencies'
 * bodies replaced by their summaries, as its CI task analyses it.
 *
 * One setting serves a whole monorepo, so a summary applies to a linted file's program only where the CLI's
 * `--summaries` would: its package has files in the program and is neither the program's own (the tsconfig's) nor
 * the linted file's — those are analysed from their sources; the others are passed over. A stale summary, or a
 * missing one (the task that writes it has not run yet), is a warning, written once per process on stderr, and
 * its package is analysed from its sources: slower, never wrong. A malformed summary, or one in another format,
 * throws the CLI's one line.
 */
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import { UsageError } from "../errors.js";
import { readToolVersion } from "../tool-version.js";
import { SummarisedPackages } from "./apply.js";
import { bindSummaries, packageDirectoryOf, readSummary, summaryFileOf, type ReadSummary } from "./read.js";
import type { Finding } from "../analysis/findings.js";
import type { PurposeConfig } from "../config/types.js";
import { localFindings } from "./own-findings.js";
import { summaryInputs } from "./package-summary.js";

/** How messages name the setting. */
export const SUMMARIES_SETTING = "settings.purpose.summaries";

/** The summaries standing for dependencies in one analysis, and a key naming them (`""`: none, all from sources). */
export interface ProgramSummaries {
  packages: SummarisedPackages | undefined;
  key: string;
}

export const NO_SUMMARIES: ProgramSummaries = { packages: undefined, key: "" };

/** The setting's entries: summary files or package directories, relative to ESLint's working directory. */
export function summarySpecs(settings: unknown): readonly string[] {
  const purpose = (settings as { purpose?: unknown } | null | undefined)?.purpose;
  if (purpose === undefined) return [];
  if (purpose === null || typeof purpose !== "object") throw new UsageError("settings.purpose must be an object ({ summaries: [...] })");
  const summaries = (purpose as { summaries?: unknown }).summaries;
  if (summaries === undefined) return [];
  if (!Array.isArray(summaries) || summaries.some((spec) => typeof spec !== "string" || spec === "")) {
    throw new UsageError(`${SUMMARIES_SETTING} must be a list of package summary files or package directories (paths relative to ESLint's working directory)`);
  }
  return summaries as string[];
}

/**
 * The summaries that apply to `program` when it is linted for `lintedFile`. Bound once per program, linted
 * package and version of the summary files; the key changes whenever what stands for the dependencies does.
 */
export function summariesForLint(program: TS.Program, lintedFile: string, specs: readonly string[], cwd: string): ProgramSummaries {
  if (specs.length === 0) return NO_SUMMARIES;
  const read = specs.flatMap((spec) => optional(readVersion(spec, cwd)));
  const tsconfig = program.getCompilerOptions().configFilePath;
  const own = [...optional(typeof tsconfig === "string" ? path.dirname(tsconfig) : undefined), ...optional(packageOf(lintedFile))];
  const bindingKey = [...own, ...read.map((summary) => String(serials.get(summary)))].join("\n");
  let byKey = bindings.get(program);
  if (byKey === undefined) bindings.set(program, (byKey = new Map<string, ProgramSummaries>()));
  let bound = byKey.get(bindingKey);
  if (bound === undefined) {
    bound = bind(program, read, own);
    byKey.set(bindingKey, bound);
  }
  return bound;
}

/**
 * The findings a listed summary recorded for this very program (`--summary-out` writes them): the summary whose
 * input hash equals the hash of the program's own inputs as the editor sees them — the same files with the same
 * texts, tsconfig chain, configuration, purpose-lint version and dependency summaries. `undefined` when none
 * matches (an edit since, another program): the program is then analysed.
 */
export function ownFindingsForLint(program: TS.Program, specs: readonly string[], cwd: string, config: PurposeConfig, summaries: ProgramSummaries): readonly Finding[] | undefined {
  const tsconfig = program.getCompilerOptions().configFilePath;
  if (specs.length === 0 || typeof tsconfig !== "string") return undefined;
  const recorded = specs.flatMap((spec) => optional(readVersion(spec, cwd))).filter((summary) => summary.document.findings !== undefined);
  if (recorded.length === 0) return undefined;
  const directory = path.dirname(tsconfig);
  const { inputHash } = summaryInputs({ program, directory, tsconfig, config, toolVersion: readToolVersion(), ...(summaries.packages ? { summaries: summaries.packages } : {}) });
  const own = recorded.find((summary) => summary.document.inputHash === inputHash);
  return own?.document.findings === undefined ? undefined : localFindings(own.document.findings, directory);
}

function bind(program: TS.Program, read: readonly ReadSummary[], own: readonly string[]): ProgramSummaries {
  const { bound, notifications } = bindSummaries(program, read, { ownDirectories: own, lenient: true }, readToolVersion());
  for (const notification of notifications) warnOnce(notification.message);
  if (bound.length === 0) return NO_SUMMARIES;
  // The serial tells apart two versions of a summary with the same input hash (edited by hand, or rewritten).
  const key = bound.map((summary) => `${summary.name}=${summary.document.inputHash}#${String(serials.get(summary.document))}`).sort().join(",");
  return { packages: new SummarisedPackages(program, program.getTypeChecker(), bound), key };
}

const bindings = new WeakMap<TS.Program, Map<string, ProgramSummaries>>();

/** Summaries read, by file, with the version (modification time and size) read; re-read when it changes. */
const readFiles = new Map<string, { version: string; summary: ReadSummary }>();
/** A serial per summary read (and its document), for keys. */
const serials = new WeakMap<object, number>();
let nextSerial = 1;

function readVersion(spec: string, cwd: string): ReadSummary | undefined {
  const { file, shown } = summaryFileOf(spec, cwd);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    warnOnce(`${SUMMARIES_SETTING}: ${shown} does not exist (purpose-lint --summary-out writes it): its package is analysed from its sources`);
    return undefined;
  }
  const version = `${String(stat.mtimeMs)}:${String(stat.size)}`;
  const cached = readFiles.get(file);
  if (cached?.version === version) return cached.summary;
  const summary = readSummary(spec, cwd, SUMMARIES_SETTING);
  const serial = nextSerial++;
  serials.set(summary, serial);
  serials.set(summary.document, serial);
  readFiles.set(file, { version, summary });
  return summary;
}

const packages = new Map<string, string | undefined>();

/** The linted file's package directory (its nearest package.json), memoised per directory. */
function packageOf(file: string): string | undefined {
  const directory = path.dirname(path.resolve(file));
  if (!packages.has(directory)) packages.set(directory, packageDirectoryOf(file));
  return packages.get(directory);
}

const warned = new Set<string>();

/** A warning the editor cannot show as a problem in a file: once per process, on stderr (ESLint's output). */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`purpose-lint: warning: ${message}\n`);
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
