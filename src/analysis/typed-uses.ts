/**
 * Candidate discovery: security uses named by a library's function type (catalog/security-uses/typed.ts). A
 * callee declared with that type — a variable, destructured binding, parameter or property — is the use, whatever
 * object it was read from: plug-ins loaded at run time reach the program through their type, never an import.
 */
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { TypedSecurityUse } from "../catalog/security-uses/types.js";
import type { SinkInfo } from "./sink-resolution.js";

const packageNames = new Map<string, string | null>();

/** The entry whose function type `decl` is declared with, as a sink; only value declarations are asked. */
export function typedSecurityUse(checker: TS.TypeChecker, decl: TS.Declaration, uses: readonly TypedSecurityUse[]): SinkInfo | undefined {
  const holdsValue = ts.isVariableDeclaration(decl) || ts.isBindingElement(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl);
  if (!holdsValue || uses.length === 0) return undefined;
  const named = namedTypes(checker, checker.getTypeAtLocation(decl));
  for (const use of uses) {
    const symbol = named.find((s) => s.name === use.type);
    const declaration = symbol?.declarations?.[0];
    if (!declaration || declaringModule(declaration) !== use.module) continue;
    return {
      purpose: "security",
      callee: `${use.vendor} ${use.type}`,
      origin: "catalog",
      vendor: use.vendor,
      api: use.module,
      ...(use.arguments ? { arguments: use.arguments } : {}),
      ...(use.destinationKeys ? { destinationKeys: use.destinationKeys } : {}),
      ...(use.when ? { when: use.when } : {}),
    };
  }
  return undefined;
}

/** The alias or interface symbols a declared type names, `null` and `undefined` set aside (`Fn | undefined`). */
function namedTypes(checker: TS.TypeChecker, type: TS.Type): TS.Symbol[] {
  const own = [type.aliasSymbol, type.getSymbol()].filter((s): s is TS.Symbol => s !== undefined);
  if (own.length > 0 || !type.isUnion()) return own;
  return type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))).flatMap((t) => namedTypes(checker, t));
}

/** The module a declaration belongs to: its ambient `declare module "…"`, else the nearest package.json's name. */
export function declaringModule(node: TS.Node): string | undefined {
  for (let at: TS.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isModuleDeclaration(at) && ts.isStringLiteral(at.name)) return at.name.text;
  }
  return packageNameAt(path.dirname(node.getSourceFile().fileName));
}

function packageNameAt(directory: string): string | undefined {
  const cached = packageNames.get(directory);
  if (cached !== undefined) return cached ?? undefined;
  let name: string | null = null;
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(directory, "package.json"), "utf8")) as { name?: unknown };
    name = typeof parsed.name === "string" ? parsed.name : null;
  } catch {
    const parent = path.dirname(directory);
    name = parent === directory ? null : (packageNameAt(parent) ?? null);
  }
  packageNames.set(directory, name);
  return name ?? undefined;
}
