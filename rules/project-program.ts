/**
 * The Program a type-aware rule asks about the linted file, and the file's nodes in it.
 *
 * Usually typescript-eslint's own. When typescript-eslint hands over an isolated single-file Program instead (a
 * file parsed twice in one single-run process, see src/analysis/project-program.ts), the rules use the
 * project's Program with the file's current text — the last one analysed that contains the file, else the one
 * its nearest tsconfig.json describes — so a second lint of a file reports what the first did.
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

/**
 * The linted file's project Program. `undefined` only when typescript-eslint's Program is isolated and no
 * tsconfig.json includes the file: there is no project to analyse.
 */
export function projectProgram(services: ParserServicesWithTypeInformation, ast: TSESTree.Program, text: string): ProjectProgram | undefined {
  const own = services.esTreeNodeToTSNodeMap.get(ast);
  if (!isIsolatedProgram(services.program)) {
    return { program: services.program, sourceFile: own, tsNodeOf: (node) => services.esTreeNodeToTSNodeMap.get(node) };
  }
  let project = projectOfIsolated.get(services.program);
  if (project === undefined) {
    project = rebuiltProject(own.fileName, text, services) ?? null;
    projectOfIsolated.set(services.program, project);
  }
  return project ?? undefined;
}

function rebuiltProject(fileName: string, text: string, services: ParserServicesWithTypeInformation): ProjectProgram | undefined {
  const base = analysedProgramContaining(fileName) ?? programOfNearestTsconfig(fileName);
  if (base === undefined) return undefined;
  const program = programWithFileText(base, fileName, text);
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
