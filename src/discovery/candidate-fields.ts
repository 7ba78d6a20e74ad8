/**
 * Which unbranded fields candidate discovery follows: every first-party field a contact could live in — a
 * property signature (interface, type literal), class property or constructor parameter property declared as a
 * plain string (`string`, `string | null`, `string | undefined`) — or a class property without a type whose
 * initialiser is a string (`phoneNumber = ""`, as generated request classes declare them) — and not tagged
 * `@purpose`. Each read of one is a candidate source keyed by its declaring type and name (`User.phone`), as a
 * branded field's would be. A generated Prisma client's columns count too, even in typings (`prisma-client-js`
 * writes a `.d.ts` under node_modules): they are the app's model, read through query results (property-origins.ts).
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { hasPropertyModifier, isPlainString } from "../audit/suspicious.js";
import { prismaModelOf } from "../analysis/prisma-columns.js";

/** `decl` is a field discovery follows (see above). Only syntax: no type queries. */
export function isCandidateField(decl: TS.Node): boolean {
  const field =
    ts.isPropertySignature(decl) ||
    ts.isPropertyDeclaration(decl) ||
    (ts.isParameter(decl) && ts.isConstructorDeclaration(decl.parent) && hasPropertyModifier(decl));
  if (!field || !(decl.type === undefined ? isStringInitialized(decl) : isPlainString(decl.type))) return false;
  const file = decl.getSourceFile();
  // A generated Prisma client's columns are the app's own data model, wherever the client is generated to.
  if ((file.isDeclarationFile || file.fileName.split(/[\\/]/).includes("node_modules")) && prismaModelOf(decl) === undefined) return false;
  return !ts.getJSDocTags(decl).some((tag) => tag.tagName.text === "purpose");
}

/** Typings that may hold candidate fields: a generated Prisma client (its models' `$…Payload` types). */
export function mayDeclareCandidates(file: TS.SourceFile): boolean {
  return file.text.includes("Payload") && file.text.includes("scalars");
}

/**
 * "User.phone" for a member of a named interface, class or type alias; "LoginForm.email" for a member of the type
 * literal that types a named function's parameter (a React component's inline props, `({ email }: { email: string })`),
 * so two components' `email` props are told apart; the bare name otherwise.
 */
export function fieldKey(decl: TS.Node): string {
  const name = (decl as { name?: TS.Node }).name;
  const property = name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : "?";
  const model = prismaModelOf(decl);
  if (model !== undefined) return `${model}.${property}`;
  const owner = ts.isConstructorDeclaration(decl.parent) ? decl.parent.parent : decl.parent;
  if ((ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name) return `${owner.name.text}.${property}`;
  if (ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent)) return `${owner.parent.name.text}.${property}`;
  if (ts.isTypeLiteralNode(owner) && ts.isParameter(owner.parent) && owner.parent.type === owner) {
    const functionName = nameOfFunction(owner.parent.parent);
    if (functionName !== undefined) return `${functionName}.${property}`;
  }
  return property;
}

/**
 * A function's name: its own (`function LoginForm`, a method, qualified by its named class), or the variable or
 * property it is assigned to, through wrapping calls (`const Form = memo(({ … }: { … }) => …)`).
 */
function nameOfFunction(fn: TS.Node): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name)) {
    return ts.isClassLike(fn.parent) && fn.parent.name ? `${fn.parent.name.text}.${fn.name.text}` : fn.name.text;
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let node: TS.Node = fn;
  while (ts.isCallExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const holder = node.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) return holder.name.text;
  return undefined;
}

/** `phoneNumber = ""`: a mutable class property typed by its string initialiser (a readonly one is a literal). */
function isStringInitialized(decl: TS.Node): boolean {
  if (!ts.isPropertyDeclaration(decl) || decl.initializer === undefined) return false;
  if ((ts.getModifiers(decl) ?? []).some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)) return false;
  return ts.isStringLiteral(decl.initializer) || ts.isNoSubstitutionTemplateLiteral(decl.initializer);
}
