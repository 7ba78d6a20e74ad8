/**
 * Builds the `ts.Program` the CLI analyses from a tsconfig.
 *
 * Plain `typescript` rather than ts-morph's `Project`: ts-morph reports a malformed tsconfig as a bare
 * "']' expected." without the file or position, and it loads its own bundled copy of the compiler (9 MB more to
 * parse at start-up, and a second `ts.Program` type the engine would have to cast). Here the config diagnostics
 * come straight from `getParsedCommandLineOfConfigFile`, and the program is created without any type-check:
 * the engine asks the checker only for what it needs.
 */
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { UsageError } from "../errors.js";
import { isStackOverflow, maxNesting, nestingDepth, tooDeepPlaceholder, withinNesting } from "./nesting.js";
import { programOptions, programRootNames, referencedProjects, useReferencedSources, type ParseConfig } from "./project-references.js";
import { findWorkspaceManifest, isManifestPath, readManifest, workspaceSolution } from "./workspaces.js";

/** TS18003 "No inputs were found in config file …". */
const NO_INPUTS_FOUND = 18003;

/** Options for {@link loadProgram}. */
export interface LoadOptions {
  /** Directory that paths in error messages are shown relative to (absolute paths when omitted). */
  cwd?: string;
}

/**
 * Parses the tsconfig at `tsconfigPath` (following `extends`) and creates its program: its own files and those of
 * every project it references, from their sources, built or not (see project-references.ts). A directory stands
 * for the `tsconfig.json` inside it, as with `tsc --project`; a workspace root (package.json `workspaces`,
 * pnpm-workspace.yaml) for a solution referencing its packages' tsconfigs (workspaces.ts).
 *
 * @throws UsageError with a one-line message naming the file when the tsconfig (or a referenced one) is missing,
 *   does not parse, has invalid options, or matches no input files.
 */
export function loadProgram(tsconfigPath: string, options: LoadOptions = {}): TS.Program {
  const display = (file: string): string => displayPath(file, options.cwd);
  const configPath = resolveConfigPath(path.resolve(options.cwd ?? "", tsconfigPath), display);

  const projects = new Map<string, TS.ParsedCommandLine>();
  const parse: ParseConfig = (file) => {
    const parsed = parseConfigFile(file, display);
    projects.set(path.resolve(file), parsed);
    return parsed;
  };
  const parsed = isManifestPath(configPath) ? workspaceSolution(readManifest(configPath, display), display) : parse(configPath);
  const referenced = referencedProjects(parsed, configPath, parse);
  const rootNames = programRootNames(parsed, referenced);
  if (rootNames.length === 0) {
    const hint = (parsed.projectReferences?.length ?? 0) > 0 ? " (nor do the projects it references)" : "";
    throw new UsageError(`${display(configPath)}: no input files${hint}`);
  }
  const compilerOptions = programOptions(parsed, referenced);
  const host = cachingHost(compilerOptions);
  useReferencedSources(host, projects);
  const program = ts.createProgram({
    rootNames,
    options: compilerOptions,
    host,
    ...(parsed.projectReferences === undefined ? {} : { projectReferences: parsed.projectReferences }),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  // Creating the checker binds every file, which sets the parent pointers the parser left out (parseFile).
  program.getTypeChecker();
  return program;
}

/**
 * Parses one tsconfig (following `extends`).
 * @throws UsageError naming the file and the first error, when it does not parse or has invalid options.
 */
function parseConfigFile(configPath: string, display: (file: string) => string): TS.ParsedCommandLine {
  const fatal: TS.Diagnostic[] = [];
  const host: TS.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => fatal.push(diagnostic),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, host);
  // "No inputs were found" is often a consequence of an earlier error (a malformed "include"): report it last.
  // getConfigFileParsingDiagnostics adds the JSON syntax errors, which `parsed.errors` leaves out.
  const errors = [...fatal, ...(parsed === undefined ? [] : ts.getConfigFileParsingDiagnostics(parsed))]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .sort((a, b) => Number(a.code === NO_INPUTS_FOUND) - Number(b.code === NO_INPUTS_FOUND));
  const firstError = errors[0];
  if (firstError !== undefined || parsed === undefined) {
    throw new UsageError(describeConfigError(firstError, errors.length, configPath, display));
  }
  return parsed;
}

/**
 * The tsconfig `--project` names, or the workspace manifest standing in for it: a directory without tsconfig.json,
 * or a missing `tsconfig.json` whose directory is a workspace root (the default `--project` run at the root).
 */
function resolveConfigPath(absolute: string, display: (file: string) => string): string {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(absolute);
  } catch {
    const manifest = path.basename(absolute) === "tsconfig.json" ? findWorkspaceManifest(path.dirname(absolute)) : undefined;
    if (manifest !== undefined) return manifest.file;
    throw new UsageError(`${display(absolute)}: tsconfig not found`);
  }
  if (!stat.isDirectory()) return absolute;
  const inside = path.join(absolute, "tsconfig.json");
  if (fs.existsSync(inside)) return inside;
  const manifest = findWorkspaceManifest(absolute);
  if (manifest !== undefined) return manifest.file;
  throw new UsageError(`${display(absolute)}: directory has no tsconfig.json (nor a workspace manifest: package.json "workspaces", pnpm-workspace.yaml)`);
}

/** One line: `file:line:col: message (TSnnnn)`, plus how many more errors there are. */
function describeConfigError(
  diagnostic: TS.Diagnostic | undefined,
  count: number,
  configPath: string,
  display: (file: string) => string,
): string {
  if (diagnostic === undefined) return `${display(configPath)}: could not be read`;
  const more = count > 1 ? ` (and ${String(count - 1)} more)` : "";
  if (diagnostic.code === NO_INPUTS_FOUND) {
    return `${display(configPath)}: matches no input files; check its "include", "files" and "exclude"${more}`;
  }
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ").replace(/\s+/g, " ").trim();
  let where = display(configPath);
  if (diagnostic.file !== undefined) {
    where = display(diagnostic.file.fileName);
    if (diagnostic.start !== undefined) {
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      where += `:${String(line + 1)}:${String(character + 1)}`;
    }
  }
  return `${where}: ${text} (TS${String(diagnostic.code)})${more}`;
}

/** Paths under `cwd` are shown relative to it; others stay absolute. */
function displayPath(file: string, cwd: string | undefined): string {
  const absolute = path.resolve(file);
  if (cwd === undefined) return absolute;
  const relative = path.relative(cwd, absolute);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}

/**
 * Declaration files (lib.*.d.ts, @types, dependencies) parsed once per process and shared between programs, as
 * the language service's document registry does: the test suite and a watch-mode caller load many small
 * projects, and parsing the standard library dominates each load. Project sources are always read fresh.
 */
const declarationCache = new Map<string, TS.SourceFile>();

/**
 * JSDoc the analysis reads outside JavaScript: `@sink` and `@purpose` tags, and in .ts files the type-bearing
 * tags `declaredTypeNode` consults. Files mentioning none are parsed as `tsc` parses them, without their JSDoc
 * comments: the standard library's and @types' doc comments were a tenth of the parse. JavaScript files always
 * keep theirs (their types live there).
 */
const TAGS_READ_IN_DECLARATIONS = /@(?:sink|purpose)\b/;
const TAGS_READ_IN_TYPESCRIPT = /@(?:sink|purpose|type|typedef|param|arg|argument|prop|property|returns?|template|satisfies|callback)\b/;

function jsDocParsingMode(fileName: string, text: string): TS.JSDocParsingMode {
  if (/\.[cm]?jsx?$/.test(fileName)) return ts.JSDocParsingMode.ParseAll;
  const read = /\.d\.[cm]?ts$/.test(fileName) ? TAGS_READ_IN_DECLARATIONS : TAGS_READ_IN_TYPESCRIPT;
  return read.test(text) ? ts.JSDocParsingMode.ParseAll : ts.JSDocParsingMode.ParseForTypeErrors;
}

/**
 * Parses without setting parent pointers (the second walk `setParentNodes` costs): the binder sets them, and
 * `loadProgram` binds every file before returning the program.
 */
function parseFile(host: TS.CompilerHost, fileName: string, options: TS.ScriptTarget | TS.CreateSourceFileOptions, onError?: (message: string) => void): TS.SourceFile | undefined {
  let text: string | undefined;
  try {
    text = host.readFile(fileName);
  } catch (error) {
    onError?.(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  if (text === undefined) return undefined;
  const settings = typeof options === "object" ? options : { languageVersion: options };
  return ts.createSourceFile(fileName, text, { ...settings, jsDocParsingMode: jsDocParsingMode(fileName, text) }, false);
}

function cachingHost(options: TS.CompilerOptions): TS.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = (fileName: string, languageVersionOrOptions: TS.ScriptTarget | TS.CreateSourceFileOptions, onError?: (message: string) => void) =>
    parseFile(host, fileName, languageVersionOrOptions, onError);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!fileName.endsWith(".d.ts") || shouldCreate) return parseWithinDepth(() => getSourceFile(fileName, languageVersionOrOptions, onError), fileName, languageVersionOrOptions);
    const settings = typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${fileName}|${String(settings.languageVersion)}|${String(settings.impliedNodeFormat)}`;
    let file = declarationCache.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersionOrOptions, onError);
      if (file) declarationCache.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * A project file as the parser gives it, or, when the parser overflows the stack on it or it nests deeper than
 * the analysis follows in this thread, an empty placeholder the engine reports as `too-deep` (nesting.ts): the
 * binder and checker never walk it, and the rest of the program is analysed.
 */
function parseWithinDepth(
  parse: () => TS.SourceFile | undefined,
  fileName: string,
  languageVersion: TS.ScriptTarget | TS.CreateSourceFileOptions,
): TS.SourceFile | undefined {
  const limit = maxNesting();
  let file: TS.SourceFile | undefined;
  try {
    file = parse();
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return tooDeepPlaceholder(fileName, languageVersion, { limit });
  }
  if (file === undefined) return undefined;
  return withinNesting(file, limit) ? file : tooDeepPlaceholder(fileName, languageVersion, { depth: nestingDepth(file), limit });
}
