/**
 * Columns of a generated Prisma client. `prisma generate` (both the `prisma-client` and the `prisma-client-js`
 * generators) declares each model's columns as the members of a type literal in its payload type,
 * `type $UserPayload = { …; scalars: GetPayloadResult<{ id: string; phone: string }, …> }` (the schema's `///`
 * comments become their JSDoc). Query results are mapped from there (property-origins.ts), so these members are
 * where a read of `user.phone` resolves to; they are named after the model (`User.phone`).
 */
import type TS from "typescript";
import ts from "../typescript.js";

const PAYLOAD = /^\$(\w+)Payload$/;

/** The model a column declaration belongs to (`User` for a member of `$UserPayload`'s scalars), if it is one. */
export function prismaModelOf(decl: TS.Node): string | undefined {
  if (!ts.isPropertySignature(decl) || !ts.isTypeLiteralNode(decl.parent)) return undefined;
  let holder: TS.Node = decl.parent.parent;
  if (ts.isTypeReferenceNode(holder)) holder = holder.parent; // GetPayloadResult<{ … }, ExtArgs["result"]["user"]>
  if (!ts.isPropertySignature(holder) || !ts.isIdentifier(holder.name) || holder.name.text !== "scalars") return undefined;
  const payload = holder.parent.parent;
  if (!ts.isTypeLiteralNode(holder.parent) || !ts.isTypeAliasDeclaration(payload)) return undefined;
  return PAYLOAD.exec(payload.name.text)?.[1];
}
