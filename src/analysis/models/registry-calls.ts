/**
 * Calls into callback registries (registries.ts): a publish writes its message into the cell of its channel, a
 * subscription runs the handler with what the channel's cell holds, and reading the cell records the dependency,
 * so the engine's next pass re-runs the subscription when a later publish changes it (engine.ts, module cells).
 *
 * A registry call is recognised two ways. By value: an import of a registry's module is an API path root
 * (api-roots.ts), and the paths of the values made from it name the operation ("events|EventEmitter().on").
 * By declaration: a call whose method the checker resolves to a registry class's member (`this.emit(…)` in a
 * subclass of EventEmitter, `queue.add(…)` on an injected `Queue`), named by the module and class declaring it.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { addStep, apiStep, type AV, field, functionsOf, join, type RegistryCell, type Value } from "../values.js";
import type { Activation } from "../interpret/activation.js";
import type { State } from "../interpret/state.js";
import { skipOuter } from "../interpret/util.js";
import { GLOBAL } from "../../catalog/types.js";
import { type ChannelAt, type Invocation, type Operation, REGISTRIES, type Registry, type Subscription, TIMERS } from "./registries.js";

// ───────────────────────────── the table, indexed ─────────────────────────────

const byModule = new Map<string, Registry[]>();
for (const registry of REGISTRIES) {
  for (const module of registry.modules) byModule.set(module, [...(byModule.get(module) ?? []), registry]);
}

/** Every module a registry names: their imports get API paths (the engine adds them to the catalog's). */
export const REGISTRY_MODULES: ReadonlySet<string> = new Set(REGISTRIES.flatMap((r) => r.modules).filter((m) => m !== GLOBAL));

/** Method names of registry operations: the only calls worth asking the checker for a declaring registry class. */
const METHOD_NAMES = new Set(REGISTRIES.flatMap((r) => Object.keys(r.operations).map(methodOf)));
/** Methods of registries that are only global (EventTarget): asked for even in programs importing no registry module. */
const GLOBAL_METHOD_NAMES = new Set(REGISTRIES.filter((r) => r.modules.every((m) => m === GLOBAL)).flatMap((r) => Object.keys(r.operations).map(methodOf)));

function methodOf(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

/** Globals a registry makes instances or events from (`new CustomEvent(…)`): read as API roots of the global scope. */
export const REGISTRY_GLOBALS: ReadonlySet<string> = new Set(
  REGISTRIES.filter((r) => r.modules.includes(GLOBAL)).flatMap((r) => Object.keys(r.operations).filter((path) => /^[A-Za-z_$][\w$]*$/.test(path))),
);

// ───────────────────────────── channels in access paths ─────────────────────────────

const OPEN = "⟨";
const CLOSE = "⟩";

/** An API path with the channel its instance was made with: "bullmq|Queue()⟨sms⟩". */
function withChannel(path: string, channel: string): string {
  return `${path}${OPEN}${channel.replaceAll(OPEN, "").replaceAll(CLOSE, "")}${CLOSE}`;
}

/** An API path's module, its path without channels, and the last channel in it. */
function splitPath(apiPath: string): { module: string; path: string; channel: string | undefined } {
  const bar = apiPath.indexOf("|");
  let channel: string | undefined;
  const path = apiPath.slice(bar + 1).replace(/⟨([^⟩]*)⟩/g, (_, name: string) => {
    channel = name;
    return "";
  });
  return { module: apiPath.slice(0, bar), path, channel };
}

function operationAt(module: string, path: string): { registry: Registry; operation: Operation } | undefined {
  for (const registry of byModule.get(module) ?? []) {
    const operation = registry.operations[path];
    if (operation) return { registry, operation };
  }
  return undefined;
}

// ───────────────────────────── cells ─────────────────────────────

/** Messages published under a name the analysis cannot read: every handler of the registry receives them. */
const ANY = "\u0000any";
/** Every message of the registry: what a handler subscribed under an unreadable name (or a wildcard) receives. */
const ALL = "\u0000all";
const cells = new Map<string, RegistryCell>();

function cell(registry: Registry, channel: string): RegistryCell {
  const key = `${registry.id}\u0000${channel}`;
  let found = cells.get(key);
  if (!found) cells.set(key, (found = { registry: registry.id, channel }));
  return found;
}

// ───────────────────────────── the room ─────────────────────────────

interface Call {
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
function registryCall(this: Activation, node: TS.CallExpression | TS.NewExpression, callee: Value, receiver: AV, args: AV[], st: State): { value: AV } | undefined {
  for (const apiPath of callee.api ?? []) {
    const { module, path, channel } = splitPath(apiPath);
    const found = operationAt(module, path);
    if (found) return { value: this.runRegistryOperation(found.operation, { node, registry: found.registry, instanceChannel: channel, callee, receiver, args, st }) };
  }
  return undefined;
}

/**
 * A library call whose method is declared by a registry class (`bus.emit(…)` where `Bus extends EventEmitter`,
 * `queue.add(…)` on a `Queue` the value of which was not followed): the operation of that declaration.
 */
function registryCallByDeclaration(this: Activation, node: TS.CallExpression, name: string, nameNode: TS.Node | undefined, receiver: AV, args: AV[], decl: TS.Declaration | undefined, st: State): { value: AV } | undefined {
  if (!METHOD_NAMES.has(name) || !nameNode || (!GLOBAL_METHOD_NAMES.has(name) && !this.solver.usesRegistries())) return undefined;
  const declaration = decl ?? this.symbolAt(nameNode)?.declarations?.[0];
  const owner = declaration && declaringApiPath(declaration);
  if (!owner) return undefined;
  const found = operationAt(owner.module, `${owner.path}().${name}`);
  if (!found) return undefined;
  // The receiver's value may still say which channel its instance was made with.
  const instanceChannel = [...(receiver?.api ?? [])].map((path) => splitPath(path).channel).find((c) => c !== undefined);
  return { value: this.runRegistryOperation(found.operation, { node, registry: found.registry, instanceChannel, callee: undefined, receiver, args, st }) };
}

function runRegistryOperation(this: Activation, operation: Operation, call: Call): AV {
  const { node, registry, args } = call;
  switch (operation.kind) {
    case "create": {
      const channels = operation.channel ? this.channelNames(operation.channel, call) : undefined;
      let made = call.callee ? apiStep(call.callee, "()") : undefined;
      if (made?.api && channels?.length === 1) made = { api: new Set([...made.api].map((path) => withChannel(path, channels[0]!))) };
      if (operation.subscribe) this.subscribeHandlers(operation.subscribe, { ...call, instanceChannel: channels?.length === 1 ? channels[0] : undefined });
      return join(made, operation.value?.(args));
    }
    case "publish": {
      const channels = this.channelOf(operation.channel, call);
      const message = operation.message(args, (i) => {
        const arg = node.arguments?.[i];
        return arg !== undefined && ts.isArrayLiteralExpression(skipOuter(arg));
      });
      const shown = channels?.length === 1 ? `"${channels[0]}"` : registry.id;
      const traced = addStep(message, node.arguments?.[0] ?? node, `published on ${shown}`, "store");
      for (const key of channels ?? [ANY]) this.solver.writeGlobal(cell(registry, key), traced);
      this.solver.writeGlobal(cell(registry, ALL), traced);
      return operation.invoke ? this.invokeCallback(operation.invoke, call) : undefined;
    }
    case "subscribe":
      this.subscribeHandlers(operation, call);
      return call.receiver;
    case "read":
      return operation.result(this.readChannels(registry, this.channelOf(operation.channel, call)));
    case "invoke":
      return this.invokeCallback(operation.invoke, call);
    case "chain":
      return call.receiver;
  }
}

/** The channels a call names; `undefined` when it names one the analysis cannot read. */
function channelOf(this: Activation, channel: Subscription["channel"], call: Call): string[] | undefined {
  if (channel === "single") return [""];
  if (channel === "instance") return call.instanceChannel === undefined ? undefined : [call.instanceChannel];
  return this.channelNames(channel, call);
}

/** What handlers subscribed to these channels receive: their cells, and what was published under unknown names. */
function readChannels(this: Activation, registry: Registry, channels: readonly string[] | undefined): AV {
  if (!channels) return this.solver.readGlobal(cell(registry, ALL));
  let out = this.solver.readGlobal(cell(registry, ANY));
  for (const channel of channels) out = join(out, this.solver.readGlobal(cell(registry, channel)));
  return out;
}

/** Runs each handler a subscription registers with the messages of its channels. */
function subscribeHandlers(this: Activation, subscription: Subscription, call: Call): void {
  const { node, args, st } = call;
  if (subscription.events) {
    const named = this.channelNames({ argument: 0 }, call);
    if (!named?.some((event) => subscription.events!.includes(event))) return;
  }
  const channels = this.channelOf(subscription.channel, call);
  const wildcard = subscription.wildcard && channels?.includes(subscription.wildcard.name);
  const message = wildcard ? this.readChannels(call.registry, undefined) : this.readChannels(call.registry, channels);
  const inputs = (wildcard ? subscription.wildcard!.deliver : subscription.deliver)(message);
  const place = subscription.handler;
  const handlers = place ? [place.property ? field(args[place.argument], place.property) : args[place.argument]] : args;
  for (const handler of handlers) {
    for (const fv of functionsOf(handler)) this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, inputs, node), st);
  }
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
    const found = at.property === undefined ? this.literalNames(expression) : this.propertyNames(expression, at.property);
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

/** The string values of a literal type or a union of them (`"signup" | "login"`, a string enum member). */
function literalTypeNames(type: TS.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const names: string[] = [];
  for (const part of parts) {
    if (!part.isStringLiteral()) return undefined;
    names.push(part.value);
  }
  return names.length > 0 ? names : undefined;
}

/**
 * The API path of the class or interface declaring a member, as an import of its module would reach it:
 * "bullmq|Queue", "events|EventEmitter", "global|NodeJS.EventEmitter" (a global namespace), "mitt|Emitter" (a
 * type alias). `undefined` for first-party declarations.
 */
function declaringApiPath(member: TS.Declaration): { module: string; path: string } | undefined {
  const owner = member.parent;
  let name: string | undefined;
  if ((ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name) name = owner.name.text;
  else if (ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent)) name = owner.parent.name.text;
  if (name === undefined) return undefined;
  const qualifiers: string[] = [];
  for (let node: TS.Node = owner.parent; ; node = node.parent) {
    if (ts.isModuleDeclaration(node)) {
      if (ts.isStringLiteral(node.name)) return { module: node.name.text, path: [...qualifiers, name].join(".") };
      if (node.flags & ts.NodeFlags.GlobalAugmentation) return { module: GLOBAL, path: [...qualifiers, name].join(".") };
      qualifiers.unshift(node.name.text);
    } else if (ts.isSourceFile(node)) {
      if (!node.isDeclarationFile) return undefined;
      if (!ts.isExternalModule(node)) return { module: GLOBAL, path: [...qualifiers, name].join(".") };
      const pkg = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(node.fileName)?.[1]?.replace(/\\/g, "/");
      if (pkg === undefined) return undefined;
      // @types/node's modules are `declare module "events"` blocks; its other files declare globals (EventTarget).
      const module = pkg === "@types/node" ? GLOBAL : pkg.replace(/^@types\//, "").replace(/^(.+)__(.+)$/, "@$1/$2");
      return { module, path: [...qualifiers, name].join(".") };
    }
  }
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const registryCallMethods = {
  registryCall,
  registryCallByDeclaration,
  runRegistryOperation,
  channelOf,
  readChannels,
  subscribeHandlers,
  invokeCallback,
  timerCall,
  channelNames,
  propertyNames,
  literalNames,
};

/** Whether a file imports (or requires) a registry's module: the engine asks once per program, to gate the checker. */
export function importsRegistryModule(file: TS.SourceFile): boolean {
  for (const statement of file.statements) {
    const specifier = ts.isImportDeclaration(statement)
      ? statement.moduleSpecifier
      : ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)
        ? statement.moduleReference.expression
        : undefined;
    if (specifier && ts.isStringLiteral(specifier) && REGISTRY_MODULES.has(specifier.text)) return true;
  }
  if (!file.text.includes("require(")) return false;
  return [...REGISTRY_MODULES].some((module) => file.text.includes(`require("${module}")`) || file.text.includes(`require('${module}')`));
}
