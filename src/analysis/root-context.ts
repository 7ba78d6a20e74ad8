/**
 * The context a function runs in when the engine runs it as a root, with no caller: a controller's handler, a
 * listener, a DI singleton's timer-driven flush may be called by a framework with any object of their types. So
 * `this` and the parameters whose fields the function reads are UNKNOWN (field-cells.ts); everything else is
 * clean, which lets the root share its summary with the clean calls of the same function (most functions are
 * called clean, and a root context of their own would analyse them twice).
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { functionFacts } from "./function-facts.js";
import { UNKNOWN, type AV } from "./values.js";

export function rootContext(fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile): { thisValue: AV; args: AV[] } {
  if (ts.isSourceFile(fn)) return { thisValue: undefined, args: [] };
  // A class's implicit constructor initialises the fields of whatever instance a framework makes.
  if (ts.isClassLike(fn)) return { thisValue: UNKNOWN, args: [] };
  const reads = functionFacts(fn);
  const hasThis = reads.usesThis && !ts.isFunctionDeclaration(fn);
  return { thisValue: hasThis ? UNKNOWN : undefined, args: fn.parameters.map((param) => (reads.objectParams.has(param) && mayHoldObject(param) ? UNKNOWN : undefined)) };
}

/** A parameter annotated with a primitive type has no fields to read. */
function mayHoldObject(param: TS.ParameterDeclaration): boolean {
  switch (param.type?.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.LiteralType:
      return false;
    default:
      return true;
  }
}
