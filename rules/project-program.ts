/**
 * The Program a type-aware rule asks about the linted file, and the file's nodes in it.
 *
 * Usually typescript-eslint's own. When typescript-eslint hands over an isolated single-file Program instead (a
 * file parsed twice in one single-run process, see src/analysis/project-program.ts), the rules use the
 * project's Program with the file's current text — the last one analysed that contains the file, else the one
 * its nearest tsconfig.json describes — so a second lint of a file reports what the first did.
 *
 * ESLint hands the parser a file's text with its `#!` line turned into a `//` comment. To typescript-eslint that
 * text is not the file its Program holds (as read from disk), so a file with a shebang gets another Program: in
 * single-run mode (`eslint` on the command line, CI) the project service's, beside the Program built from the
 * tsconfig that every other file gets; in an editor's, a new version of the project service's. The rules take
 * such a Program for the Program already analysed when it is that Program for the analysis: the same files, whose
 * texts differ at most in how their first line begins (`#!` or `//`, the same length, so every position is the
 * same), and the same options but for those typescript-eslint adds. One analysis per project, not two.
 */

import path from "node:path";

import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import type TS from "typescript";

import { analysedProgramContaining } from "../src/analysis/cache.js";
import { loadProgram } from "../src/analysis/load.js";
import { isIsolatedProgram, programWithFileText } from "../src/analysis/project-program.js";
import ts from "../src/typescript.js";

export interface ProjectProgram {
  readonly program: TS.Program;
  readonly sourceFile: TS.SourceFile;
  /** The node in `program` for an ESTree node of the linted file; undefined if it has none. */
  tsNodeOf(node: TSESTree.Node): TS.Node | undefined;
}

const projectOfIsolated = new WeakMap<TS.Program, ProjectProgram | null>();
/** typescript-eslint's Programs that are an analysed Program but for shebangs (null: they are not). */
const analysedSameButShebangs = new WeakMap<TS.Program, TS.Program | null>();

/**
 * The linted file's project Program. `undefined` only when typescript-eslint's Program is isolated and no
 * tsconfig.json includes the file: there is no project to analyse.
 */
export function projectProgram(services: ParserServicesWithTypeInformation, ast: TSESTree.Program, text: string): ProjectProgram | undefined {
  const own = services.esTreeNodeToTSNodeMap.get(ast);
  if (!isIsolatedProgram(services.program)) {
    const analysed = analysedButForShebangs(services.program, own.fileName);
    if (analysed !== undefined) return inProgram(analysed, own.fileName, services) ?? ownProject(services, own);
    return ownProject(services, own);
  }
  let project = projectOfIsolated.get(services.program);
  if (project === undefined) {
    project = rebuiltProject(own.fileName, text, services) ?? null;
    projectOfIsolated.set(services.program, project);
  }
  return project ?? undefined;
}

function ownProject(services: ParserServicesWithTypeInformation, own: TS.SourceFile): ProjectProgram {
  return { program: services.program, sourceFile: own, tsNodeOf: (node) => services.esTreeNodeToTSNodeMap.get(node) };
}

/** The last analysed Program containing `fileName`, if `program` holds the same files but for shebangs. */
function analysedButForShebangs(program: TS.Program, fileName: string): TS.Program | undefined {
  let analysed = analysedSameButShebangs.get(program);
  if (analysed === undefined) {
    const candidate = analysedProgramContaining(fileName);
    analysed = candidate !== undefined && candidate !== program && sameButForShebangs(program, candidate) ? candidate : null;
    analysedSameButShebangs.set(program, analysed);
  }
  return analysed ?? undefined;
}

function sameButForShebangs(program: TS.Program, analysed: TS.Program): boolean {
  const files = program.getSourceFiles();
  const analysedFiles = new Map(analysed.getSourceFiles().map((file) => [file.fileName, file]));
  if (files.length !== analysedFiles.size || !sameOptions(program.getCompilerOptions(), analysed.getCompilerOptions())) return false;
  return files.every((file) => {
    const other = analysedFiles.get(file.fileName);
    return other !== undefined && (file === other || sameTextButShebang(file.text, other.text));
  });
}

/** Equal texts, or texts that differ only in one starting with `#!` where the other starts with `//`. */
export function sameTextButShebang(text: string, other: string): boolean {
  if (text === other) return true;
  if (text.length !== other.length || text.slice(2) !== other.slice(2)) return false;
  const starts = new Set([text.slice(0, 2), other.slice(0, 2)]);
  return starts.has("#!") && starts.has("//");
}

/**
 * Options typescript-eslint's Programs set on top of the tsconfig's, which decide neither types nor files: its
 * single-run Programs add `noEmit` and the unused-declaration checks, the project service `allowNonTsExtensions`.
 */
const OPTIONS_BESIDE_THE_ANALYSIS = new Set(["noEmit", "noUnusedLocals", "noUnusedParameters", "allowNonTsExtensions"]);

function sameOptions(options: TS.CompilerOptions, other: TS.CompilerOptions): boolean {
  if (options === other) return true;
  const keys = new Set([...Object.keys(options), ...Object.keys(other)]);
  return [...keys].every(
    (key) => OPTIONS_BESIDE_THE_ANALYSIS.has(key) || options[key] === other[key] || sameJson(options[key], other[key]),
  );
}

function sameJson(value: unknown, other: unknown): boolean {
  try {
    return JSON.stringify(value) === JSON.stringify(other);
  } catch {
    return false; // not plain data (a parsed tsconfig's own SourceFile): differ unless the very same object
  }
}

function rebuiltProject(fileName: string, text: string, services: ParserServicesWithTypeInformation): ProjectProgram | undefined {
  const base = analysedProgramContaining(fileName) ?? programOfNearestTsconfig(fileName);
  if (base === undefined) return undefined;
  const previous = base.getSourceFile(fileName)?.text;
  const program = previous !== undefined && sameTextButShebang(text, previous) ? base : programWithFileText(base, fileName, text);
  return inProgram(program, fileName, services);
}

/** The linted file in `program`, whose text has the same positions as the text typescript-eslint parsed. */
function inProgram(program: TS.Program, fileName: string, services: ParserServicesWithTypeInformation): ProjectProgram | undefined {
  const sourceFile = program.getSourceFile(fileName);
  if (sourceFile === undefined) return undefined;
  return {
    program,
    sourceFile,
    tsNodeOf: (node) => nodeAtSamePlace(sourceFile, services.esTreeNodeToTSNodeMap.get(node)),
  };
}

/** Programs loaded here, by tsconfig, most recent last: single-run mode never reloads a project either. */
const loadedByTsconfig = new Map<string, TS.Program | undefined>();
const LOADED_PROJECTS = 4;

function programOfNearestTsconfig(fileName: string): TS.Program | undefined {
  const tsconfig = ts.findConfigFile(path.dirname(fileName), (file) => ts.sys.fileExists(file));
  if (tsconfig === undefined) return undefined;
  if (!loadedByTsconfig.has(tsconfig)) {
    loadedByTsconfig.set(tsconfig, loadQuietly(tsconfig));
    for (const stale of loadedByTsconfig.keys()) {
      if (loadedByTsconfig.size <= LOADED_PROJECTS) break;
      loadedByTsconfig.delete(stale);
    }
  }
  const program = loadedByTsconfig.get(tsconfig);
  return program?.getSourceFile(fileName) === undefined ? undefined : program;
}

function loadQuietly(tsconfig: string): TS.Program | undefined {
  try {
    return loadProgram(tsconfig);
  } catch {
    return undefined; // a broken tsconfig: typescript-eslint reports it on its own parse of the project
  }
}

/** The node of `root` with the same kind and range as `node`, which comes from a parse of the same text. */
function nodeAtSamePlace(root: TS.SourceFile, node: TS.Node): TS.Node | undefined {
  if (node.kind === ts.SyntaxKind.SourceFile) return root;
  let current: TS.Node = root;
  for (;;) {
    const enclosing: TS.Node | undefined = ts.forEachChild(current, (child) =>
      child.pos <= node.pos && node.end <= child.end ? child : undefined,
    );
    if (enclosing === undefined) return undefined;
    if (enclosing.pos === node.pos && enclosing.end === node.end && enclosing.kind === node.kind) return enclosing;
    current = enclosing;
  }
}
