/**
 * Which unbranded fields candidate discovery follows: every first-party field a contact could live in — a
 * property signature (interface, type literal), class property or constructor parameter property declared as a
 * plain string (`string`, `string | null`, `string | undefined`) — or a class property without a type whose
 * initialiser is a string (`phoneNumber = ""`, as generated request classes declare them) — and not tagged
 * `@purpose`. Each read of one is a candidate source keyed by its declaring type and name (`User.phone`), as a
 * branded field's would be.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { hasPropertyModifier, isPlainString } from "../audit/suspicious.js";

/** `decl` is a field discovery follows (see above). Only syntax: no type queries. */
export function isCandidateField(decl: TS.Node): boolean {
  const field =
    ts.isPropertySignature(decl) ||
    ts.isPropertyDeclaration(decl) ||
    (ts.isParameter(decl) && ts.isConstructorDeclaration(decl.parent) && hasPropertyModifier(decl));
  if (!field || !(decl.type === undefined ? isStringInitialized(decl) : isPlainString(decl.type))) return false;
  const file = decl.getSourceFile();
  if (file.isDeclarationFile || file.fileName.split(/[\\/]/).includes("node_modules")) return false;
  return !ts.getJSDocTags(decl).some((tag) => tag.tagName.text === "purpose");
}

/** "User.phone" for a member of a named interface, class or type alias; the bare name otherwise. */
export function fieldKey(decl: TS.Node): string {
  const name = (decl as { name?: TS.Node }).name;
  const property = name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : "?";
  const owner = ts.isConstructorDeclaration(decl.parent) ? decl.parent.parent : decl.parent;
  if ((ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name) return `${owner.name.text}.${property}`;
  if (ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent)) return `${owner.parent.name.text}.${property}`;
  return property;
}

/** `phoneNumber = ""`: a mutable class property typed by its string initialiser (a readonly one is a literal). */
function isStringInitialized(decl: TS.Node): boolean {
  if (!ts.isPropertyDeclaration(decl) || decl.initializer === undefined) return false;
  if ((ts.getModifiers(decl) ?? []).some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)) return false;
  return ts.isStringLiteral(decl.initializer) || ts.isNoSubstitutionTemplateLiteral(decl.initializer);
}
