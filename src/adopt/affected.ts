/**
 * Which files' type check a rewrite can change: the rewritten files and every file that imports one of them,
 * directly or through other files (types travel through re-exports and inferred signatures). Type-checking only
 * those keeps `adopt` from re-checking a whole application once per field when a brand breaks a type. A rewritten
 * file that declares globals (a script, `declare global`, `declare module "…"`) can change any file: then there is
 * no limit.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";

/** Absolute file name → the program's files that import it. Built once per program. */
export type Importers = ReadonlyMap<string, readonly string[]>;

export function importersOf(program: TS.Program): Importers {
  const checker = program.getTypeChecker();
  const importers = new Map<string, string[]>();
  for (const file of program.getSourceFiles()) {
    if (program.isSourceFileFromExternalLibrary(file) || program.isSourceFileDefaultLibrary(file)) continue;
    for (const imported of importedFiles(file, checker)) {
      if (imported === file.fileName) continue;
      const list = importers.get(imported);
      if (list) list.push(file.fileName);
      else importers.set(imported, [file.fileName]);
    }
  }
  return importers;
}

/** The changed files and their importers, transitively; undefined when a changed file can affect every file. */
export function affectedFiles(program: TS.Program, importers: Importers, changed: ReadonlySet<string>): Set<string> | undefined {
  for (const name of changed) {
    const file = program.getSourceFile(name);
    if (!file || declaresGlobals(file)) return undefined;
  }
  const affected = new Set(changed);
  const queue = [...changed];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const importer of importers.get(name) ?? []) {
      if (affected.has(importer)) continue;
      affected.add(importer);
      queue.push(importer);
    }
  }
  return affected;
}

/** The files a file's module specifiers resolve to: imports, re-exports, `import("…")` calls and types. */
function importedFiles(file: TS.SourceFile, checker: TS.TypeChecker): Set<string> {
  const out = new Set<string>();
  const add = (specifier: TS.Node | undefined): void => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    for (const declaration of checker.getSymbolAtLocation(specifier)?.declarations ?? []) out.add(declaration.getSourceFile().fileName);
  };
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) add(node.name);
    ts.forEachChild(node, visit);
  };
  visit(file);
  for (const reference of file.referencedFiles) out.add(path.resolve(path.dirname(file.fileName), reference.fileName));
  return out;
}

/** A script (no import or export: its declarations are global), or a module that declares or augments others. */
function declaresGlobals(file: TS.SourceFile): boolean {
  if (!ts.isExternalModule(file)) return true;
  return file.statements.some((s) => ts.isModuleDeclaration(s) && ((s.flags & ts.NodeFlags.GlobalAugmentation) !== 0 || ts.isStringLiteral(s.name)));
}
