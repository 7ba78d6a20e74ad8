/**
 * Small syntax and value helpers shared by the interpreter's rooms.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { functionFacts } from "../function-facts.js";
import { type AV, join, taintOf } from "../values.js";
import { positionName } from "../containers.js";

/** Element `index` of an array or tuple value: its own slot if tracked, and the elements. */
export function positional(value: AV, index: number): AV {
  if (!value) return undefined;
  return join(join(taintOf(value.t), value.f?.get(String(index))), value.e);
}

/** The key an element access names statically: `a["x"]` → "x", `a[0]` → "0" (a position); else undefined. */
export function constantKey(arg: TS.Expression): string | undefined {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  return ts.isNumericLiteral(arg) ? positionName(arg.text) : undefined;
}

/**
 * The nodes a call's argument values come from, one per value, where they differ from the syntax: a spread of
 * an array literal or a fixed tuple passes several (evalArgs), `f.call(self, a)` passes `a` first
 * (call-forms.ts), an element passes its props (jsx.ts). Witness traces and sink reports name these nodes.
 */
const alignedArguments = new WeakMap<TS.Node, readonly TS.Node[]>();

export function alignArguments(site: TS.Node, nodes: readonly TS.Node[]): void {
  alignedArguments.set(site, nodes);
}

export function argumentNodes(site: TS.Node): readonly TS.Node[] {
  const aligned = alignedArguments.get(site);
  if (aligned) return aligned;
  return ts.isCallExpression(site) || ts.isNewExpression(site) ? (site.arguments ?? []) : [];
}

export function skipOuter(node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

export function skipOuterReceiver(node: TS.CallExpression): TS.Expression | undefined {
  const callee = skipOuter(node.expression);
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
}

export function nameOfCall(node: TS.CallExpression): TS.Node | undefined {
  const callee = skipOuter(node.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  if (ts.isIdentifier(callee)) return callee;
  return undefined;
}

/** A function's parameters as callers pass them: a TypeScript `this` parameter is not one of them. */
export function parametersOf(fn: TS.SignatureDeclaration): readonly TS.ParameterDeclaration[] {
  const first = fn.parameters[0];
  return first && ts.isIdentifier(first.name) && first.name.text === "this" ? fn.parameters.slice(1) : fn.parameters;
}

const readsArgumentsCache = new WeakMap<TS.Node, boolean>();

/** Whether an arrow function reads its enclosing function's `arguments` (then they are part of what it captures). */
export function readsArguments(fn: TS.Node): boolean {
  if (!ts.isArrowFunction(fn)) return false;
  let found = readsArgumentsCache.get(fn);
  if (found !== undefined) return found;
  found = false;
  const visit = (node: TS.Node): void => {
    if (found || (ts.isFunctionLike(node) && !ts.isArrowFunction(node))) return;
    if (ts.isIdentifier(node) && node.text === "arguments") found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  readsArgumentsCache.set(fn, found);
  return found;
}

export function isFunctionLike(node: TS.Node): node is TS.ArrowFunction | TS.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** Names assigned anywhere in a function body: such parameters are rebound, so callers see none of their updates. */
export function reassignedNames(fn: TS.Node): ReadonlySet<string> {
  return functionFacts(fn).reassigned;
}
