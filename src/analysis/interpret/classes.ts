/**
 * Classes and `this`: `new` (first-party classes, catalogued SDK constructors, library constructors), field
 * initialisers, `super(…)`, and an arrow function's writes to its creator's `this`. Getters and setters run
 * from property reads and assignments (expressions.ts, heap.ts); parameter properties in activation.ts `run`.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { apiOf, apiStep, type AV, collapse, functionsOf, type FunctionValue, isTainted, join, joinAll, setField, withElements, withoutFunctions } from "../values.js";
import { memberName } from "../model.js";
import { fromEntries, iterated } from "../containers.js";
import type { Activation, Summary } from "./activation.js";
import { type State, THIS } from "./state.js";
import { errorClassCell, errorObject, isErrorConstructor } from "../models/errors.js";
import { argumentNodes, skipOuter } from "./util.js";

export const PARAMETER_PROPERTY_MODIFIERS = new Set<TS.SyntaxKind>([
  ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword, ts.SyntaxKind.OverrideKeyword,
]);

function isStatic(member: TS.ClassElement): boolean {
  return ts.getModifiers(member as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

export function constructorOf(cls: TS.ClassLikeDeclaration): TS.ConstructorDeclaration | undefined {
  return cls.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
}

export function baseClassExpression(cls: TS.ClassLikeDeclaration): TS.Expression | undefined {
  const clause = cls.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  return clause?.types[0]?.expression;
}

export function containsSuperCall(body: TS.Node | undefined): boolean {
  if (!body) return false;
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || (ts.isFunctionLike(node) && !ts.isArrowFunction(node))) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function evalNew(this: Activation, node: TS.NewExpression, st: State): AV {
  const args = this.evalArgs(node.arguments, st);
  const decl = this.classDeclarationOf(node.expression);
  if (decl) {
    const sink = this.solver.model.sinkOf(decl);
    if (sink) this.solver.reportSink(node, sink, args, argumentNodes(node));
    const out = this.solver.summarize(constructorOf(decl) ?? decl, undefined, undefined, args);
    this.raise(out.throws);
    return out.thisOut;
  }
  const calleeValue = this.eval(node.expression, st);
  if (calleeValue?.api) {
    const registered = this.registryCall(node, calleeValue, undefined, undefined, args, st) ?? this.statefulCall(node, calleeValue, args, st);
    if (registered) return registered.value;
    this.reportCatalogSinks(node, calleeValue, args);
    const client = this.httpRequest(node, calleeValue, args);
    return join(join(collapse(joinAll(args.map(withoutFunctions))), apiStep(calleeValue, "()")), client);
  }
  const fns = functionsOf(calleeValue);
  if (fns.length > 0) return joinAll(fns.map((fv) => this.invokeFunctionValue(fv, undefined, args, node).thisOut));
  // A library constructor (Map, Set, URL, Error, …): the new object carries its arguments' taint. Function
  // arguments are run (a Promise executor), and what they hand to the library's callbacks (`resolve(x)`) is kept.
  const name = ts.isIdentifier(node.expression) ? node.expression.text : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : "constructor";
  // `new Map(entries)`: keys apart from values (containers.ts).
  if (name === "Map" || name === "WeakMap") return this.libraryStep(fromEntries(args[0]), node, `passed through new ${name}`);
  // `new Set(iterable)`: the iterable's items, functions included (a listener set), are its elements.
  if (name === "Set" || name === "WeakSet") return this.libraryStep(withElements(iterated(args[0])), node, `passed through new ${name}`);
  // `new Error(message, { cause })`: the message and the cause, each in its field (models/errors.ts).
  if (isErrorConstructor(name)) return this.libraryStep(errorObject(name, args), node, `passed through new ${name}`);
  let handed: AV;
  for (const arg of args) {
    for (const fv of functionsOf(arg)) handed = join(handed, this.invokeFunctionValue(fv, undefined, [], node).calls);
  }
  // Containers built from API clients (`new Map([["us", new TrackClient(…)]])`) hand the clients back.
  const value = join(join(collapse(joinAll(args.map(withoutFunctions))), handed), withElements(apiOf(joinAll(args))));
  return this.libraryStep(value, node, `passed through new ${name}`);
}

function classDeclarationOf(this: Activation, expr: TS.Expression): TS.ClassLikeDeclaration | undefined {
  let symbol = this.symbolAt(skipOuter(expr));
  if (!symbol) return undefined;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
  const decl = symbol.declarations?.find(ts.isClassLike);
  return decl && this.solver.isFirstParty(decl) ? decl : undefined;
}

function initializeInstance(this: Activation, cls: TS.ClassLikeDeclaration, st: State): void {
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member) || !member.initializer || isStatic(member)) continue;
    const name = memberName(member.name);
    if (name === undefined) continue;
    const value = this.eval(member.initializer, st);
    this.writeFieldCell(member.name, value);
    st.set(THIS, setField(st.get(THIS), name, value));
  }
}

function callSuper(this: Activation, base: TS.Expression, args: AV[], st: State): void {
  const decl = this.classDeclarationOf(base);
  if (!decl) {
    // A modelled library base (React's `Component`: `super(props)` sets `this.props`).
    const baseValue = this.eval(base, st);
    const modelled = baseValue?.api ? this.statefulCall(base, baseValue, args, st) : undefined;
    if (modelled) {
      st.set(THIS, join(st.get(THIS), modelled.value));
      return;
    }
    // An error base (`class ExportError extends Error`): like `new Error(message)`, the message and the cause.
    const baseName = ts.isIdentifier(base) ? base.text : undefined;
    if (baseName && isErrorConstructor(baseName)) {
      const made = errorObject(baseName, args);
      if (made) st.set(THIS, join(st.get(THIS), this.libraryStep(made, base, `passed to super ${baseName}`)));
      // What any error of this class holds, for one the program did not make (models/errors.ts).
      const cls = ts.findAncestor(base, ts.isClassLike);
      const symbol = cls?.name && this.symbolAt(cls.name);
      const kept = isTainted(made) && symbol ? errorClassCell(symbol, this.checker) : undefined;
      if (kept) this.solver.writeGlobal(kept, this.libraryStep(made, base, `passed to super ${baseName}`));
      return;
    }
    // Any other library base: the object carries what its constructor was given.
    const given = collapse(joinAll(args.map(withoutFunctions)));
    if (given) st.set(THIS, join(st.get(THIS), this.libraryStep(given, base, `passed to super ${base.getText()}`)));
    return;
  }
  const out = this.solver.summarize(constructorOf(decl) ?? decl, undefined, st.get(THIS), args);
  st.set(THIS, join(st.get(THIS), out.thisOut));
  this.raise(out.throws);
}

/**
 * An arrow function's writes to `this` are writes to the `this` of the function that created it: a
 * `values.forEach((v) => this.seen.add(v))` callback fills the method's own object. Applied when the arrow runs
 * inside its creator (the usual callback); returns the summary without `thisOut`, which is not the receiver's.
 */
function writeLexicalThis(this: Activation, fv: FunctionValue, out: Summary, st: State): Summary {
  if (!ts.isArrowFunction(fv.decl) || !out.thisOut) return out;
  if (fv.closure === this) st.set(THIS, join(st.get(THIS), out.thisOut));
  return { ...out, thisOut: undefined };
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const classMethods = { evalNew, classDeclarationOf, initializeInstance, callSuper, writeLexicalThis };
