/**
 * Catalogued SDK values: an import of a catalogued module (followed through re-exports) is an API path root, and
 * a property or parameter declared with such a module's type is that API's instance.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { apiRoot, apiStep, type AV, join, type Value } from "../values.js";
import type { Activation } from "../interpret/activation.js";
import { skipOuter } from "../interpret/util.js";

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
    } else if (ts.isExportAssignment(decl) && ts.isIdentifier(decl.expression)) {
      // `import mixpanel from "mixpanel-browser"; … export default mixpanel;` in a first-party module.
      current = this.symbolAt(decl.expression);
      continue;
    } else return undefined;
    if (specifier && ts.isStringLiteral(specifier) && modules.has(specifier.text)) return apiRoot(specifier.text, path);
    current = this.checker.getImmediateAliasedSymbol(current);
  }
  return undefined;
}

/**
 * The catalogued API instance a property or variable is declared as (`private readonly cio: TrackClient`, a
 * `client: Analytics` parameter), from the import its type annotation names — or, for a field without one, the
 * import its initialiser constructs (`client = new PostHog(…)`): the same path `new TrackClient()` gives, with or
 * without the SDK's types installed.
 */
function apiOfDeclaredType(this: Activation, name: TS.Node): AV {
  const decl = this.symbolAt(name)?.valueDeclaration;
  if (!decl) return undefined;
  const cache = this.solver.declaredApiAt;
  if (cache.has(decl)) return cache.get(decl);
  let api: AV;
  const typeNode = declaredTypeOf(this.checker, decl);
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
  // `private readonly client = new PostHog(…)`, `segment = AnalyticsBrowser.load(…)`: on any instance, one the
  // framework made included, the field is what its initialiser makes, with a constructor or a factory.
  const made = !typeNode && ts.isPropertyDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer) : undefined;
  if (made && (ts.isNewExpression(made) || ts.isCallExpression(made))) {
    const names: string[] = [];
    let head: TS.Expression = made.expression;
    for (; ts.isPropertyAccessExpression(head); head = head.expression) names.unshift(head.name.text);
    const symbol = ts.isIdentifier(head) ? this.symbolAt(head) : undefined;
    const root = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.apiRootOf(symbol) : undefined;
    if (root) api = join(api, apiStep(names.reduce<AV>(apiStep, root), "()"));
  }
  cache.set(decl, api);
  return api;
}

/**
 * The annotation a declaration's value is declared with: its own, or for a destructured name
 * (`({ tracker }: Deps)`) the annotation of the property it is taken from.
 */
function declaredTypeOf(checker: TS.TypeChecker, decl: TS.Declaration): TS.TypeNode | undefined {
  if (ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl) || ts.isVariableDeclaration(decl)) return decl.type;
  if (!ts.isBindingElement(decl) || !ts.isObjectBindingPattern(decl.parent)) return undefined;
  const key = decl.propertyName ?? decl.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  const property = checker.getPropertyOfType(checker.getTypeAtLocation(decl.parent), key.text);
  const source = property?.valueDeclaration;
  return source && (ts.isPropertySignature(source) || ts.isPropertyDeclaration(source)) ? source.type : undefined;
}

/**
 * Whether a name read may be a catalogued client by its declaration's type: a typed parameter, or a destructured
 * property whose name is declared with a catalogued module's type somewhere (the cheap filter before the checker).
 */
function mayBeDeclaredApi(this: Activation, decl: TS.Declaration): boolean {
  if (ts.isParameter(decl)) return decl.type !== undefined && ts.isIdentifier(decl.name) && this.solver.sdkTypedNames().has(decl.name.text);
  if (!ts.isBindingElement(decl)) return false;
  const key = decl.propertyName ?? decl.name;
  return (ts.isIdentifier(key) || ts.isStringLiteral(key)) && this.solver.sdkTypedNames().has(key.text);
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const apiRootMethods = { apiRootOf, apiOfDeclaredType, mayBeDeclaredApi };
