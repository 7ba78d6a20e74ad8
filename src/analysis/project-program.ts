/**
 * The project's Program for a file typescript-eslint handed over in an isolated, single-file Program.
 *
 * In single-run mode (`CI=true`, or `npx eslint …` without `--fix`) typescript-eslint builds each project's
 * Program once; when the same file is parsed a second time in one process (its fix cycle, or a tool that lints
 * a file twice) it falls back to an isolated Program: that file alone, no tsconfig, no module resolution.
 * Whole-program analysis on it would see no imports, so no cross-file flows, and its checker even throws inside
 * TypeScript when it prints an unresolved import's name. Instead the last full Program analysed that contains
 * the file is taken, with the file's current text swapped in: an incremental `createProgram` that reuses every
 * other SourceFile, so the engine also resumes from that Program's summaries.
 */

import type TS from "typescript";

import ts from "../typescript.js";

/** typescript-eslint's `createIsolatedProgram`: a compiler host with no current directory, and `noResolve`. */
export function isIsolatedProgram(program: TS.Program): boolean {
  return program.getCurrentDirectory() === "" && program.getCompilerOptions().noResolve === true;
}

/**
 * `program` with `fileName`'s text replaced by `text` (the same Program when the text is unchanged). Every other
 * file is the very SourceFile `program` has, so TypeScript reuses the program's structure and the engine its
 * summaries; files the new text imports for the first time are read from disk as a fresh Program would.
 */
export function programWithFileText(program: TS.Program, fileName: string, text: string): TS.Program {
  const previous = program.getSourceFile(fileName);
  if (previous === undefined || previous.text === text) return program;
  const options = program.getCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreateNewSourceFile) => {
    if (name === previous.fileName) {
      return ts.createSourceFile(name, text, languageVersion, true);
    }
    return program.getSourceFile(name) ?? readSourceFile(name, languageVersion, onError, shouldCreateNewSourceFile);
  };
  const references = program.getProjectReferences();
  return ts.createProgram({
    rootNames: program.getRootFileNames(),
    options,
    host,
    oldProgram: program,
    ...(references === undefined ? {} : { projectReferences: references }),
  });
}
