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

/** What a function's body reads; computed for every function of its file in one pass (see `readsInFile`). */
function readsOf(fn: TS.SignatureDeclaration): Reads {
  let reads = readsCache.get(fn);
  if (!reads) {
    readsInFile(fn.getSourceFile());
    reads = readsCache.get(fn) ?? NO_READS;
  }
  return reads;
}

const NO_READS: Reads = { usesThis: false, objectParams: new Set() };

interface Frame {
  /** An arrow function shares its `this` with the function around it. */
  arrow: boolean;
  byName: Map<string, TS.ParameterDeclaration>;
  usesThis: boolean;
  objectParams: Set<TS.ParameterDeclaration>;
}

/**
 * One syntactic pass over a file: for each function with a body, does its body use `this` (its own or an arrow's
 * inside it), which of its parameters does its body read fields of (nested functions' bodies included). A
 * per-function walk would walk a nested function once for every function around it.
 */
function readsInFile(file: TS.SourceFile): void {
  /** Function frames, and `undefined` for a boundary of `this` (a class, a non-arrow function's parameters). */
  const stack: (Frame | undefined)[] = [];
  /** `this`, or `p.x` / `p[k]` on a parameter: what the functions on the stack read. */
  const note = (node: TS.Node): void => {
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const frame = stack[i];
        if (!frame) break;
        frame.usesThis = true;
        if (!frame.arrow) break;
      }
    } else if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      for (const frame of stack) {
        const param = frame?.byName.get(name);
        if (param) frame!.objectParams.add(param);
      }
    }
  };
  const visit = (node: TS.Node): void => {
    note(node);
    descend(node);
  };
  const descend = (node: TS.Node): void => {
    const body = ts.isFunctionLike(node) ? (node as TS.FunctionLikeDeclaration).body : undefined;
    if (body) {
      const fn = node as TS.SignatureDeclaration;
      const arrow = ts.isArrowFunction(node);
      const frame: Frame = { arrow, byName: new Map(), usesThis: false, objectParams: new Set() };
      for (const param of fn.parameters) {
        if (ts.isIdentifier(param.name)) frame.byName.set(param.name.text, param);
        else frame.objectParams.add(param);
      }
      // Its parameters' defaults and decorators are outside its body: read by the functions around it (their
      // `this` only through an arrow).
      ts.forEachChild(node, (child) => {
        const own = child === body;
        if (own) {
          // An arrow whose whole body is `u.name` returns a field: it reads no parameter of its own as an object
          // (the functions around it do read `u.name`).
          note(child);
          stack.push(frame);
          descend(child);
        } else {
          if (!arrow) stack.push(undefined);
          visit(child);
        }
        if (own || !arrow) stack.pop();
      });
      readsCache.set(fn, { usesThis: frame.usesThis, objectParams: frame.objectParams });
      return;
    }
    const boundary = ts.isClassLike(node) || ts.isFunctionLike(node);
    if (boundary) stack.push(undefined);
    ts.forEachChild(node, visit);
    if (boundary) stack.pop();
  };
  ts.forEachChild(file, visit);
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
