/**
 * Recognising calls of `declassify` on compiler nodes, as rules/declassify-call.ts does on ESTree: by name, so the
 * package's function, a vendored copy and a renamed import (`import { declassify as allow }`) all count.
 * Syntax and scope only: no checker.
 */
import type TS from "typescript";
import ts from "../typescript.js";

export const DECLASSIFY = "declassify";

/** Local names bound by `import { declassify as … }` in a file. */
const renamedImports = new WeakMap<TS.SourceFile, ReadonlySet<string>>();

function declassifyAliases(file: TS.SourceFile): ReadonlySet<string> {
  let names = renamedImports.get(file);
  if (names === undefined) {
    const found = new Set<string>();
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        if ((element.propertyName ?? element.name).text === DECLASSIFY) found.add(element.name.text);
      }
    }
    names = found;
    renamedImports.set(file, names);
  }
  return names;
}

/** True for `declassify(…)`, `purpose.declassify(…)`, `x["declassify"](…)` and calls of a renamed import. */
export function isDeclassifyCall(call: TS.CallExpression): boolean {
  let callee: TS.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === DECLASSIFY;
  if (ts.isElementAccessExpression(callee)) {
    return ts.isStringLiteralLike(callee.argumentExpression) && callee.argumentExpression.text === DECLASSIFY;
  }
  if (!ts.isIdentifier(callee)) return false;
  return callee.text === DECLASSIFY || declassifyAliases(call.getSourceFile()).has(callee.text);
}

/** True when `node` lies in the arguments of a `declassify` call or in the body of a function named `declassify`. */
export function isInsideDeclassify(node: TS.Node): boolean {
  let child: TS.Node = node;
  for (let parent = node.parent as TS.Node | undefined; parent !== undefined; child = parent, parent = parent.parent as TS.Node | undefined) {
    if (ts.isCallExpression(parent)) {
      if (parent.expression !== child && isDeclassifyCall(parent)) return true;
    } else if (ts.isFunctionLike(parent) && functionName(parent) === DECLASSIFY) {
      return true;
    }
  }
  return false;
}

function functionName(node: TS.SignatureDeclaration): string | undefined {
  if (node.name !== undefined) return ts.isIdentifier(node.name) ? node.name.text : undefined;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}
