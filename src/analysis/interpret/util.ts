/**
 * Small syntax and value helpers shared by the interpreter's rooms.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { type AV, join, taintOf } from "../values.js";

/** Element `index` of an array or tuple value: its own slot if tracked, and the elements. */
export function positional(value: AV, index: number): AV {
  if (!value) return undefined;
  return join(join(taintOf(value.t), value.f?.get(String(index))), value.e);
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

export function isFunctionLike(node: TS.Node): node is TS.ArrowFunction | TS.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

const reassignedCache = new WeakMap<TS.Node, Set<string>>();

/** Names assigned anywhere in a function body: such parameters are rebound, so callers see none of their updates. */
export function reassignedNames(fn: TS.Node): Set<string> {
  const cached = reassignedCache.get(fn);
  if (cached) return cached;
  const names = new Set<string>();
  reassignedCache.set(fn, names);
  if (ts.isSourceFile(fn)) return names;
  const visit = (node: TS.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left)) {
      names.add(node.left.text);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand)) {
      names.add(node.operand.text);
    }
    ts.forEachChild(node, visit);
  };
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return names;
}
