/**
 * Calls into code without source: the builtins' model (builtins.ts) decides where taint goes, callbacks run with
 * the receiver's elements, mutators write back to their receiver, and the step is named for the witness trace.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { addElement, addStep, addTaint, allLabels, type AV, collapse, element, field, functionsOf, isTainted, join, joinAll, onlyFields, withElements, withoutFields, withoutFunctions } from "../values.js";
import { type CallbackParameter, KEYED_STORES, libraryModel, type LibraryModel, REORDERS_IN_PLACE } from "./builtins.js";
import { asElements, flattened, iterated, keysOf, tuple, valuesOf, withEntry } from "../containers.js";
import { argumentsIntoResult, libraryResultOf, returnsCallbackResult } from "./library-results.js";
import { OBSERVER_CALLBACKS, OBSERVER_METHODS } from "./observers.js";
import { isOperator, throughOperators } from "./rxjs-operators.js";
import { emittedBy, RXJS } from "./rxjs.js";
import type { Activation } from "../interpret/activation.js";
import { aliasStoredLocals } from "../container-aliases.js";
import type { State } from "../interpret/state.js";
import { parametersOf, skipOuter } from "../interpret/util.js";

/** The property names a `pick` / `omit` argument lists: `"a"`, `["a", "b"]`; undefined for anything else. */
function literalKeys(arg: TS.Expression): string[] | undefined {
  const node = skipOuter(arg);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  const keys: string[] = [];
  for (const element of node.elements) {
    const inner = skipOuter(element);
    if (!ts.isStringLiteral(inner) && !ts.isNoSubstitutionTemplateLiteral(inner)) return undefined;
    keys.push(inner.text);
  }
  return keys;
}

/**
 * `update` / `write` keep their input in the receiver only for objects that absorb it: a hash, a cipher, or an
 * object whose type is unknown. On a third-party object whose declared type or API path has no such step (an
 * ORM's `db.user.update(…)`, an HTTP client's `write`) the data goes to the database or the network; keeping it
 * in the receiver would taint every later query's result, so it is an ordinary call echoing its arguments.
 */
function absorbingModel(model: LibraryModel, declaredOwner: string | undefined, receiver: AV): LibraryModel {
  if (model.verb !== "passed through") return model; // a Hash's update, by its declared type
  const known = [...(receiver?.api ?? []), ...(declaredOwner === undefined ? [] : [declaredOwner])];
  if (known.length === 0 || known.some((p) => ABSORBING.test(p))) return model;
  return { result: "collapse", verb: model.verb };
}

const ABSORBING_NAMES = new Set(["update", "write"]);
/** Types and API paths of objects that digest what they are given: `Hash`, `createCipheriv()`, `sha256.create()`. */
const ABSORBING = /hash|hmac|cipher|sha\d|md5|crc|blake|digest|sign|verify/i;

/** The innermost call of a fluent chain names the step: `createHash("sha256").update(x).digest()` is createHash's. */
function chainName(node: TS.CallExpression, name: string): string {
  let current: TS.Expression = node.expression;
  let root = name;
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) {
    if (ts.isCallExpression(current)) {
      const callee = current.expression;
      if (ts.isIdentifier(callee)) root = callee.text;
      else if (ts.isPropertyAccessExpression(callee)) root = callee.name.text;
      current = callee;
    } else current = current.expression;
  }
  if (ts.isIdentifier(current) && current.text === "Buffer") root = "Buffer.from";
  return root === "createHash" || root === "createHmac" || root === "Buffer.from" ? root : name;
}

function ownerName(decl: TS.Declaration | undefined): string | undefined {
  const parent = decl?.parent;
  if (!parent) return undefined;
  if ((ts.isInterfaceDeclaration(parent) || ts.isClassLike(parent)) && parent.name) return parent.name.text;
  if (ts.isModuleBlock(parent) && ts.isIdentifier(parent.parent.name)) return parent.parent.name.text;
  return undefined;
}

/** A call into code without source: the model decides where taint goes; callbacks are called with the elements. */
function libraryCall(
  this: Activation,
  node: TS.CallExpression,
  nameNode: TS.Node | undefined,
  receiverExpr: TS.Expression | undefined,
  receiver: AV,
  args: AV[],
  decl: TS.Declaration | undefined,
  st: State,
): AV {
  const name = nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode)) ? nameNode.text : "call";
  // A registry class's member (`this.emit(…)` in an EventEmitter subclass), or a timer running its callback.
  const registered =
    this.registryCallByDeclaration(node, name, nameNode, receiverExpr, receiver, args, decl, st) ?? this.registryCallByType(node, receiverExpr, args) ?? this.timerCall(node, name, args, st);
  if (registered) return registered.value;
  // `http.get(url).pipe(map(…), …)`: RxJS's operators over what the observable emits (models/rxjs.ts).
  if (name === "pipe" && args.some(isOperator)) {
    const emitted = throughOperators(element(receiver), args, { run: (fn, inputs) => this.runCallbacks(fn, inputs, node, st), emitted: emittedBy((channel) => this.readInstance(RXJS.id, [channel])) });
    return this.libraryStep(withElements(emitted), node, "passed through pipe");
  }
  const owner = ownerName(decl) ?? (receiverExpr && ts.isIdentifier(receiverExpr) ? receiverExpr.text : undefined);
  let model: LibraryModel = libraryModel(name, owner);
  if (model.mutates === "receiver" && ABSORBING_NAMES.has(name)) {
    // Only these two names need the declared owner; other calls are modelled without a checker query.
    const declared = decl ?? (nameNode ? this.symbolAt(nameNode)?.declarations?.[0] : undefined);
    model = absorbingModel(model, ownerName(declared), receiver);
  }
  // A record handed to a library is read whole by it (`JSON.stringify(user)`, `pick(user, …)`); indices and
  // counts (`splice(start, count, …)`) are not data. Its fields are read only where the arguments shape what the
  // call answers or mutates, or reach a callback: `map.get(key)` and `rows.push(row)` need no checker query.
  const readsRecords = recordsMatter(node, model, name, args);
  const data = args.map((arg, i) => {
    if (model.indexArguments?.includes(i)) return undefined;
    const argNode = node.arguments[i];
    return readsRecords && argNode && !ts.isSpreadElement(argNode) ? this.withBrandedFields(argNode, withoutFunctions(arg)) : withoutFunctions(arg);
  });
  // `Promise.reject(error)` is a rejection: thrown for the `.catch(…)` or `await` that handles it (and kept as
  // the value, as before).
  if (name === "reject" && owner?.replace(/Constructor$/, "") === "Promise") this.raise(joinAll(data));
  // Callbacks get the receiver's elements, or what the other arguments carry.
  let callbackReturns: AV;
  let calledBack = false;
  /** A callback was run, or a library function handed over was modelled (`then(setUser)`). */
  let followedCallback = false;
  const callbackInput = join(element(withoutFunctions(receiver)), collapse(joinAll(data.filter((_, i) => functionsOf(args[i]).length === 0))));
  for (const [i, arg] of args.entries()) {
    if (model.mutates) break;
    for (const fv of functionsOf(arg)) {
      const params = parametersOf(fv.decl).length;
      const inputs: AV[] = [];
      // `then(onFulfilled, onRejected)`: the rejection handler gets what the promise threw (calls.ts), not its value.
      const rejectionHandler = name === "then" && i === 1;
      for (let p = 0; p < params && !rejectionHandler; p++) {
        const role = model.callback ? (model.callback[p] ?? "none") : undefined;
        inputs.push(role === undefined ? callbackInput : callbackParameter(role, receiver, join(data[i + 1], callbackReturns), data[0]));
      }
      const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, inputs, node), st);
      // What a callback throws is thrown where the library calls it: by this call for `forEach` or `sort`, and for
      // a promise's `then`/`catch`/`finally` too — the rejection a later `.catch(…)`, rejection handler or `await`
      // in a `try` receives, as the call is part of what they evaluate (calls.ts, `rejects`).
      this.raise(out.throws);
      callbackReturns = join(callbackReturns, out.ret);
      this.calls = join(this.calls, out.calls);
      calledBack = true;
      followedCallback = true;
    }
    // An observer object (`subscribe({ next, error })`): each function property is a callback of its role.
    if (OBSERVER_METHODS.has(name)) {
      for (const [property, role] of Object.entries(OBSERVER_CALLBACKS)) {
        for (const fv of functionsOf(field(arg, property))) {
          const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, role === "value" ? [callbackInput] : [], node), st);
          this.calls = join(this.calls, out.calls);
          followedCallback = true;
        }
      }
    }
    // A stateful library's function handed over as the callback (`fetchUser().then(setUser)`): its operation.
    const role = model.callback ? (model.callback[0] ?? "none") : undefined;
    const handed = arg?.api ? this.statefulCall(node, arg, [role === undefined ? callbackInput : callbackParameter(role, receiver, join(data[i + 1], callbackReturns), data[0])], st) : undefined;
    if (handed) {
      callbackReturns = join(callbackReturns, handed.value);
      followedCallback = true;
    }
  }
  let result: AV;
  switch (model.result) {
    case "clean":
      result = undefined;
      break;
    case "receiver":
      result = join(receiver, collapse(joinAll(data)));
      break;
    case "element":
      result = valuesOf(receiver);
      break;
    case "reordered":
      result = join(asElements(receiver), collapse(joinAll(data)));
      break;
    case "keys":
      result = withElements(keysOf(receiver));
      break;
    case "values":
      result = withElements(valuesOf(receiver));
      break;
    case "mapped":
      result = withElements(calledBack ? callbackReturns : element(receiver));
      break;
    case "flatMapped":
      result = withElements(element(callbackReturns));
      break;
    case "flattened":
      result = flattened(receiver);
      break;
    case "callback":
      // A `then` whose callback is not followed (a library function) passes the settled value on.
      result = name === "then" ? (followedCallback ? callbackReturns : collapse(withoutFunctions(receiver))) : join(callbackReturns, data[1]);
      break;
    case "first-argument":
      result = joinAll(data);
      break;
    case "entries":
      result = withElements(tuple([keysOf(receiver), valuesOf(receiver)]));
      break;
    case "entries-of-first":
      result = withElements(tuple([undefined, element(data[0])]));
      break;
    case "picked":
    case "omitted": {
      // lodash `pick(object, keys…)`, ramda `pick(keys, object)`: names from literals, or no model at all.
      const keyArgs = node.arguments.map(literalKeys);
      const objectIndex = keyArgs.findIndex((keys) => keys === undefined);
      const keys = new Set(keyArgs.flatMap((k) => k ?? []));
      const complete = objectIndex >= 0 && keyArgs.every((k, i) => i === objectIndex || k !== undefined);
      if (complete) result = model.result === "picked" ? onlyFields(data[objectIndex], keys) : withoutFields(data[objectIndex], keys);
      else result = joinAll(data.map(libraryResultOf));
      break;
    }
    case "values-of-first":
      result = withElements(calledBack ? callbackReturns : iterated(data[0]));
      break;
    default:
      // `step.run("load", () => loadMember(id))`: a library that hands back what its callback returns, as it is.
      if (calledBack && isTainted(callbackReturns) && model.verb === "passed through" && returnsCallbackResult(this.checker, node, decl)) {
        result = callbackReturns;
        break;
      }
      // A hash, an encoding or a serialisation is one string built from everything it was given; any other
      // call keeps object arguments field-sensitive, and a record it answers with is not its query (library-results.ts).
      result =
        model.verb === "passed through"
          ? join(argumentsIntoResult(this.checker, node, decl, data, withoutFunctions(receiver)), collapse(callbackReturns))
          : join(collapse(join(withoutFunctions(receiver), joinAll(data))), collapse(callbackReturns));
  }
  // An SDK client's `update(…)` / `set(…)` sends data away; it does not keep it in the client.
  if (model.mutates === "receiver" && receiverExpr) {
    // Containers keep what is put in them, functions included (a listener registry); a hash keeps only taint.
    const stored = args.filter((_, i) => !model.indexArguments?.includes(i));
    const incoming = name === "update" || name === "write" ? collapse(joinAll(data)) : joinAll(stored);
    if (incoming) {
      let updated: AV;
      if (name === "update" || name === "write") updated = addTaint(receiver, incoming.t);
      else if (KEYED_STORES.has(name) && args.length >= 2) updated = withEntry(receiver, args[0], joinAll(args.slice(1)));
      else updated = addElement(receiver, incoming);
      this.copyOut(receiverExpr, receiver, this.libraryStep(updated, node, `${model.verb} ${name}`), st);
      // A library object's part written in place (`url.searchParams.set(…)`) changes the whole (`url.href`).
      const part = skipOuter(receiverExpr);
      if (ts.isPropertyAccessExpression(part) && this.isLibraryMember(part.name)) {
        const whole = this.eval(part.expression, st);
        this.copyOut(part.expression, whole, addTaint(whole, incoming.t ?? allLabels(incoming)), st);
      }
    }
  }
  // A local object stored now (an empty `new Set()` too) is the container's element: its later mutations reach it.
  if (model.mutates === "receiver" && receiverExpr && !receiver?.api && name !== "update" && name !== "write") {
    aliasStoredLocals(this, receiverExpr, node.arguments.slice(KEYED_STORES.has(name) ? 1 : 0), st);
  } else if (model.mutates === "first-argument" && node.arguments[0]) {
    this.copyOut(node.arguments[0], args[0], joinAll(data), st);
  }
  // `tuple.sort()`, `queue.shift()`: what was at a known position may now be at any.
  if (REORDERS_IN_PLACE.has(name) && receiverExpr && receiver?.f) this.copyOut(receiverExpr, receiver, asElements(receiver), st);
  if (result && isTainted(result) && this.returnsBoolean(node)) return undefined;
  // A library declared to return a security contact (`lookupTwoFactorPhone(): Promise<SecurityContact<string>>`).
  const declaredType = decl && (ts.isFunctionLike(decl) ? decl.type : undefined);
  if (declaredType && !allLabels(result) && this.solver.model.typeNodeDeclaresBrand(declaredType)) {
    result = join(result, this.sourceValue(node, nameNode ?? node, "return"));
  }
  const chain = chainName(node, name);
  const verb =
    model.verb === "serialised by JSON."
      ? `serialised by JSON.${name}`
      : chain === "createHash" || chain === "createHmac"
        ? `hashed by ${chain}`
        : `${model.verb} ${chain}`;
  return this.libraryStep(result, node, verb);
}

/** Result shapes computed without the arguments: a container's element, keys or values, or nothing. */
const RESULT_WITHOUT_ARGUMENTS = new Set<LibraryModel["result"]>(["clean", "element", "keys", "values", "mapped", "flatMapped", "flattened", "entries"]);

/**
 * Whether the records a library call is given are read whole: when the arguments shape its answer (and the answer
 * is used), are written into its first argument or sent away by an `update`/`write`, or reach a callback.
 */
function recordsMatter(node: TS.CallExpression, model: LibraryModel, name: string, args: readonly AV[]): boolean {
  if (model.mutates === "first-argument" || (model.mutates === "receiver" && (name === "update" || name === "write"))) return true;
  if (args.some((arg) => arg?.api || functionsOf(arg).length > 0)) return true;
  if (RESULT_WITHOUT_ARGUMENTS.has(model.result)) return false;
  return !ts.isExpressionStatement(node.parent);
}

/** What a builtin passes to one parameter of its callback (see `CallbackParameter`). */
function callbackParameter(role: CallbackParameter | "none", receiver: AV, accumulator: AV, first: AV): AV {
  switch (role) {
    case "first-element":
      return iterated(first);
    case "element":
      return valuesOf(withoutFunctions(receiver));
    case "index":
      return keysOf(receiver);
    case "receiver":
      return receiver;
    case "accumulator":
      return accumulator;
    default:
      return undefined;
  }
}

function isLibraryMember(this: Activation, name: TS.Node): boolean {
  const declaration = this.symbolAt(name)?.declarations?.[0];
  return declaration !== undefined && !this.solver.isFirstParty(declaration);
}

function libraryStep(this: Activation, value: AV, node: TS.Node, label: string): AV {
  if (!value || !isTainted(value)) return value;
  return addStep(value, node, label, "transform");
}

/** Predicates carry no identifier: asked only when the result would be tainted, so the checker is rarely involved. */
function returnsBoolean(this: Activation, node: TS.CallExpression): boolean {
  const cache = this.solver.booleanCalls;
  let answer = cache.get(node);
  if (answer === undefined) {
    const type = this.checker.getTypeAtLocation(node);
    answer = (type.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
    cache.set(node, answer);
  }
  return answer;
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const libraryCallMethods = { libraryCall, isLibraryMember, libraryStep, returnsBoolean };
