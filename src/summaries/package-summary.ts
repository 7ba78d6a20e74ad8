/**
 * The package summary file (`--summary-out`, docs/monorepo.md): what a package's exports do with security contacts,
 * as a build artifact a task runner caches. Deterministic bytes — keys sorted, paths relative to the package's
 * directory with "/", no timestamps — a format version, and a hash of every input the analysis read: the source
 * files of the program (the package's own and, without summaries for them, its dependencies'), the tsconfig
 * chain, the purpose-lint configuration and the tool's version.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { UsageError } from "../errors.js";
import type { PurposeConfig } from "../config/types.js";
import type { PackageExports } from "../analysis/export-summaries.js";
import type { SummarisedPackages } from "./apply.js";
import type { Finding } from "../analysis/findings.js";
import { portableFindings } from "./own-findings.js";

export const SUMMARY_FORMAT = "purpose-lint/package-summary@1";

export interface DefinedSink {
  name: string;
  purpose: string;
  at: string;
}

export interface PackageSummaryInput {
  program: TS.Program;
  /** The package's directory: the tsconfig's. */
  directory: string;
  tsconfig: string;
  /** The purpose-lint configuration as the analysis used it. */
  config: PurposeConfig;
  toolVersion: string;
  exports: PackageExports;
  /**
   * The violations the run found (before suppressions and the baseline), for the editor's first lint
   * (own-findings.ts); absent when not asked for.
   */
  findings?: readonly Finding[];
  /** Dependencies read from their summaries: their files are no inputs, their summaries' hashes are. */
  summaries?: SummarisedPackages;
}

/**
 * What the analysis read, relative to the package's directory, and its hash: the program's source files (without
 * the dependencies' that summaries stand for), the tsconfig chain, the configuration, the tool's version and the
 * summaries read. The editor recomputes it for its own program to tell whether a summary's findings still hold.
 */
export function summaryInputs(input: Omit<PackageSummaryInput, "exports">): { inputs: SummaryInputs; inputHash: string; sources: TS.SourceFile[] } {
  const { program, directory } = input;
  const shown = shownFrom(directory);
  const sources = program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/"));
  const read = sources.filter((file) => input.summaries?.covers(file) !== true);
  const files: Record<string, string> = Object.fromEntries(read.map((file): [string, string] => [shown(file.fileName), sha256(file.text)]));
  const configs = tsconfigChain(input.tsconfig).map((file): [string, string] => [shown(file), sha256(fs.readFileSync(file, "utf8"))]);
  const inputs = { files, tsconfig: Object.fromEntries(configs), config: sha256(canonical(portable(input.config, shown))), tool: input.toolVersion, summaries: input.summaries?.hashes() ?? {} };
  return { inputs, inputHash: `sha256:${sha256(canonical(inputs))}`, sources };
}

export interface SummaryInputs {
  files: Record<string, string>;
  tsconfig: Record<string, string>;
  config: string;
  tool: string;
  summaries: Record<string, string>;
}

/** The summary document, serialised: the same inputs give the same bytes on any machine. */
export function packageSummaryText(input: PackageSummaryInput): string {
  const { directory } = input;
  const shown = shownFrom(directory);
  const { inputs, inputHash, sources } = summaryInputs(input);
  const packageName = readPackageName(directory);
  const document = {
    format: SUMMARY_FORMAT,
    ...(packageName === undefined ? {} : { package: packageName }),
    inputHash,
    inputs,
    exports: input.exports,
    sinks: definedSinks(sources.filter((file) => !shown(file.fileName).startsWith("..")), shown),
    ...(input.findings === undefined ? {} : { findings: portableFindings(input.findings, directory) }),
  };
  return `${canonical(document, 2)}\n`;
}

/** A path as a summary writes it: relative to the package's directory, with "/". */
function shownFrom(directory: string): (file: string) => string {
  return (file) => path.relative(directory, file).split(path.sep).join("/");
}

/** Functions, methods and classes of the package tagged `@sink <purpose>`: the first-party sinks it defines. */
function definedSinks(files: readonly TS.SourceFile[], shown: (file: string) => string): DefinedSink[] {
  const sinks: DefinedSink[] = [];
  for (const file of files) {
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isMethodSignature(node)) {
        for (const tag of ts.getJSDocTags(node)) {
          if (tag.tagName.text !== "sink") continue;
          const purpose = (typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "").trim().split(/\s+/)[0] ?? "";
          const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
          const name = node.name && ts.isIdentifier(node.name) ? qualified(node, node.name.text) : "(anonymous)";
          sinks.push({ name, purpose, at: `${shown(file.fileName)}:${String(line + 1)}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sinks.sort((a, b) => compare(a.at, b.at) || compare(a.name, b.name));
}

function qualified(node: TS.Node, name: string): string {
  const parent = node.parent;
  if ((ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)) && parent.name) return `${parent.name.text}.${name}`;
  return name;
}

/** The configuration without its absolute paths, so the hash is the same on every machine. */
function portable(config: PurposeConfig, shown: (file: string) => string): PurposeConfig {
  const { path: file, ...rest } = config;
  return { ...rest, root: shown(path.resolve(config.root)), ...(file === undefined ? {} : { path: shown(file) }) };
}

/** The tsconfig and the files it extends (relative `extends`, followed while they exist). */
function tsconfigChain(tsconfig: string): string[] {
  const chain: string[] = [];
  let current: string | undefined = tsconfig;
  while (current !== undefined && fs.existsSync(current) && !chain.includes(current)) {
    chain.push(current);
    const extended: unknown = (ts.readConfigFile(current, (file) => fs.readFileSync(file, "utf8")).config as { extends?: unknown } | undefined)?.extends;
    current = typeof extended === "string" && extended.startsWith(".") ? path.resolve(path.dirname(current), extended.endsWith(".json") ? extended : `${extended}.json`) : undefined;
  }
  return chain;
}

function readPackageName(directory: string): string | undefined {
  try {
    const name = (JSON.parse(fs.readFileSync(path.join(directory, "package.json"), "utf8")) as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** `--summary-out`: the summary of the program's tsconfig directory, written where the user asked. */
export function writePackageSummary(
  program: TS.Program,
  options: { file: string; cwd: string; config: PurposeConfig; toolVersion: string; exports: PackageExports; findings?: readonly Finding[]; summaries?: SummarisedPackages },
): void {
  const tsconfig = program.getCompilerOptions().configFilePath as string;
  const text = packageSummaryText({ program, directory: path.dirname(tsconfig), tsconfig, ...options });
  writeSummary(path.resolve(options.cwd, options.file), options.file, text);
}

/** Writes the summary, creating its directory (a task runner's output folder); one line when it cannot. */
export function writeSummary(file: string, shown: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "write failed";
    throw new UsageError(`--summary-out ${shown}: could not write the summary (${reason})`);
  }
}

/** JSON with object keys sorted at every level: the bytes depend on the content only. */
export function canonical(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), undefined, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => compare(a, b)).map(([k, v]) => [k, sortKeys(v)]));
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
