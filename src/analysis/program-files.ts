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

/** The analysis roots of a file (module code, functions with a body, implicit constructors), in source order. */
export { rootsOf as functionsIn, type AnalysisRoot } from "./function-facts.js";

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

