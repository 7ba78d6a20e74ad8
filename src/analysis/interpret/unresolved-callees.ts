/**
 * The name a callee imports from a module the checker cannot resolve: a package not installed where the program
 * looks (`purpose-lint` in a monorepo whose root has no node_modules yet), or an unbuilt workspace dependency.
 * The checker then has no declaration to run, but the import still says which export it means, so `declassify`
 * (or a sanitizer the config names) imported from such a module declassifies as the resolved one does — just as
 * the brand `SecurityContact` is recognised by its name whether or not its module resolves.
 */
import type TS from "typescript";
import ts from "../../typescript.js";

/**
 * `release(x)` after `import { declassify as release } from "unresolved"` → "declassify"; `pl.declassify(x)` after
 * `import * as pl from "unresolved"` → "declassify". Undefined when the callee resolves, or is no such import.
 */
export function unresolvedImportedName(
  nameNode: TS.Node | undefined,
  symbolAt: (node: TS.Node) => TS.Symbol | undefined,
  checker: TS.TypeChecker,
): string | undefined {
  if (!nameNode || !ts.isIdentifier(nameNode)) return undefined;
  const parent = nameNode.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === nameNode) {
    // A member of a namespace (or default) import whose module does not resolve.
    const root = parent.expression;
    if (!ts.isIdentifier(root)) return undefined;
    const imported = unresolvedImport(symbolAt(root), checker);
    return imported && (ts.isNamespaceImport(imported) || ts.isImportClause(imported)) ? nameNode.text : undefined;
  }
  const imported = unresolvedImport(symbolAt(nameNode), checker);
  return imported && ts.isImportSpecifier(imported) ? (imported.propertyName ?? imported.name).text : undefined;
}

/** The import declaring an alias whose target the checker cannot find (no declarations behind it). */
function unresolvedImport(symbol: TS.Symbol | undefined, checker: TS.TypeChecker): TS.Declaration | undefined {
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return undefined;
  const declaration = symbol.declarations?.[0];
  if (!declaration || !(ts.isImportSpecifier(declaration) || ts.isNamespaceImport(declaration) || ts.isImportClause(declaration))) return undefined;
  const target = checker.getAliasedSymbol(symbol);
  return target.declarations === undefined || target.declarations.length === 0 ? declaration : undefined;
}
