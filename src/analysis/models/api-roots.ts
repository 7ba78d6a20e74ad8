/**
 * Catalogued SDK values: an import of a catalogued module (followed through re-exports) is an API path root, and
 * a property or parameter declared with such a module's type is that API's instance.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { apiRoot, apiStep, type AV, join, type Value } from "../values.js";
import type { Activation } from "../interpret/activation.js";

/**
 * An import of a catalogued module, followed through first-party re-exports: its API path root. Works from the
 * import's module specifier alone, so SDKs whose types are not installed still match.
 */
function apiRootOf(this: Activation, symbol: TS.Symbol): Value | undefined {
  const modules = this.solver.apiModules;
  if (modules.size === 0) return undefined;
  for (let current: TS.Symbol | undefined = symbol, hops = 0; current && hops < 8; hops++) {
    const decl = current.declarations?.[0];
    if (!decl) return undefined;
    let specifier: TS.Expression | undefined;
    let path = "";
    if (ts.isImportSpecifier(decl) || ts.isExportSpecifier(decl)) {
      const owner = ts.isImportSpecifier(decl) ? decl.parent.parent.parent : decl.parent.parent;
      specifier = owner.moduleSpecifier;
      path = (decl.propertyName ?? decl.name).text;
      if (path === "default") path = "";
    } else if (ts.isImportClause(decl) || ts.isNamespaceImport(decl) || ts.isNamespaceExport(decl)) {
      if (ts.isImportClause(decl)) specifier = decl.parent.moduleSpecifier;
      else if (ts.isNamespaceImport(decl)) specifier = decl.parent.parent.moduleSpecifier;
      else specifier = (decl.parent).moduleSpecifier;
    } else if (ts.isImportEqualsDeclaration(decl) && ts.isExternalModuleReference(decl.moduleReference)) {
      specifier = decl.moduleReference.expression;
    } else return undefined;
    if (specifier && ts.isStringLiteral(specifier) && modules.has(specifier.text)) return apiRoot(specifier.text, path);
    current = this.checker.getImmediateAliasedSymbol(current);
  }
  return undefined;
}

/**
 * The catalogued API instance a property or variable is declared as (`private readonly cio: TrackClient`, a
 * `client: Analytics` parameter), from the import its type annotation names: the same path `new TrackClient()`
 * gives, with or without the SDK's types installed.
 */
function apiOfDeclaredType(this: Activation, name: TS.Node): AV {
  const decl = this.symbolAt(name)?.valueDeclaration;
  if (!decl) return undefined;
  const cache = this.solver.declaredApiAt;
  if (cache.has(decl)) return cache.get(decl);
  let api: AV;
  const typeNode = (ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl) || ts.isVariableDeclaration(decl)) ? decl.type : undefined;
  for (const part of typeNode && ts.isUnionTypeNode(typeNode) ? typeNode.types : typeNode ? [typeNode] : []) {
    if (!ts.isTypeReferenceNode(part)) continue;
    // `TrackClient`, or `sdk.TrackClient` through a namespace import: the import's root, then each name.
    const names: string[] = [];
    let head: TS.EntityName = part.typeName;
    for (; ts.isQualifiedName(head); head = head.left) names.unshift(head.right.text);
    const symbol = this.symbolAt(head);
    const root = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.apiRootOf(symbol) : undefined;
    if (root) api = join(api, apiStep(names.reduce<AV>(apiStep, root), "()"));
  }
  cache.set(decl, api);
  return api;
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const apiRootMethods = { apiRootOf, apiOfDeclaredType };
