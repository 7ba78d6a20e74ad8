/**
 * Access paths (`a.b[i].c`) with strong and weak updates, locals that alias a path (so mutations through them
 * reach it), and copying a callee's or a library's mutations back to the caller's variables.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { addElement, apiStep, type AV, element, join, keyOf, setField, withoutUnknown } from "./values.js";
import type { Activation } from "./interpret/activation.js";
import { type Alias, type State, THIS } from "./interpret/state.js";
import { constantKey, skipOuter } from "./interpret/util.js";
import { storedObjectOwner } from "./container-aliases.js";

/** `a.b[i].c` as a root and steps. */
export interface AccessPath {
  root: TS.Expression;
  steps: (string | null)[];
  /** The name node of each named step (undefined for elements), for heap cells. */
  names?: (TS.Node | undefined)[];
}

/** Remembers that a local names an object reachable by an access path, so mutations through it reach the path. */
function recordAlias(this: Activation, name: TS.Identifier, init: TS.Expression, st: State): void {
  let expr = skipOuter(init);
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) {
    expr = skipOuter(expr.left);
  }
  if (!ts.isPropertyAccessExpression(expr) && !ts.isElementAccessExpression(expr) && !storedObjectOwner(this, expr)) return;
  const path = this.staticPath(expr);
  const symbol = this.symbolOfDecl(name);
  if (path && symbol) st.aliases.set(symbol, path);
}

/** An access path with its root resolved to a variable key, without evaluating anything. */
function staticPath(this: Activation, node: TS.Expression): Alias | undefined {
  const steps: (string | null)[] = [];
  const names: (TS.Node | undefined)[] = [];
  let current: TS.Expression = node;
  for (;;) {
    current = skipOuter(current);
    if (ts.isPropertyAccessExpression(current)) {
      steps.unshift(current.name.text);
      names.unshift(current.name);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current)) {
      const key = constantKey(current.argumentExpression);
      steps.unshift(key ?? null);
      names.unshift(key !== undefined && !ts.isNumericLiteral(current.argumentExpression) ? current.argumentExpression : undefined);
      current = current.expression;
    } else {
      const owner = storedObjectOwner(this, current);
      if (!owner) break;
      steps.unshift(null);
      names.unshift(undefined);
      current = owner;
    }
  }
  if (current.kind === ts.SyntaxKind.ThisKeyword) return { root: THIS, steps, names };
  if (!ts.isIdentifier(current)) return undefined;
  let symbol = this.symbolAt(current);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
  return symbol ? { root: symbol, steps, names } : undefined;
}

const ASSIGNMENTS = new Set<TS.SyntaxKind>([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]);

/** `a.b[i].c` as a root and steps; `undefined` for anything that is not an access path. */
function accessPath(this: Activation, node: TS.Expression, st: State): AccessPath | undefined {
  const steps: (string | null)[] = [];
  const names: (TS.Node | undefined)[] = [];
  let current: TS.Expression = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) {
      current = current.expression;
    } else if (ts.isBinaryExpression(current) && ASSIGNMENTS.has(current.operatorToken.kind)) {
      // `(acc[key] ??= []).push(v)`: the assignment's value is the object now stored at its left-hand side.
      current = current.left;
    } else if (ts.isPropertyAccessExpression(current)) {
      steps.unshift(current.name.text);
      names.unshift(current.name);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current)) {
      const arg = current.argumentExpression;
      const key = constantKey(arg);
      if (key !== undefined) {
        steps.unshift(key);
        names.unshift(ts.isNumericLiteral(arg) ? undefined : arg);
      } else {
        names.unshift(undefined);
        this.eval(arg, st);
        steps.unshift(null);
      }
      current = current.expression;
    } else {
      // `map.get(k).x = v`, `map.get(k)?.add(fn)`: the object stored in the container (container-aliases.ts).
      const owner = storedObjectOwner(this, current);
      if (!owner) break;
      steps.unshift(null);
      names.unshift(undefined);
      current = owner;
    }
  }
  if (ts.isIdentifier(current) || current.kind === ts.SyntaxKind.ThisKeyword) return { root: current, steps, names };
  return undefined;
}

/** Writes `value` at an access path: strong for named fields of locals, weak for elements and module state. */
function updatePath(this: Activation, path: AccessPath, value: AV, st: State, weak: boolean): void {
  const rootValue = this.eval(path.root, st);
  // A property a library model keeps (`ref.current = v`: "useRef().current=", models/react.ts) is written there too.
  if (rootValue?.api && path.steps.length === 1 && path.steps[0]) this.statefulCall(path.root.parent, apiStep(rootValue, `${path.steps[0]}=`)!, [value], st);
  // Each named step's field is also a heap cell (field-cells.ts): what any object of its class may hold.
  const names = withoutUnknown(value) ? path.names : undefined;
  const write = (current: AV, index: number): AV => {
    if (index === path.steps.length) return weak ? join(current, value) : value;
    const step = path.steps[index];
    if (step === null || step === undefined) return addElement(current, write(element(current), index + 1));
    const inner = write(current?.f?.get(step), index + 1);
    const nameNode = names?.[index];
    if (nameNode) this.writeFieldCell(nameNode, inner);
    return setField(current, step, inner, index);
  };
  const updated = write(rootValue, 0);
  if (path.root.kind === ts.SyntaxKind.ThisKeyword) st.set(THIS, updated);
  else if (ts.isIdentifier(path.root)) {
    let symbol = this.symbolAt(path.root);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (symbol && this.solver.isFirstParty(symbol.valueDeclaration ?? path.root)) {
      this.writeVariable(symbol, updated, st, false);
      const alias = st.aliases.get(symbol);
      if (alias) this.writeThroughAlias(alias, path.steps, value, st);
    }
  }
}

/**
 * A mutation through an alias also reaches the aliased path (weakly: the alias may be stale), and the heap cells
 * of its named fields as a direct write would (`let set = this.handlers.get(k); set.add(fn)` is a write of
 * `this.handlers`, which a method run on any object of the class reads: field-cells.ts).
 */
function writeThroughAlias(this: Activation, alias: Alias, steps: (string | null)[], value: AV, st: State): void {
  const all = [...alias.steps, ...steps];
  const names = withoutUnknown(value) ? alias.names : undefined;
  const write = (current: AV, index: number): AV => {
    if (index === all.length) return join(current, value);
    const step = all[index];
    if (step === null || step === undefined) return addElement(current, write(element(current), index + 1));
    const inner = write(current?.f?.get(step), index + 1);
    const nameNode = names?.[index];
    if (nameNode) this.writeFieldCell(nameNode, inner);
    return setField(current, step, inner, index);
  };
  if (alias.root === THIS) st.set(THIS, write(st.get(THIS), 0));
  else {
    const symbol = alias.root as TS.Symbol;
    this.writeVariable(symbol, write(this.readVariable(symbol, st), 0), st, false);
  }
}

/** Merges what a callee did to an argument or receiver back into the caller's access path. */
function copyOut(this: Activation, expr: TS.Expression | undefined, before: AV, after: AV, st: State): void {
  if (!expr || !after || keyOf(join(before, after)) === keyOf(before)) return;
  if (expr.kind === ts.SyntaxKind.SuperKeyword) {
    st.set(THIS, join(st.get(THIS), after));
    return;
  }
  const path = this.accessPath(expr, st);
  if (path) this.updatePath(path, after, st, true);
}

/** The methods this room adds to `Activation` (attached in activation.ts). */

export const accessPathMethods = { recordAlias, staticPath, accessPath, updatePath, writeThroughAlias, copyOut };
