/**
 * Boolean constants (values.ts `b`): `true` and `false` literals keep their value through variables, object
 * literals, parameters and `!`, `&&`, `||`, so a branch a constant decides is skipped (expressions.ts,
 * statements.ts) — `toCrmRow(u, { includeSms: false })` does not run `if (opts.includeSms) row.phone = …`.
 *
 * A constant is part of a summary's context key, so a callee that never tests its parameters gets its arguments
 * without constants: a call passing `{ debug: true }` to a function that only forwards it is no context of its own.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { type AV, FALSE, keyOf, MAX_DEPTH, TRUE, type Value, withoutConstant } from "../values.js";
import { skipOuter } from "./util.js";

const testsCache = new WeakMap<TS.Node, boolean>();
const declaredCache = new WeakMap<TS.Node, boolean | null>();

/**
 * The boolean a `const` always holds, read from its declaration: `const INCLUDE_PHONE = false`, `!OTHER_FLAG`,
 * `A && B` of such — wherever it is read, in its module or one importing it, without waiting for module
 * initialisation to reach a function's read. `undefined` for anything else (a `let`, a computed value).
 */
export function declaredConstant(decl: TS.Declaration, symbolAt: (node: TS.Node) => TS.Symbol | undefined): AV {
  const known = constantOf(decl, symbolAt, 0);
  return known === undefined ? undefined : known ? TRUE : FALSE;
}

function constantOf(decl: TS.Declaration, symbolAt: (node: TS.Node) => TS.Symbol | undefined, depth: number): boolean | undefined {
  if (!ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return undefined;
  const cached = declaredCache.get(decl);
  if (cached !== undefined) return cached ?? undefined;
  const found = depth > 8 ? undefined : literalBoolean(decl.initializer, symbolAt, depth);
  declaredCache.set(decl, found ?? null);
  return found;
}

function literalBoolean(node: TS.Expression, symbolAt: (node: TS.Node) => TS.Symbol | undefined, depth: number): boolean | undefined {
  const expr = skipOuter(node);
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = literalBoolean(expr.operand, symbolAt, depth);
    return inner === undefined ? undefined : !inner;
  }
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const and = expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
    const left = literalBoolean(expr.left, symbolAt, depth);
    if (left === !and) return left;
    const right = literalBoolean(expr.right, symbolAt, depth);
    return left === undefined || right === undefined ? undefined : right;
  }
  if (!ts.isIdentifier(expr)) return undefined;
  let symbol = symbolAt(expr);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = undefined;
  const target = symbol?.valueDeclaration;
  return target ? constantOf(target, symbolAt, depth + 1) : undefined;
}

/** Whether a condition in the function (or a closure inside it) mentions one of its parameters. */
export function testsParameters(fn: TS.SignatureDeclaration): boolean {
  let found = testsCache.get(fn);
  if (found !== undefined) return found;
  const names = new Set<string>();
  const bind = (name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bind(el.name);
  };
  for (const param of fn.parameters) bind(param.name);
  const mentions = (node: TS.Node): boolean => (ts.isIdentifier(node) && names.has(node.text)) || ts.forEachChild(node, mentions) === true;
  const visit = (node: TS.Node): boolean => {
    if (ts.isIfStatement(node) && mentions(node.expression)) return true;
    if (ts.isConditionalExpression(node) && mentions(node.condition)) return true;
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken) && mentions(node.left)) return true;
    return ts.forEachChild(node, visit) === true;
  };
  const body = (fn as TS.FunctionLikeDeclaration).body;
  found = names.size > 0 && body !== undefined && visit(body);
  testsCache.set(fn, found);
  return found;
}

/** The arguments a callee gets: with their constants when it may test them, else without. */
export function constantsFor(fn: TS.SignatureDeclaration, args: AV[]): AV[] {
  if (testsParameters(fn) || !args.some((arg) => keyOf(arg).includes("!"))) return args;
  return args.map((arg) => withoutConstants(arg, 0));
}

/** A receiver's constants are not kept: `this.enabled` set to `false` in a constructor would key every method call. */
export function receiverFor(thisValue: AV): AV {
  return keyOf(thisValue).includes("!") ? withoutConstants(thisValue, 0) : thisValue;
}

function withoutConstants(value: AV, depth: number): AV {
  if (!value || depth > MAX_DEPTH) return withoutConstant(value);
  let out: Value | undefined = withoutConstant(value);
  if (!out) return undefined;
  if (out.f) {
    const f = new Map<string, Value>();
    for (const [name, member] of out.f) {
      const kept = withoutConstants(member, depth + 1);
      if (kept) f.set(name, kept);
    }
    out = { ...out, f };
    if (f.size === 0) delete (out as { f?: unknown }).f;
  }
  if (out.e) {
    const e = withoutConstants(out.e, depth + 1);
    out = { ...out, e };
    if (!e) delete (out as { e?: unknown }).e;
  }
  return out.t || out.f || out.e || out.fn || out.api || out.u ? out : undefined;
}
