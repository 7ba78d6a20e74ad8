/**
 * Object literals that implement a declared type: `const crm: CrmSync = { upsert(…) {…} }`, `return { … }` from a
 * function declared to return one, `{ … } satisfies CrmSync`. A member of such a literal implements the type's
 * member of the same name, so it is a sink when that member is (`@sink` on the interface or the member).
 */
import type TS from "typescript";
import ts from "../typescript.js";

/** The object literal a function or property belongs to as a member (`{ upsert() {} }`, `{ upsert: async () => {} }`). */
export function objectLiteralMember(decl: TS.Node): { literal: TS.ObjectLiteralExpression; name: string } | undefined {
  let member: TS.Node = decl;
  if ((ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) && ts.isPropertyAssignment(decl.parent)) member = decl.parent;
  if (!(ts.isMethodDeclaration(member) || ts.isPropertyAssignment(member) || ts.isShorthandPropertyAssignment(member))) return undefined;
  if (!ts.isObjectLiteralExpression(member.parent)) return undefined;
  const key = member.name;
  const name = ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key) ? key.text : undefined;
  return name === undefined ? undefined : { literal: member.parent, name };
}

/** The members of the literal's contextual type (an interface's or class's) that a literal member named `name` implements. */
export function implementedMembers(checker: TS.TypeChecker, literal: TS.ObjectLiteralExpression, name: string): TS.Declaration[] {
  const type = checker.getContextualType(literal);
  if (!type) return [];
  const out: TS.Declaration[] = [];
  for (const part of type.isUnion() ? type.types : [type]) {
    const property = checker.getPropertyOfType(checker.getApparentType(part), name);
    for (const declaration of property?.declarations ?? []) {
      const owner = declaration.parent;
      if (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) out.push(declaration);
    }
  }
  return out;
}
