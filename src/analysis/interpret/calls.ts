/**
 * Calls: evaluating a call, resolving its callee (function values, then the checker's declarations, then library
 * models), running a first-party body through the solver, declassifiers, and reporting tagged sinks (calls on a
 * catalogued SDK's objects: api-calls.ts).
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { projectOnParameters, projectOnType } from "../type-projection.js";
import { addStep, apiRoot, type AV, collapse, element, field, functionsOf, type FunctionValue, isTainted, join, joinAll, UNKNOWN, withoutFunctions, withoutUnknown } from "../values.js";
import { declarationName } from "../model.js";
import { ADDING_MUTATORS, CLEAN_PROPERTIES } from "../models/builtins.js";
import type { Activation, Summary } from "./activation.js";
import { baseClassExpression } from "./classes.js";
import { mergeSummaries } from "./dispatch.js";
import type { State } from "./state.js";
import { INJECTOR_NAMES, mayBeInjection } from "../models/injectors.js";
import { constantsFor, receiverFor } from "./constants.js";
import { conditionHolds } from "./api-calls.js";
import { unresolvedImportedName } from "./unresolved-callees.js";
import { alignArguments, argumentNodes, isFunctionLike, nameOfCall, skipOuter, skipOuterReceiver } from "./util.js";

const EMPTY_SUMMARY: Summary = { ret: undefined, throws: undefined, thisOut: undefined, paramsOut: [] };

function sanitizerName(decl: TS.Node): string | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl)) return decl.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  if ((ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) && ts.isVariableDeclaration(decl.parent) && ts.isIdentifier(decl.parent.name)) return decl.parent.name.text;
  return undefined;
}

/** A call's argument values, spreads of known items expanded (call-forms.ts), aligned with their nodes. */
function evalArgs(this: Activation, args: readonly TS.Expression[] | undefined, st: State): AV[] {
  if (!args || args.length === 0) return [];
  const { values, nodes } = this.evalArguments(args, st);
  if (nodes.length !== args.length || nodes.some((n, i) => n !== args[i])) alignArguments(args[0]!.parent, nodes);
  return values;
}

function evalCall(this: Activation, node: TS.CallExpression, st: State): AV {
  const callee = node.expression;
  if (callee.kind === ts.SyntaxKind.SuperKeyword) {
    const args = this.evalArgs(node.arguments, st);
    const cls = ts.findAncestor(node, ts.isClassLike);
    const base = cls && baseClassExpression(cls);
    if (base) this.callSuper(base, args, st);
    return undefined;
  }
  if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require" && node.arguments.length === 1)) {
    // `require("mixpanel")`, `await import("mixpanel")`: a catalogued module's root; `import("./m")`: its exports.
    const specifier = node.arguments[0];
    if (specifier && ts.isStringLiteral(specifier) && this.solver.apiModules.has(specifier.text)) return apiRoot(specifier.text, "");
    this.evalArgs(node.arguments, st);
    return specifier && ts.isStringLiteral(specifier) ? this.moduleNamespace(specifier) : undefined;
  }
  const form = this.evalCallForm(node, st);
  if (form) return form.value;
  let receiverExpr: TS.Expression | undefined;
  let receiver: AV;
  let calleeValue: AV;
  let nameNode: TS.Node | undefined;
  let rejected: AV;
  const unwrapped = skipOuter(callee);
  if (ts.isPropertyAccessExpression(unwrapped)) {
    receiverExpr = unwrapped.expression;
    const expr = receiverExpr;
    // `promise.catch(handler)`, `promise.then(onFulfilled, onRejected)`: what evaluating the promise threw is its
    // rejection, the handler's argument.
    const method = unwrapped.name.text;
    const rejects = (method === "catch" && node.arguments.length === 1) || (method === "then" && node.arguments.length === 2);
    if (rejects) this.catchStack.push(undefined);
    receiver = this.addsOnly(unwrapped, node) ? this.solver.peekGlobals(() => this.eval(expr, st)) : this.eval(expr, st);
    rejected = rejects ? this.catchStack.pop() : undefined;
    nameNode = unwrapped.name;
    calleeValue = this.globalMember(receiverExpr, unwrapped.name.text) ?? (CLEAN_PROPERTIES.has(unwrapped.name.text) ? undefined : field(receiver, unwrapped.name.text));
    if (receiver?.u) calleeValue = join(calleeValue, this.fieldCell(unwrapped.name, unwrapped.name.text));
  } else if (ts.isElementAccessExpression(unwrapped)) {
    receiverExpr = unwrapped.expression;
    receiver = this.eval(receiverExpr, st);
    const arg = unwrapped.argumentExpression;
    if (ts.isStringLiteral(arg)) {
      nameNode = arg;
      calleeValue = this.globalMember(receiverExpr, arg.text) ?? field(receiver, arg.text);
    } else calleeValue = element(receiver);
  } else {
    nameNode = ts.isIdentifier(unwrapped) ? unwrapped : undefined;
    calleeValue = this.eval(unwrapped, st);
  }
  const args = this.evalArgs(node.arguments, st);
  const result = this.call(node, nameNode, receiverExpr, receiver, calleeValue, args, st);
  if (rejected) this.handRejection(node, rejected, args, st, node.arguments.length - 1);
  return result;
}

/**
 * `outbox.push(event)`, `this.pending.set(id, phone);`: a library method that only adds to a container named by a
 * path of names, its result a count or unused. What it adds is joined into the container's cells whatever they
 * held, so reading them is no dependency (`peekGlobals`).
 */
function addsOnly(this: Activation, access: TS.PropertyAccessExpression, node: TS.CallExpression): boolean {
  const name = access.name.text;
  if (!ADDING_MUTATORS.has(name) || !isPathOfNames(access.expression)) return false;
  if (name !== "push" && name !== "unshift" && !ts.isExpressionStatement(node.parent)) return false;
  // No first-party function has this name: the call is a library call (as `call` decides), no checker query needed.
  if (!this.solver.model.callableNames.has(name)) return true;
  const declarations = this.symbolAt(access.name)?.declarations;
  return declarations !== undefined && declarations.length > 0 && declarations.every((d) => !this.solver.isFirstParty(d));
}

function isPathOfNames(node: TS.Expression): boolean {
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(node) && isPathOfNames(node.expression);
}

/** Resolves and runs a call: function values first, then the checker's static target, then library models. */
function call(
  this: Activation,
  node: TS.CallExpression,
  nameNode: TS.Node | undefined,
  receiverExpr: TS.Expression | undefined,
  receiver: AV,
  calleeValue: AV,
  args: AV[],
  st: State,
): AV {
  if (calleeValue?.api) return this.apiCall(node, calleeValue, nameNode, receiverExpr, receiver, args, st);
  const fns = functionsOf(calleeValue);
  const named = nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode)) ? nameNode.text : undefined;
  // `inject(UsersService)`: the framework's instance of the class (models/injectors.ts).
  const injected = fns.length === 0 && named !== undefined && INJECTOR_NAMES.has(named) && mayBeInjection(node) ? this.injectedInstance(node) : undefined;
  if (injected) return injected.value;
  if (fns.length === 0 && receiverExpr && named !== undefined && !this.solver.model.callableNames.has(named)) {
    return this.libraryCall(node, nameNode, receiverExpr, receiver, args, undefined, st);
  }
  const targets = fns.length > 0 ? [] : this.staticTargets(nameNode);
  let ret: AV;
  let thisOut: AV;
  const paramsOut: AV[] = [];
  const merge = (out: Summary) => {
    ret = join(ret, out.ret);
    thisOut = join(thisOut, out.thisOut);
    out.paramsOut.forEach((value, i) => (paramsOut[i] = join(paramsOut[i], value)));
    this.raise(out.throws);
  };
  if (fns.length > 0) {
    for (const fv of fns) {
      const out = this.invokeFunctionValue(fv, receiver, args, node);
      merge(this.writeLexicalThis(fv, out, st));
    }
  } else if (targets.length > 0) {
    for (const decl of targets) {
      const handled = this.invokeDeclaration(decl, receiver, args, node, st);
      if (handled) merge(handled);
    }
  } else {
    // `declassify` imported from a module that does not resolve is still the declassifier (unresolved-callees.ts).
    const imported = unresolvedImportedName(nameNode, (at) => this.symbolAt(at), this.checker);
    if (imported !== undefined && this.solver.model.isSanitizer(imported)) return this.solver.declassified(node, args[0]);
    return this.libraryCall(node, nameNode, receiverExpr, receiver, args, undefined, st);
  }
  if (receiverExpr) this.copyOut(receiverExpr, receiver, thisOut, st);
  argumentNodes(node).forEach((arg, i) => {
    if (ts.isExpression(arg) && !ts.isSpreadElement(arg)) this.copyOut(arg, args[i], paramsOut[i], st);
  });
  // A method of an unknown receiver may have read field cells shared by every instantiation of a generic class.
  if (receiver?.u && isTainted(ret)) ret = projectOnType(this.checker, ret, this.checker.getTypeAtLocation(node));
  return ret;
}

/** Declarations a call's name resolves to (overloads folded to the implementation). */
function staticTargets(this: Activation, nameNode: TS.Node | undefined): TS.Declaration[] {
  if (!nameNode) return [];
  let symbol = this.symbolAt(nameNode);
  if (!symbol) return [];
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
  const decls = symbol.declarations ?? [];
  const withBody = decls.filter((d) => (d as TS.FunctionLikeDeclaration).body !== undefined);
  return withBody.length > 0 && withBody.length < decls.length ? [...withBody, ...decls.filter((d) => !withBody.includes(d) && this.solver.model.sinkOf(d))] : decls;
}

/** Runs one resolved declaration; `undefined` when the call was fully handled here (sink, library). */
function invokeDeclaration(this: Activation, decl: TS.Declaration, receiver: AV, args: AV[], node: TS.CallExpression, st: State): Summary | undefined {
  const model = this.solver.model;
  if (this.isSanitizer(decl)) return { ...EMPTY_SUMMARY, ret: this.solver.declassified(node, args[0]) };
  const fn = bodyOf(decl);
  const declared = model.sinkOf(decl) ?? (fn && model.sinkOf(fn));
  const sink = declared && conditionHolds(declared, node) ? declared : undefined;
  if (sink) {
    this.solver.reportSink(node, sink, args, argumentNodes(node));
    const sent = this.withSentRecords(args, argumentNodes(node));
    const abstract = !(fn as TS.FunctionLikeDeclaration | undefined)?.body && (ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl) || ts.isPropertySignature(decl));
    if (!abstract || !this.solver.isFirstParty(decl)) return this.runSinkBody(fn, receiver, sent, node);
    // A tagged interface or abstract member: its implementations' bodies (tagged too, by inheritance).
    let out: Summary | undefined;
    for (const impl of model.implementationsOf(decl)) {
      const s = this.runSinkBody(impl, receiver, sent, node);
      out = out ? mergeSummaries(out, s) : s;
    }
    return out ?? EMPTY_SUMMARY;
  }
  if (fn && (fn as TS.FunctionLikeDeclaration).body && this.solver.isFirstParty(fn)) {
    const base = this.invokeBody(fn, undefined, ts.isArrowFunction(fn) ? undefined : receiver, args, node);
    // A method a subclass overrides runs the override when the object is that subclass (virtual dispatch).
    if (!ts.isMethodDeclaration(fn) || !this.mayBeSubclassInstance(node)) return base;
    return this.dispatch(model.implementationsOf(fn), receiver, args, node, base);
  }
  if ((ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl) || ts.isPropertySignature(decl)) && this.solver.isFirstParty(decl)) {
    // An interface or abstract member: dispatch to every implementation (class-hierarchy analysis).
    return this.dispatch(model.implementationsOf(decl), receiver, args, node, undefined) ?? EMPTY_SUMMARY;
  }
  if (ts.isParameter(decl) || ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl) || ts.isBindingElement(decl)) {
    // A function-typed variable we know nothing about: like a library call, it passes its inputs on, and a
    // library that handed us this function (a Promise executor's `resolve`) may read what we passed.
    if (this.solver.isFirstParty(decl)) this.calls = join(this.calls, collapse(joinAll(args.map(withoutFunctions))));
    // It may throw any error, one of the program's own error classes included (field-cells.ts `errorClassFields`).
    if (this.solver.isFirstParty(decl)) this.raise(UNKNOWN);
    if (this.solver.isFirstParty(decl)) return { ret: this.libraryCall(node, undefined, undefined, receiver, args, decl, st), throws: undefined, thisOut: undefined, paramsOut: [] };
  }
  return { ret: this.libraryCall(node, nameOfCall(node), skipOuterReceiver(node), receiver, args, decl, st), throws: undefined, thisOut: undefined, paramsOut: [] };
}

/** The function a declaration runs: itself, or the function a variable or property is initialised with. */
function bodyOf(decl: TS.Declaration): TS.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isGetAccessorDeclaration(decl) || ts.isSetAccessorDeclaration(decl)) return decl;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer && isFunctionLike(skipOuter(decl.initializer))) {
    return skipOuter(decl.initializer) as TS.SignatureDeclaration;
  }
  return undefined;
}

/**
 * A tagged sink's own body still runs with what it was given: every sink the value reaches is a violation
 * (CONTRACT: "a source reaching any … sink"), so the SDK call inside a tagged wrapper is reported too, and what
 * the wrapper stores (a batch it flushes later) is kept.
 */
function runSinkBody(this: Activation, fn: TS.SignatureDeclaration | undefined, receiver: AV, args: AV[], node: TS.Node): Summary {
  if (!fn || !(fn as TS.FunctionLikeDeclaration).body || !this.solver.isFirstParty(fn)) return EMPTY_SUMMARY;
  return this.invokeBody(fn, undefined, ts.isArrowFunction(fn) ? undefined : receiver, args, node);
}

/** `declassify`, or a sanitizer the config names. */
function isSanitizer(this: Activation, decl: TS.Node): boolean {
  const name = sanitizerName(decl);
  return name !== undefined && this.solver.model.isSanitizer(name);
}

function invokeFunctionValue(this: Activation, fv: FunctionValue, receiver: AV, given: AV[], node: TS.Node): Summary {
  const decl = fv.decl;
  // A bound function (call-forms.ts) gets its fixed receiver and leading arguments.
  let args = fv.bound ? [...fv.bound.args, ...given] : given;
  if (fv.bound) receiver = fv.bound.thisValue;
  if (fv.typedArguments) args = projectOnParameters(this.checker, decl, args);
  if (this.isSanitizer(decl) && ts.isCallExpression(node)) return { ...EMPTY_SUMMARY, ret: this.solver.declassified(node, args[0]) };
  const sink = this.solver.model.sinkOf(decl);
  if (sink) {
    const nodes = argumentNodes(node);
    this.solver.reportSink(node, sink, args, fv.bound ? [...fv.bound.args.map(() => node), ...nodes] : nodes);
  }
  const thisValue = ts.isArrowFunction(decl) ? (fv as FunctionValue & { thisValue?: AV }).thisValue : receiver;
  return this.invokeBody(decl, fv.closure as Activation | undefined, thisValue, args, node);
}

function invokeBody(this: Activation, fn: TS.SignatureDeclaration, closure: Activation | undefined, thisValue: AV, args: AV[], node: TS.Node): Summary {
  const name = declarationName(fn);
  // An UNKNOWN argument is a parameter of a function run with no caller: the callee runs as a root with unknown
  // parameters itself, so the call need not be another context. `this` stays unknown: `this.flush()` reads its cells.
  const nodes = argumentNodes(node);
  const passed = this.withArgumentBrands(fn, args.map(withoutUnknown), nodes).map((arg, i) => addStep(arg, nodes[i] ?? node, `passed to ${name}`, "call"));
  const out = this.solver.summarize(fn, closure, receiverFor(thisValue), constantsFor(fn, passed));
  if (out.forwards && (ts.isCallExpression(node) || ts.isNewExpression(node))) this.completeForwards(node, out.forwards, fn, args);
  if (!out.ret || !isTainted(out.ret)) return out;
  return { ...out, ret: addStep(out.ret, node, `returned from ${name}`, "return") };
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const callMethods = { evalArgs, evalCall, addsOnly, call, staticTargets, invokeDeclaration, runSinkBody, isSanitizer, invokeFunctionValue, invokeBody };
