/**
 * The context a function runs in when the engine runs it as a root, with no caller: a controller's handler, a
 * listener, a DI singleton's timer-driven flush may be called by a framework with any object of their types. So
 * `this` and the parameters whose fields the function reads are UNKNOWN (field-cells.ts); everything else is
 * clean, which lets the root share its summary with the clean calls of the same function (most functions are
 * called clean, and a root context of their own would analyse them twice).
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { UNKNOWN, type AV } from "./values.js";

interface Reads {
  usesThis: boolean;
  /** Parameters read as objects: `p.x`, `p[k]`, destructured. */
  objectParams: ReadonlySet<TS.ParameterDeclaration>;
}

const readsCache = new WeakMap<TS.Node, Reads>();

export function rootContext(fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile): { thisValue: AV; args: AV[] } {
  if (ts.isSourceFile(fn)) return { thisValue: undefined, args: [] };
  // A class's implicit constructor initialises the fields of whatever instance a framework makes.
  if (ts.isClassLike(fn)) return { thisValue: UNKNOWN, args: [] };
  const reads = readsOf(fn);
  const hasThis = reads.usesThis && !ts.isFunctionDeclaration(fn);
  return { thisValue: hasThis ? UNKNOWN : undefined, args: fn.parameters.map((param) => (reads.objectParams.has(param) && mayHoldObject(param) ? UNKNOWN : undefined)) };
}

/** One syntactic pass over the body: does it use `this` (its own or an arrow's), which parameters does it read fields of. */
function readsOf(fn: TS.SignatureDeclaration): Reads {
  let reads = readsCache.get(fn);
  if (reads) return reads;
  const byName = new Map<string, TS.ParameterDeclaration>();
  const objectParams = new Set<TS.ParameterDeclaration>();
  for (const param of fn.parameters) {
    if (ts.isIdentifier(param.name)) byName.set(param.name.text, param);
    else objectParams.add(param);
  }
  let usesThis = false;
  const visit = (node: TS.Node, ownThis: boolean): void => {
    if (node.kind === ts.SyntaxKind.ThisKeyword && ownThis) usesThis = true;
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && ts.isIdentifier(node.expression)) {
      const param = byName.get(node.expression.text);
      if (param) objectParams.add(param);
    }
    // A nested function or class has its own `this`; an arrow function shares it. Parameters are captured by both.
    const nestedThis = ownThis && !(ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node));
    ts.forEachChild(node, (child) => { visit(child, nestedThis); });
  };
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (body) ts.forEachChild(body, (child) => { visit(child, true); });
  reads = { usesThis, objectParams };
  readsCache.set(fn, reads);
  return reads;
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
