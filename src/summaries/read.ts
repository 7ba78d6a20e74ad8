/**
 * Reading package summaries (`--summaries`, docs/monorepo.md): each file is checked for its format before the
 * program loads (another major version or a malformed file is a usage error: one line naming the file, exit 2),
 * then bound to the package it summarises — the program's files whose nearest package.json carries its `package`
 * name — and checked against those files: a summary written from other sources, by another purpose-lint, or from a
 * dependency's summary that has changed since is stale, and that package is analysed from its sources instead.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import { UsageError } from "../errors.js";
import type { Finding, Notification } from "../analysis/findings.js";
import type { PackageExports } from "../analysis/export-summaries.js";
import { SUMMARY_FORMAT } from "./package-summary.js";
import { problemIn } from "./validate.js";

/** The file `--summaries <directory>` reads: what `--summary-out` is given in the documented task. */
export const SUMMARY_FILE = "purpose-lint.summary.json";

export interface SummaryDocument {
  format: string;
  package?: string;
  inputHash: string;
  inputs: { files: Record<string, string>; summaries?: Record<string, string>; tool?: string };
  exports: PackageExports;
  /** The package's own findings, for the editor's first lint (own-findings.ts). */
  findings?: Finding[];
}

export interface ReadSummary {
  /** As the user gave it (or `<dir>/purpose-lint.summary.json`), for messages. */
  shown: string;
  file: string;
  document: SummaryDocument;
}

/** A summary bound to its package's directory, up to date with the program's files. */
export interface BoundSummary extends ReadSummary {
  name: string;
  directory: string;
}

/** Reads and checks each `--summaries` argument: a summary file, or a directory holding purpose-lint.summary.json. */
export function readSummaries(specs: readonly string[], cwd: string): ReadSummary[] {
  return specs.map((spec) => readSummary(spec, cwd));
}

/** Where a summary argument points: the file itself, or `<dir>/purpose-lint.summary.json`; `shown` for messages. */
export function summaryFileOf(spec: string, cwd: string): { file: string; shown: string } {
  const given = path.resolve(cwd, spec);
  const isDirectory = fs.existsSync(given) && fs.statSync(given).isDirectory();
  return isDirectory ? { file: path.join(given, SUMMARY_FILE), shown: path.join(spec, SUMMARY_FILE) } : { file: given, shown: spec };
}

/**
 * Reads and checks one summary. Problems are a `UsageError` naming it as `<flag> <spec>` (`--summaries`, or the
 * ESLint setting).
 */
export function readSummary(spec: string, cwd: string, flag = "--summaries"): ReadSummary {
  const { file, shown } = summaryFileOf(spec, cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`${flag} ${shown}: no such file (write it with --summary-out)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${flag} ${shown}: not JSON, so not a package summary`);
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  const major = typeof format === "string" ? /^purpose-lint\/package-summary@(\d+)(?:\.\d+)*$/.exec(format)?.[1] : undefined;
  if (major !== undefined && `purpose-lint/package-summary@${major}` !== SUMMARY_FORMAT) {
    throw new UsageError(`${flag} ${shown}: format ${String(format)} is not one this purpose-lint reads (${SUMMARY_FORMAT}); write it again with this version`);
  }
  const problem = problemIn(parsed) ?? (major === undefined ? `its format is ${JSON.stringify(format)}` : undefined);
  if (problem !== undefined) throw new UsageError(`${flag} ${shown}: not a purpose-lint package summary (${problem})`);
  return { shown, file, document: parsed as SummaryDocument };
}

/**
 * Which summaries do not apply to a program: by default (the CLI) a summary of a package the program does not
 * contain, or of the package being analysed, is a usage error; the editor, whose one setting lists every package's
 * summary, passes over them (`lenient`), and over those of `ownDirectories` (the linted file's package too).
 */
export interface BindOptions {
  ownDirectories: readonly string[];
  lenient?: boolean;
}

/**
 * Binds each summary to its package in the program. Up-to-date summaries are returned; a stale one gives a
 * warning and is left out (its package is analysed from its sources, as without it).
 */
export function bindSummaries(program: TS.Program, read: readonly ReadSummary[], options: BindOptions, toolVersion: string): { bound: BoundSummary[]; notifications: Notification[] } {
  const directories = packageDirectories(program);
  const hashes = new Map(read.flatMap((r) => (r.document.package === undefined ? [] : [[r.document.package, r.document.inputHash] as const])));
  const own = new Set(options.ownDirectories.map((directory) => path.resolve(directory)));
  const bound: BoundSummary[] = [];
  const notifications: Notification[] = [];
  for (const summary of read) {
    const name = summary.document.package ?? path.dirname(summary.file);
    const directory = summary.document.package === undefined ? path.dirname(summary.file) : directories.get(summary.document.package);
    if (options.lenient && (directory === undefined || own.has(path.resolve(directory)))) continue;
    if (directory === undefined) throw new UsageError(`--summaries ${summary.shown}: no file of the program belongs to ${name}`);
    if (own.has(path.resolve(directory))) throw new UsageError(`--summaries ${summary.shown}: is the summary of the package being analysed, not of a dependency`);
    const stale = staleness(program, summary.document, directory, toolVersion, hashes);
    if (stale === undefined) {
      bound.push({ ...summary, name, directory });
      continue;
    }
    notifications.push({
      level: "warning",
      kind: "stale-summary",
      message: `the summary ${summary.shown} of ${name} is stale (${stale}): ${name} is analysed from its sources instead`,
    });
  }
  return { bound, notifications };
}

/** Why a summary no longer describes the files on disk, or `undefined` when it does. */
function staleness(program: TS.Program, document: SummaryDocument, directory: string, toolVersion: string, hashes: ReadonlyMap<string, string>): string | undefined {
  if (document.inputs.tool !== undefined && document.inputs.tool !== toolVersion) return `written by purpose-lint ${document.inputs.tool}, this is ${toolVersion}`;
  for (const [file, hash] of Object.entries(document.inputs.files)) {
    const absolute = path.resolve(directory, file);
    const sourceFile = program.getSourceFile(absolute);
    const text = sourceFile?.text ?? readOrUndefined(absolute);
    if (text === undefined) return `${file} no longer exists`;
    if ((sourceFile ? hashOf(sourceFile) : sha256(text)) !== hash) return `${file} changed since it was written`;
  }
  for (const file of program.getSourceFiles()) {
    const relative = path.relative(directory, file.fileName).split(path.sep).join("/");
    if (file.isDeclarationFile || relative.startsWith("..") || relative.includes("node_modules/")) continue;
    if (!(relative in document.inputs.files)) return `${relative} is new`;
  }
  for (const [name, hash] of Object.entries(document.inputs.summaries ?? {})) {
    const current = hashes.get(name);
    if (current !== undefined && current !== hash) return `it was written from another summary of ${name}`;
  }
  return undefined;
}

/** Package names of the program's source files, by their nearest package.json, with that file's directory. */
function packageDirectories(program: TS.Program): Map<string, string> {
  const byDirectory = new Map<string, string | undefined>();
  const out = new Map<string, string>();
  const nearest = (directory: string): string | undefined => {
    if (byDirectory.has(directory)) return byDirectory.get(directory);
    let found: string | undefined;
    const manifest = readOrUndefined(path.join(directory, "package.json"));
    if (manifest !== undefined) {
      found = directory;
      const name = nameIn(manifest);
      if (name !== undefined && !out.has(name)) out.set(name, directory);
    } else {
      const parent = path.dirname(directory);
      found = parent === directory ? undefined : nearest(parent);
    }
    byDirectory.set(directory, found);
    return found;
  };
  for (const file of program.getSourceFiles()) if (!file.isDeclarationFile && !file.fileName.includes("/node_modules/")) nearest(path.dirname(file.fileName));
  return out;
}

function nameIn(manifest: string): string | undefined {
  try {
    const name = (JSON.parse(manifest) as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A program's file hashed once: the editor checks the same unchanged files against summaries after each edit. */
const fileHashes = new WeakMap<TS.SourceFile, string>();
function hashOf(file: TS.SourceFile): string {
  let hash = fileHashes.get(file);
  if (hash === undefined) fileHashes.set(file, (hash = sha256(file.text)));
  return hash;
}

/** The nearest package.json's directory of a file (a package's root), if any. */
export function packageDirectoryOf(file: string): string | undefined {
  for (let directory = path.dirname(path.resolve(file)); ; ) {
    if (fs.existsSync(path.join(directory, "package.json"))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
