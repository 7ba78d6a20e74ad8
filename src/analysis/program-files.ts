/**
 * Which files and functions the engine analyses: the program's own sources (a file with a syntax error, or nested
 * deeper than this thread's stack lets the analysis follow, is skipped, with a notification naming it) and, in each, the module code and every function with a body.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Notification } from "./findings.js";
import { locationOf } from "./locations.js";
import { maxNesting, tooDeepFile } from "./nesting.js";

/** The tsconfig's directory: messages name files relative to it. */
export function projectDirectory(program: TS.Program): string {
  const config = program.getCompilerOptions().configFilePath;
  return typeof config === "string" ? path.dirname(config) : program.getCurrentDirectory();
}

/** Files the engine analyses: the program's own sources, not declaration files or dependencies. */
function firstPartyFiles(program: TS.Program): TS.SourceFile[] {
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/"));
}

/** The first-party files that parse, and those skipped for a syntax error with one notification each. */
export function analysableFiles(program: TS.Program): { files: TS.SourceFile[]; skippedFiles: string[]; notifications: Notification[] } {
  const skippedFiles: string[] = [];
  const notifications: Notification[] = [];
  const files: TS.SourceFile[] = [];
  const limit = maxNesting();
  const shown = (file: TS.SourceFile): string => path.relative(projectDirectory(program), file.fileName).split(path.sep).join("/");
  for (const file of firstPartyFiles(program)) {
    const deep = tooDeepFile(file, limit);
    if (deep) {
      skippedFiles.push(file.fileName);
      const how = deep.depth === undefined ? "the TypeScript parser ran out of stack on it" : `${deep.depth.toLocaleString("en-US")} levels, at most ${deep.limit.toLocaleString("en-US")} are followed here`;
      notifications.push({ level: "error", kind: "too-deep", message: `${shown(file)} is nested too deeply to analyse (${how}); it was not analysed`, location: locationOf(file), incomplete: true });
      continue;
    }
    const diagnostics = program.getSyntacticDiagnostics(file);
    if (diagnostics.length > 0) {
      skippedFiles.push(file.fileName);
      const first = diagnostics[0]!;
      notifications.push({
        level: "error",
        kind: "syntax-error",
        message: `${shown(file)} has a syntax error (${ts.flattenDiagnosticMessageText(first.messageText, " ")}); it was not analysed`,
        location: first.start !== undefined ? locationOf(file, first.start, first.start + (first.length ?? 0)) : locationOf(file),
        incomplete: true,
      });
    } else files.push(file);
  }
  return { files, skippedFiles, notifications };
}

/** What the engine runs as a root: a file's module code, a function with a body, a class's implicit constructor. */
export type AnalysisRoot = TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile;

const functionLists = new WeakMap<TS.SourceFile, AnalysisRoot[]>();

/**
 * A file's module code, every function with a body in it, and every class without a constructor whose instance
 * fields have initialisers (its implicit constructor fills them: `private readonly track = new TrackClient(…)`
 * in a DI singleton nobody in the program constructs): the analysis roots. Cached per SourceFile.
 */
export function functionsIn(file: TS.SourceFile): AnalysisRoot[] {
  let list = functionLists.get(file);
  if (!list) {
    const found: AnalysisRoot[] = [file];
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body) found.push(node);
      else if (ts.isClassLike(node) && hasImplicitInitializingConstructor(node)) found.push(node);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(file, visit);
    list = found;
    functionLists.set(file, list);
  }
  return list;
}

function hasImplicitInitializingConstructor(node: TS.ClassLikeDeclaration): boolean {
  let initialises = false;
  for (const member of node.members) {
    if (ts.isConstructorDeclaration(member) && member.body) return false;
    if (ts.isPropertyDeclaration(member) && member.initializer && !ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) initialises = true;
  }
  return initialises;
}
