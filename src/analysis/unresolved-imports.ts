/**
 * Imports that did not resolve: flows through them are invisible, and the report must say so.
 *
 * An unresolved import of first-party code (a relative path, a `paths` alias, a `#subpath` import) hides the
 * module's code from the analysis: the result is incomplete (exit 2 without `--allow-incomplete`). An unresolved
 * package (dependencies not installed) is a library call that passes taint on, as any library without source
 * is, and only a warning; so is an asset (`import "./styles.css"`), which holds no code.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { CatalogMatcher, PathMatcher } from "../catalog/match.js";
import { CATALOG } from "../catalog/index.js";
import { HTTP_CLIENTS } from "../catalog/http/index.js";
import type { Notification } from "./findings.js";
import { locationOf } from "./locations.js";

/** Extensions of files that hold no code a flow could pass through (bundlers load them as assets). */
const ASSET = /\.(?:css|scss|sass|less|styl|svg|png|jpe?g|gif|webp|avif|ico|bmp|json|html?|txt|md|wasm|woff2?|ttf|otf|eot|mp3|mp4|webm|wav|ogg|graphql|gql|ya?ml|csv)$/i;

/** One notification per unresolved module (per importing file for relative paths), first-party ones first. */
export function unresolvedImports(program: TS.Program, files: readonly TS.SourceFile[], shown: (file: string) => string): Notification[] {
  const checker = program.getTypeChecker();
  const options = program.getCompilerOptions();
  const catalogued = new Set([...new CatalogMatcher(CATALOG).modules, ...new PathMatcher(HTTP_CLIENTS).modules]);
  // One notification per module, not per import: a checkout without node_modules has hundreds of them.
  const byModule = new Map<string, TS.StringLiteral[]>();
  for (const file of files) {
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier
          : undefined;
      if (!specifier) continue;
      if (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword) continue;
      if (checker.getSymbolAtLocation(specifier) || resolvesToScript(program, specifier, file)) continue;
      const key = specifier.text.startsWith(".") ? `${file.fileName}\u0000${specifier.text}` : specifier.text;
      const list = byModule.get(key) ?? [];
      list.push(specifier);
      byModule.set(key, list);
    }
  }
  return [...byModule.values()].map((specifiers): Notification => {
    const first = specifiers[0]!;
    const name = first.text;
    const where = specifiers.length > 1 ? `${shown(first.getSourceFile().fileName)} and ${String(specifiers.length - 1)} more` : shown(first.getSourceFile().fileName);
    const location = locationOf(first);
    if (catalogued.has(name)) {
      return { level: "warning", kind: "unresolved-import", message: `import "${name}" (${where}) has no type declarations; its catalogued APIs are matched by module specifier`, location };
    }
    if (isFirstPartyCode(name, options)) {
      const message = `import "${name}" in ${where} did not resolve; flows through that module are not followed`;
      return { level: "error", kind: "unresolved-import", message, location, incomplete: true };
    }
    const message = isAsset(name)
      ? `import "${name}" in ${where} did not resolve (an asset, not code)`
      : `import "${name}" (${where}) did not resolve (dependencies not installed?); calls into it are treated as library calls that pass taint on`;
    return { level: "warning", kind: "unresolved-import", message, location };
  });
}

/** A module specifier naming the program's own code rather than a package or an asset. */
export function isFirstPartyCode(specifier: string, options: TS.CompilerOptions): boolean {
  if (isAsset(specifier)) return false;
  if (specifier.startsWith(".") || path.isAbsolute(specifier) || specifier.startsWith("#")) return true;
  return Object.keys(options.paths ?? {}).some((pattern) => matchesPathPattern(pattern, specifier));
}

function isAsset(specifier: string): boolean {
  return ASSET.test(specifier.replace(/[?#].*$/, ""));
}

/** A `paths` key: an exact name, or one `*` standing for any text. */
function matchesPathPattern(pattern: string, specifier: string): boolean {
  const star = pattern.indexOf("*");
  if (star < 0) return pattern === specifier;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
}

/** A side-effect import of a script (a file without imports or exports has no module symbol, yet resolves). */
function resolvesToScript(program: TS.Program, specifier: TS.StringLiteral, file: TS.SourceFile): boolean {
  const statement = specifier.parent;
  if (!ts.isImportDeclaration(statement) || statement.importClause) return false;
  const resolved = ts.resolveModuleName(specifier.text, file.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
  return resolved !== undefined && program.getSourceFile(resolved.resolvedFileName) !== undefined;
}
