/**
 * Type-checking a changed program in memory: the same root files, options and project references, with some files'
 * text replaced, reusing the original program's unchanged source files. `adopt` keeps a program that type-checked
 * before type-checking after: it compares the errors before and after and names the new ones.
 */
import type TS from "typescript";
import ts from "../typescript.js";

/** The program with `changed` files' text (absolute path → text) replacing what is on disk. */
export function programWith(program: TS.Program, changed: ReadonlyMap<string, string>): TS.Program {
  const options = program.getCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const normalized = new Map([...changed].map(([file, text]) => [ts.sys.resolvePath(file), text]));
  const textOf = (file: string) => normalized.get(ts.sys.resolvePath(file));
  const getSourceFile = host.getSourceFile.bind(host);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = textOf(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    // Unchanged files (the libraries' typings above all) are the original program's, not parsed again.
    return program.getSourceFile(fileName) ?? getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.readFile = (fileName) => textOf(fileName) ?? readFile(fileName);
  host.fileExists = (fileName) => textOf(fileName) !== undefined || fileExists(fileName);
  const references = program.getProjectReferences();
  return ts.createProgram({ rootNames: program.getRootFileNames(), options, host, oldProgram: program, ...(references ? { projectReferences: references } : {}) });
}

/** A type error as the user reads it: "src/user.ts:12: Type 'string' is not assignable to type 'SecurityContact<string>'". */
export interface TypeError {
  file: string | undefined;
  line: number;
  code: number;
  message: string;
  /** Offset of the error in its file: how an error in a file the rewrite left alone is recognised. */
  start?: number;
}

/** The program's errors; with `files`, only those files' (and the options' and global ones). */
export function typeErrors(program: TS.Program, files?: ReadonlySet<string>): TypeError[] {
  return diagnostics(program, files)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({
      file: d.file?.fileName,
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      code: d.code,
      ...(d.start === undefined ? {} : { start: d.start }),
      // The chain's head says what broke; its elaborations repeat it for the brand's structure.
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n").split("\n")[0] ?? "",
    }));
}

function diagnostics(program: TS.Program, files: ReadonlySet<string> | undefined): readonly TS.Diagnostic[] {
  if (files === undefined) return ts.getPreEmitDiagnostics(program);
  const out: TS.Diagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics()];
  const options = program.getCompilerOptions();
  const declarations = options.declaration === true || options.composite === true;
  for (const name of files) {
    const file = program.getSourceFile(name);
    if (!file) continue;
    out.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
    if (declarations) out.push(...program.getDeclarationDiagnostics(file));
  }
  out.push(...program.getGlobalDiagnostics());
  return out;
}

/**
 * The errors in `after` that `before` did not have. In a file the rewrite changed, compared by code and message
 * (its lines moved); in any other file, by code and place: the message prints types, and a union's members are
 * printed in the order the checker created them, which differs between two programs (`"a" | "b"` before,
 * `"b" | "a"` after), so the same error can read differently.
 */
export function newErrors(before: readonly TypeError[], after: readonly TypeError[], changedFiles: ReadonlySet<string>): TypeError[] {
  const key = (e: TypeError) =>
    e.file !== undefined && !changedFiles.has(e.file) && e.start !== undefined
      ? `${e.file}\u0000${String(e.code)}\u0000@${String(e.start)}`
      : `${e.file ?? ""}\u0000${String(e.code)}\u0000${e.message}`;
  const counts = new Map<string, number>();
  for (const error of before) counts.set(key(error), (counts.get(key(error)) ?? 0) + 1);
  return after.filter((error) => {
    const left = counts.get(key(error)) ?? 0;
    if (left === 0) return true;
    counts.set(key(error), left - 1);
    return false;
  });
}
