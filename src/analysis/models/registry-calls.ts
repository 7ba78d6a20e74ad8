/**
 * Calls into callback registries (registries.ts): a publish writes its message into the cell of its channel, a
 * subscription runs the handler with what the channel's cell holds, and reading the cell records the dependency,
 * so the engine's next pass re-runs the subscription when a later publish changes it (engine.ts, module cells).
 *
 * A registry call is recognised two ways. By value: an import of a registry's module is an API path root
 * (api-roots.ts), and the paths of the values made from it name the operation ("events|EventEmitter().on").
 * By declaration: a call whose method the checker resolves to a registry class's member (`this.emit(…)` in a
 * subclass of EventEmitter, `queue.add(…)` on an injected `Queue`), named by the module and class declaring it.
 * The table's index, the cells and the decorated handlers' inputs are in registry-index.ts.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { addStep, apiStep, type AV, field, functionsOf, join, type Value } from "../values.js";
import type { Activation } from "../interpret/activation.js";
import type { State } from "../interpret/state.js";
import { skipOuter } from "../interpret/util.js";
import { TIMERS } from "./registries.js";
import type { ChannelAt, Invocation, Operation, Registry, Subscription } from "./registry-types.js";
import {
  ALL,
  ANY,
  callableOfType,
  cell,
  declaringApiPath,
  GLOBAL_METHOD_NAMES,
  HAS_CALLABLES,
  instanceClassChannels,
  literalTypeNames,
  METHOD_NAMES,
  operationAt,
  resultsOf,
  shownChannel,
  splitPath,
  withChannel,
} from "./registry-index.js";
import { siteChannel } from "./chain-calls.js";

// ───────────────────────────── the room ─────────────────────────────

export interface Call {
  node: TS.CallExpression | TS.NewExpression;
  registry: Registry;
  /** The channel the instance was made with (from its access path), if any. */
  instanceChannel: string | undefined;
  callee: Value | undefined;
  receiver: AV;
  args: AV[];
  st: State;
}

/** A call or `new` of an API value whose path names a registry operation: its result, or `undefined` if none matched. */
function registryCall(
  this: Activation,
  node: TS.CallExpression | TS.NewExpression,
  callee: Value,
  receiverExpr: TS.Expression | undefined,
  receiver: AV,
  args: AV[],
  st: State,
): { value: AV } | undefined {
  for (const apiPath of callee.api ?? []) {
    const { module, path, channel } = splitPath(apiPath);
    const found = operationAt(module, path);
    if (!found) continue;
    // An instance known by its declared type only (`@InjectQueue("sms") queue: Queue`): its injection names it.
    const instanceChannel = channel ?? this.injectedChannel(found.registry, receiverExpr);
    return { value: this.runRegistryOperation(found.operation, { node, registry: found.registry, instanceChannel, callee, receiver, args, st }) };
  }
  return undefined;
}

/**
 * A library call whose method is declared by a registry class (`bus.emit(…)` where `Bus extends EventEmitter`,
 * `queue.add(…)` on a `Queue` the value of which was not followed): the operation of that declaration.
 */
function registryCallByDeclaration(
  this: Activation,
  node: TS.CallExpression,
  name: string,
  nameNode: TS.Node | undefined,
  receiverExpr: TS.Expression | undefined,
  receiver: AV,
  args: AV[],
  decl: TS.Declaration | undefined,
  st: State,
): { value: AV } | undefined {
  if (!METHOD_NAMES.has(name) || !nameNode || (!GLOBAL_METHOD_NAMES.has(name) && !this.solver.usesRegistries())) return undefined;
  const declaration = decl ?? this.symbolAt(nameNode)?.declarations?.[0];
  const owner = declaration && declaringApiPath(declaration);
  if (!owner) return undefined;
  const found = operationAt(owner.module, `${owner.path}().${name}`, true);
  if (!found) return undefined;
  // The receiver's value may still say which channel its instance was made with; or its injection does.
  const instanceChannel =
    [...(receiver?.api ?? [])].map((path) => splitPath(path).channel).find((c) => c !== undefined) ?? this.injectedChannel(found.registry, receiverExpr);
  return { value: this.runRegistryOperation(found.operation, { node, registry: found.registry, instanceChannel, callee: undefined, receiver, args, st }) };
}

/**
 * A call of a value whose type is a registry's callable (`next(err)` with `next: NextFunction`): a plain name the
 * program did not bind to a function of its own, typed by the checker. Publishes the call's message.
 */
function registryCallByType(this: Activation, node: TS.CallExpression, receiverExpr: TS.Expression | undefined, args: AV[]): { value: AV } | undefined {
  if (receiverExpr) return undefined;
  return this.handToCallable(node.expression, args, node) ? { value: undefined } : undefined;
}

/**
 * Calls `callee` with `args` if the checker types it as a registry's callable (also when it is handed over
 * rather than called: `promise.catch(next)`): publishes the message and answers true; false for anything else.
 */
function handToCallable(this: Activation, callee: TS.Expression, args: AV[], node: TS.CallExpression): boolean {
  const name = skipOuter(callee);
  if (!HAS_CALLABLES || !ts.isIdentifier(name) || !this.solver.usesRegistries()) return false;
  const found = callableOfType(this.checker.getTypeAtLocation(name));
  if (!found) return false;
  this.publishOn(found.registry.id, [""], found.callable.message(args, () => false), node);
  return true;
}

function runRegistryOperation(this: Activation, operation: Operation, call: Call): AV {
  const { node, registry, args } = call;
  switch (operation.kind) {
    case "create": {
      const channels = operation.site ? [siteChannel(node)] : operation.channel ? this.channelNames(operation.channel, call) : undefined;
      let made = call.callee ? apiStep(call.callee, "()") : undefined;
      if (made?.api && channels?.length === 1) made = { api: new Set([...made.api].map((path) => withChannel(path, channels[0]!))) };
      const instanceChannel = channels?.length === 1 ? channels[0] : undefined;
      if (operation.subscribe) this.subscribeHandlers(operation.subscribe, { ...call, instanceChannel });
      if (operation.mount) this.mountHandlers(operation.mount, { ...call, instanceChannel });
      return join(made, operation.value?.(args));
    }
    case "publish": {
      const channels = this.channelOf(operation.channel, call);
      const message = operation.message(args, (i) => {
        const arg = node.arguments?.[i];
        return arg !== undefined && ts.isArrayLiteralExpression(skipOuter(arg));
      });
      this.publishOn(registry.id, channels, message, node);
      return operation.invoke ? this.invokeCallback(operation.invoke, call) : undefined;
    }
    case "subscribe":
      this.subscribeHandlers(operation, call);
      return call.receiver;
    case "read":
      return operation.result(this.readChannels(registry.id, this.channelOf(operation.channel, call)));
    case "invoke":
      return this.invokeCallback(operation.invoke, call);
    case "chain":
      return call.receiver;
    case "mount":
      this.mountHandlers(operation.mounts, call);
      return call.receiver;
    case "rethrow":
      this.rethrowChain(call);
      return undefined;
  }
}

/** The channels a call names; `undefined` when it names one the analysis cannot read. */
function channelOf(this: Activation, channel: Subscription["channel"], call: Call): string[] | undefined {
  if (channel === "single") return [""];
  if (channel === "instance") return call.instanceChannel === undefined ? undefined : [call.instanceChannel];
  return this.channelNames(channel, call);
}

/** Joins a message into its channels' cells (and the registry's cell of every message), with a witness step. */
function publishOn(this: Activation, registry: string, channels: readonly string[] | undefined, message: AV, node: TS.CallExpression | TS.NewExpression): void {
  if (!message) return;
  const shown = channels?.length === 1 && channels[0] !== "" ? `"${shownChannel(channels[0]!)}"` : registry;
  const traced = addStep(message, node.arguments?.[0] ?? node, `published on ${shown}`, "store");
  for (const key of channels ?? [ANY]) this.solver.writeGlobal(cell(registry, key), traced);
  this.solver.writeGlobal(cell(registry, ALL), traced);
}

/** What handlers subscribed to these channels receive: their cells, and what was published under unknown names. */
function readChannels(this: Activation, registry: string, channels: readonly string[] | undefined): AV {
  if (!channels) return this.solver.readGlobal(cell(registry, ALL));
  let out = this.solver.readGlobal(cell(registry, ANY));
  for (const channel of channels) out = join(out, this.solver.readGlobal(cell(registry, channel)));
  return out;
}

/** Runs each handler a subscription registers with the messages of its channels. */
function subscribeHandlers(this: Activation, subscription: Subscription, call: Call): void {
  const { node, args, st, registry } = call;
  let deliveries = [subscription.deliver];
  if (subscription.events) {
    const events = subscription.events;
    deliveries = (this.channelNames({ argument: 0 }, call) ?? []).flatMap((event) => (Object.hasOwn(events, event) ? [events[event]!] : []));
  }
  let channels = this.channelOf(subscription.channel, call);
  // EventEmitter2's "order.*": a pattern, so every message may match it.
  if (registry.patterns && channels?.some((channel) => channel.includes("*"))) channels = undefined;
  const wildcard = subscription.wildcard && channels?.includes(subscription.wildcard.name);
  if (wildcard) deliveries = [subscription.wildcard!.deliver];
  const message = this.readChannels(registry.id, wildcard ? undefined : channels);
  const result = subscription.results === "read" ? this.readChannels(resultsOf(registry), channels) : undefined;
  const place = subscription.handler;
  const handlers = place ? [place.property ? field(args[place.argument], place.property) : args[place.argument]] : args;
  let returned: AV;
  for (const deliver of deliveries) {
    const inputs = deliver(message, result);
    for (const handler of handlers) {
      for (const fv of functionsOf(handler)) {
        const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, inputs, node), st);
        returned = join(returned, out.ret);
        // What the handler hands to a callback of the function subscribing it (`resolve(result)` in an executor).
        this.calls = join(this.calls, out.calls);
      }
    }
  }
  if (subscription.results === "publish") this.publishOn(resultsOf(registry), channels, returned, node);
}

/**
 * The channel an instance whose value was not followed was made with, from the declaration of the field or
 * variable holding it: its initializer (`private queue = new Queue("sms")` in a class nobody constructs) or a
 * decorator that injects it (`@InjectQueue("sms") queue: Queue`).
 */
function injectedChannel(this: Activation, registry: Registry, receiverExpr: TS.Expression | undefined): string | undefined {
  if (!receiverExpr) return undefined;
  const receiver = skipOuter(receiverExpr);
  const name = ts.isPropertyAccessExpression(receiver) ? receiver.name : ts.isIdentifier(receiver) ? receiver : undefined;
  const declaration = name && this.symbolAt(name)?.valueDeclaration;
  if (!declaration) return undefined;
  const initializer = (ts.isPropertyDeclaration(declaration) || ts.isVariableDeclaration(declaration)) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  if (initializer && ts.isNewExpression(initializer)) {
    const created = this.createdChannel(initializer);
    if (created !== undefined) return created;
  }
  if (!registry.injected || !ts.canHaveDecorators(declaration)) return undefined;
  for (const decorator of ts.getDecorators(declaration) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !Object.hasOwn(registry.injected, call.expression.text)) continue;
    const arg = call.arguments[registry.injected[call.expression.text]!];
    const names = arg && this.literalNames(arg);
    if (names?.length === 1) return names[0];
  }
  return undefined;
}

/** The channel a registry instance is made with, read from the syntax of its `new` (an import's class, literal names). */
function createdChannel(this: Activation, creation: TS.NewExpression): string | undefined {
  const callee = skipOuter(creation.expression);
  const symbol = ts.isIdentifier(callee) ? this.symbolAt(callee) : undefined;
  const root = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.apiRootOf(symbol) : undefined;
  for (const apiPath of root?.api ?? []) {
    const { module, path } = splitPath(apiPath);
    const found = operationAt(module, path);
    if (found?.operation.kind !== "create" || !found.operation.channel) continue;
    const names = this.channelNames(found.operation.channel, { node: creation, args: [] });
    if (names?.length === 1) return names[0];
  }
  return undefined;
}

/** Runs a callback the call invokes (`als.run(store, fn, …args)`, `setTimeout(fn, ms, …args)`) with its arguments. */
function invokeCallback(this: Activation, invocation: Invocation, call: Pick<Call, "node" | "args" | "st">): AV {
  const { node, args, st } = call;
  const inputs = invocation.argumentsFrom === undefined ? [] : args.slice(invocation.argumentsFrom);
  let result: AV;
  for (const fv of functionsOf(args[invocation.callback])) {
    const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, inputs, node), st);
    result = join(result, out.ret);
    this.calls = join(this.calls, out.calls);
  }
  return invocation.returnsResult ? result : undefined;
}

/** A timer or scheduler (`setTimeout(fn, ms, a, b)`, `process.nextTick(fn, a)`): runs the callback with its arguments. */
function timerCall(this: Activation, node: TS.CallExpression, name: string, args: AV[], st: State): { value: AV } | undefined {
  const timer = Object.hasOwn(TIMERS, name) ? TIMERS[name] : undefined;
  if (!timer || functionsOf(args[timer.callback]).length === 0) return undefined;
  this.invokeCallback(timer, { node, args, st });
  return { value: undefined };
}

/**
 * The channel names a call gives at an argument (or a property of it): string literals, and what the checker
 * knows of other expressions (a `const`, an enum member, a union of literal types). `undefined` when unknown.
 */
function channelNames(this: Activation, at: ChannelAt, call: Pick<Call, "node" | "args">): string[] | undefined {
  const arg = call.node.arguments?.[at.argument];
  if (!arg) return undefined;
  if (at.fromValue) {
    const names = [...(call.args[at.argument]?.api ?? [])].map((path) => splitPath(path).channel).filter((c) => c !== undefined);
    return names.length > 0 ? names : undefined;
  }
  const expressions = ts.isArrayLiteralExpression(skipOuter(arg)) ? (skipOuter(arg) as TS.ArrayLiteralExpression).elements : [arg];
  const names: string[] = [];
  for (const expression of expressions) {
    const found = at.fromClass
      ? instanceClassChannels(this.checker.getTypeAtLocation(expression), this.checker)
      : at.property === undefined
        ? this.literalNames(expression)
        : this.propertyNames(expression, at.property);
    if (!found) return undefined;
    names.push(...found);
  }
  return names;
}

function propertyNames(this: Activation, expression: TS.Expression, property: string): string[] | undefined {
  const object = skipOuter(expression);
  if (ts.isObjectLiteralExpression(object)) {
    const assignment = object.properties.find((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === property);
    if (assignment && ts.isPropertyAssignment(assignment)) return this.literalNames(assignment.initializer);
  }
  const symbol = this.checker.getPropertyOfType(this.checker.getTypeAtLocation(expression), property);
  return symbol ? literalTypeNames(this.checker.getTypeOfSymbol(symbol)) : undefined;
}

function literalNames(this: Activation, expression: TS.Expression): string[] | undefined {
  const inner = skipOuter(expression);
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return [inner.text];
  let type = this.checker.getTypeAtLocation(inner);
  // A typed wrapper's `name: K` with `K extends keyof Events`: any of the names the map declares.
  if (type.flags & ts.TypeFlags.TypeParameter) type = this.checker.getBaseConstraintOfType(type) ?? type;
  return literalTypeNames(type);
}


/** The methods this room adds to `Activation` (attached in activation.ts). */
export const registryCallMethods = {
  registryCall,
  registryCallByDeclaration,
  registryCallByType,
  handToCallable,
  runRegistryOperation,
  channelOf,
  readChannels,
  publishOn,
  subscribeHandlers,
  injectedChannel,
  createdChannel,
  invokeCallback,
  timerCall,
  channelNames,
  propertyNames,
  literalNames,
};

