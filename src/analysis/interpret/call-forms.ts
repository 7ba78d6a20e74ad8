/**
 * JavaScript's indirect call forms, each turned into the direct call it stands for: `Function.prototype.call`,
 * `apply` and `bind` (receiver and arguments to the right parameters, partial application), `Reflect.apply`
 * and `Reflect.get`, spreads of array literals and fixed tuples into arguments, tagged templates
 * (the tag runs with the template's values) and dynamic `import()` / `require()` of a first-party module.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { type AV, collapse, compactKey, element, KEYS, member, functionsOf, type FunctionValue, join, joinAll, keyOf, setField, withFunction } from "../values.js";
import { iterated, MAX_POSITIONS } from "../containers.js";
import type { Activation } from "./activation.js";
import type { State } from "./state.js";
import { alignArguments, argumentNodes, isFunctionLike, parametersOf, positional, skipOuter } from "./util.js";

/** The interfaces that declare `call`, `apply` and `bind` in the default library. */
const FUNCTION_INTERFACES = new Set(["Function", "CallableFunction", "NewableFunction"]);
const FORMS = new Set(["call", "apply", "bind"]);

/** Evaluates a call's arguments, expanding spreads whose items are known; returns the values and their nodes. */
function evalArguments(this: Activation, args: readonly TS.Expression[], st: State): { values: AV[]; nodes: TS.Node[] } {
  const values: AV[] = [];
  const nodes: TS.Node[] = [];
  for (const arg of args) {
    if (!ts.isSpreadElement(arg)) {
      values.push(this.eval(arg, st));
      nodes.push(arg);
      continue;
    }
    const inner = skipOuter(arg.expression);
    if (ts.isArrayLiteralExpression(inner) && !inner.elements.some(ts.isSpreadElement)) {
      // `f(...["x", phone])`: each item is its own argument.
      for (const item of inner.elements) {
        values.push(ts.isOmittedExpression(item) ? undefined : this.eval(item, st));
        nodes.push(item);
      }
      continue;
    }
    const value = this.eval(arg.expression, st);
    const width = this.tupleWidth(arg.expression);
    if (width === undefined) {
      // `fn(...args)` of an array whose length the type does not fix: its known positions stay apart (a rest
      // parameter forwarded by a wrapper), and what sits at unknown positions may reach any later parameter.
      const known = knownPositions(value);
      const spread = known > 0 ? known : 1;
      const fill = value?.e !== undefined || value?.t !== undefined ? SPREAD_FILL : 0;
      for (let i = 0; i < Math.max(spread, fill); i++) {
        values.push(known > 0 ? positional(value, i) : iterated(value));
        nodes.push(arg);
      }
    } else {
      for (let i = 0; i < width; i++) {
        values.push(positional(value, i));
        nodes.push(arg.expression);
      }
    }
  }
  return { values, nodes };
}

/** Parameters after a spread of unknown length that may receive its elements (`f(...items)`). */
const SPREAD_FILL = 4;

/** One past the last position (`"0"`, `"1"`, …) an array value knows apart (clean ones are absent); 0 for a keyed container. */
function knownPositions(value: AV): number {
  if (!value?.f || value.f.has(KEYS)) return 0;
  let count = 0;
  for (let i = 0; i < MAX_POSITIONS; i++) if (value.f.has(String(i))) count = i + 1;
  return count;
}

/** The length of a fixed tuple type (`as const`, `[string, string]`), else undefined. */
function tupleWidth(this: Activation, expr: TS.Expression): number | undefined {
  const type = this.checker.getTypeAtLocation(expr);
  if (!this.checker.isTupleType(type)) return undefined;
  const target = (type as TS.TupleTypeReference).target;
  return target.combinedFlags & ts.ElementFlags.Variable || target.fixedLength > MAX_POSITIONS ? undefined : target.fixedLength;
}

/**
 * `f.call(self, …)`, `f.apply(self, list)`, `f.bind(self, …)`, `Reflect.apply(f, self, list)`,
 * `Reflect.get(object, key)`: the value of the call, or undefined when the call is none of these forms.
 */
function evalCallForm(this: Activation, node: TS.CallExpression, st: State): { value: AV } | undefined {
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  if (FORMS.has(name) && this.isFunctionMethod(callee.name)) {
    const target = skipOuter(callee.expression);
    const targetValue = this.eval(target, st);
    const [selfNode, ...rest] = node.arguments;
    if (name === "apply") return { value: this.applyTo(node, target, targetValue, selfNode, rest[0], st) };
    const self = selfNode ? this.eval(selfNode, st) : undefined;
    const { values, nodes } = this.evalArguments(rest, st);
    if (name === "bind") return { value: this.bindTo(target, targetValue, self, values) };
    alignArguments(node, nodes);
    return { value: this.call(node, nameOf(target), selfNode, self, targetValue, values, st) };
  }
  if (ts.isIdentifier(callee.expression) && callee.expression.text === "Reflect" && !this.isProgramSymbol(callee.expression)) {
    const [first, second, third] = node.arguments;
    if (name === "apply" && first) return { value: this.applyTo(node, skipOuter(first), this.eval(first, st), second, third, st) };
    if (name === "get" && first) {
      const object = this.eval(first, st);
      const key = second && skipOuter(second);
      // The key is a string, not a name the checker resolves: the record's branded fields are read whole.
      if (key && (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key))) return { value: member(this.withBrandedFields(first, object), key.text) };
      if (key) this.eval(key, st);
      return { value: element(object) };
    }
  }
  return undefined;
}

/** Whether a property name resolves to `Function.prototype`'s own member (not a program's method named `call`). */
function isFunctionMethod(this: Activation, name: TS.Node): boolean {
  const declarations = this.symbolAt(name)?.declarations ?? [];
  return declarations.some((d) => ts.isInterfaceDeclaration(d.parent) && FUNCTION_INTERFACES.has(d.parent.name.text) && d.getSourceFile().isDeclarationFile);
}

function isProgramSymbol(this: Activation, id: TS.Identifier): boolean {
  const decl = this.symbolAt(id)?.declarations?.[0];
  return decl !== undefined && this.solver.isFirstParty(decl);
}

/** `f.apply(self, list)` / `Reflect.apply(f, self, list)`: the list's items as the arguments. */
function applyTo(this: Activation, node: TS.CallExpression, target: TS.Expression, targetValue: AV, selfNode: TS.Expression | undefined, listNode: TS.Expression | undefined, st: State): AV {
  const self = selfNode ? this.eval(selfNode, st) : undefined;
  const list = listNode && skipOuter(listNode);
  let values: AV[] = [];
  let nodes: TS.Node[] = [];
  if (list && ts.isArrayLiteralExpression(list) && !list.elements.some(ts.isSpreadElement)) {
    ({ values, nodes } = this.evalArguments(list.elements, st));
  } else if (list) {
    // A list built elsewhere (or `arguments`): each parameter gets its position, a rest parameter every item.
    const value = this.eval(list, st);
    const signatures = this.targetParameters(target, targetValue);
    const width = Math.min(MAX_POSITIONS, Math.max(0, ...signatures.map((params) => params.length)));
    const rest = signatures.some((params) => params.some((p) => p.dotDotDotToken));
    for (let i = 0; i < width; i++) {
      values.push(rest ? join(positional(value, i), element(value)) : positional(value, i));
      nodes.push(list);
    }
    if (width === 0) {
      values.push(element(value));
      nodes.push(list);
    }
  }
  alignArguments(node, nodes);
  return this.call(node, nameOf(target), selfNode, self, targetValue, values, st);
}

/** The name a call form's target is resolved by, when it has one (`save`, `this.save`). */
function nameOf(target: TS.Expression): TS.Node | undefined {
  return ts.isPropertyAccessExpression(target) ? target.name : ts.isIdentifier(target) ? target : undefined;
}

/** The parameter lists the target of a call form may have (function values, else declarations). */
function targetParameters(this: Activation, target: TS.Expression, targetValue: AV): (readonly TS.ParameterDeclaration[])[] {
  const fns = functionsOf(targetValue);
  if (fns.length > 0) return fns.map((fv) => parametersOf(fv.decl).slice(fv.bound?.args.length ?? 0));
  return this.staticTargets(nameOf(target)).flatMap((decl) => {
    const fn = signatureOf(decl);
    return fn ? [parametersOf(fn)] : [];
  });
}

/** `f.bind(self, a)`: the target's functions with their receiver and leading arguments fixed. */
function bindTo(this: Activation, target: TS.Expression, targetValue: AV, self: AV, args: AV[]): AV {
  let fns = functionsOf(targetValue);
  if (fns.length === 0) {
    fns = this.staticTargets(nameOf(target)).flatMap((decl) => {
      const fn = signatureOf(decl);
      return fn ? functionsOf(this.functionValue(fn)) : [];
    });
  }
  if (fns.length === 0) return collapse(joinAll([self, ...args]));
  return joinAll(fns.map((fv) => withFunction(bound(fv, self, args))));
}

/** A function value with a receiver and leading arguments fixed (a bound function binds again only its arguments). */
function bound(fv: FunctionValue, self: AV, args: readonly AV[]): FunctionValue {
  const previous = fv.bound;
  const thisValue = previous ? previous.thisValue : self;
  const all = [...(previous?.args ?? []), ...args];
  const key = `${fv.key}.bind(${compactKey([thisValue, ...all].map(keyOf).join(","))})`;
  return { ...fv, key, bound: { thisValue, args: all } };
}

/** A declaration's function, when it has one: a function, method, or a variable initialised with a function. */
function signatureOf(decl: TS.Declaration): TS.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl)) return decl;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
    const init = skipOuter(decl.initializer);
    if (isFunctionLike(init)) return init;
  }
  return undefined;
}

/**
 * A tagged template: the tag is called with the strings (constant) and the template's values, so a first-party
 * tag runs with them and a tagged one is a sink; a library tag (`sql`, `gql`) passes its values on.
 */
function evalTaggedTemplate(this: Activation, node: TS.TaggedTemplateExpression, st: State): AV {
  const tag = skipOuter(node.tag);
  const receiverExpr = ts.isPropertyAccessExpression(tag) ? tag.expression : undefined;
  const receiver = receiverExpr ? this.eval(receiverExpr, st) : undefined;
  const calleeValue = ts.isPropertyAccessExpression(tag) ? this.readProperty(receiver, tag.name.text, tag.name) : this.eval(tag, st);
  const spans = ts.isTemplateExpression(node.template) ? node.template.templateSpans : [];
  const values: AV[] = [undefined, ...spans.map((span) => this.eval(span.expression, st))];
  alignArguments(node, [node.template, ...spans.map((span) => span.expression)]);
  const nameNode = ts.isPropertyAccessExpression(tag) ? tag.name : ts.isIdentifier(tag) ? tag : undefined;
  const fns = functionsOf(calleeValue);
  const targets = fns.length > 0 ? [] : this.staticTargets(nameNode);
  if (fns.length === 0 && targets.length === 0) return collapse(joinAll(values));
  let out: AV;
  for (const fv of fns) out = join(out, this.writeLexicalThis(fv, this.invokeFunctionValue(fv, receiver, values, node), st).ret);
  for (const decl of targets) {
    const sink = this.solver.model.sinkOf(decl);
    if (sink) this.solver.reportSink(node, sink, values, argumentNodes(node));
    const fn = signatureOf(decl);
    if (fn && (fn as TS.FunctionLikeDeclaration).body && this.solver.isFirstParty(fn)) out = join(out, this.invokeBody(fn, undefined, receiver, values, node).ret);
    else if (!sink) out = join(out, collapse(joinAll(values)));
  }
  return out;
}

/**
 * `import("./m")` / `require("./m")` of a first-party module: its namespace, an object whose fields are the
 * module's exports (functions as function values, variables as their module state).
 */
function moduleNamespace(this: Activation, specifier: TS.Expression): AV {
  const moduleSymbol = this.symbolAt(specifier);
  const file = moduleSymbol?.valueDeclaration;
  if (!moduleSymbol || !file || !ts.isSourceFile(file) || !this.solver.isFirstParty(file)) return undefined;
  let out: AV;
  for (const exported of this.checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.valueDeclaration;
    if (!decl || !this.solver.isFirstParty(decl)) continue;
    let value: AV;
    const fn = ts.isFunctionDeclaration(decl) ? decl : ts.isVariableDeclaration(decl) ? signatureOf(decl) : undefined;
    if (fn && (fn as TS.FunctionLikeDeclaration).body) value = this.functionValue(fn);
    if (ts.isVariableDeclaration(decl)) value = join(value, this.solver.readGlobal(symbol));
    if (value) out = setField(out, exported.name, value);
  }
  return out;
}

/**
 * `promise.catch(handler)` whose promise threw `rejected` while it was evaluated (an async call's rejection): the
 * handler runs with it — a function, or a registry callable handed over (`.catch(next)` in an Express wrapper).
 * What a function handler throws goes on; a handler without source (or none found) passes the rejection on.
 */
function handRejection(this: Activation, node: TS.CallExpression, rejected: AV, args: AV[], st: State, index = 0): void {
  const handler = node.arguments[index];
  const fns = functionsOf(args[index]);
  for (const fv of fns) {
    const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, [rejected], node), st);
    this.calls = join(this.calls, out.calls);
    // Handled: only what the handler throws (a rethrow) goes on.
    this.raise(out.throws);
  }
  if (fns.length > 0) return;
  if (handler && !ts.isSpreadElement(handler)) this.handToCallable(handler, [rejected], node);
  // A handler without source may rethrow.
  this.raise(rejected);
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const callFormMethods = {
  evalArguments, tupleWidth, evalCallForm, isFunctionMethod, isProgramSymbol, applyTo, targetParameters, bindTo,
  evalTaggedTemplate, moduleNamespace, handRejection,
};
