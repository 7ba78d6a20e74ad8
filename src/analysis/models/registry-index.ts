/**
 * The registry table (registries.ts) indexed for the engine: operations by module and access path, the channel an
 * instance carries in its access path, the cells messages are kept in, the API path of a declaring class, the
 * modules a program must import for any of this to cost a checker query, and decorated handlers' inputs.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { type AV, join, type RegistryCell } from "../values.js";
import { GLOBAL } from "../../catalog/types.js";
import { REGISTRIES } from "./registries.js";
import type { DecoratedHandler, Operation, Registry } from "./registry-types.js";

// ───────────────────────────── the table, indexed ─────────────────────────────

const byModule = new Map<string, Registry[]>();
for (const registry of REGISTRIES) {
  for (const module of registry.modules) byModule.set(module, [...(byModule.get(module) ?? []), registry]);
}

/** Every module a registry names: a program importing one may publish or subscribe. */
export const REGISTRY_MODULES: ReadonlySet<string> = new Set(REGISTRIES.flatMap((r) => r.modules).filter((m) => m !== GLOBAL));
/** Modules of registries with operations on imported values: their imports get API paths (the engine adds them to the catalog's). */
export const REGISTRY_API_MODULES: ReadonlySet<string> = new Set(
  REGISTRIES.filter((r) => Object.keys(r.operations).length > 0).flatMap((r) => r.modules).filter((m) => m !== GLOBAL),
);

/** Method names of registry operations: the only calls worth asking the checker for a declaring registry class. */
export const METHOD_NAMES = new Set(REGISTRIES.filter((r) => !r.valuesOnly).flatMap((r) => Object.keys(r.operations).map(methodOf)));
/** Methods of registries that are only global (EventTarget): asked for even in programs importing no registry module. */
export const GLOBAL_METHOD_NAMES = new Set(REGISTRIES.filter((r) => r.modules.every((m) => m === GLOBAL)).flatMap((r) => Object.keys(r.operations).map(methodOf)));

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
export function withChannel(path: string, channel: string): string {
  return `${path}${OPEN}${channel.replaceAll(OPEN, "").replaceAll(CLOSE, "")}${CLOSE}`;
}

/** An API path's module, its path without channels, and the last channel in it. */
export function splitPath(apiPath: string): { module: string; path: string; channel: string | undefined } {
  const bar = apiPath.indexOf("|");
  let channel: string | undefined;
  const path = apiPath.slice(bar + 1).replace(/⟨([^⟩]*)⟩/g, (_, name: string) => {
    channel = name;
    return "";
  });
  return { module: apiPath.slice(0, bar), path, channel };
}

/** The operation at an access path; `byDeclaration`: for a method known by its declaring class only (not `valuesOnly`). */
export function operationAt(module: string, path: string, byDeclaration = false): { registry: Registry; operation: Operation } | undefined {
  for (const registry of byModule.get(module) ?? []) {
    if (byDeclaration && registry.valuesOnly) continue;
    const operation = registry.operations[path];
    if (operation) return { registry, operation };
  }
  return undefined;
}

// ───────────────────────────── cells ─────────────────────────────

/** Messages published under a name the analysis cannot read: every handler of the registry receives them. */
export const ANY = "\u0000any";
/** Every message of the registry: what a handler subscribed under an unreadable name (or a wildcard) receives. */
export const ALL = "\u0000all";
const cells = new Map<string, RegistryCell>();

export function cell(registry: string, channel: string): RegistryCell {
  const key = `${registry}\u0000${channel}`;
  let found = cells.get(key);
  if (!found) cells.set(key, (found = { registry, channel }));
  return found;
}

/** Where a registry keeps what its handlers returned (a queue worker's results), by the same channels. */
export function resultsOf(registry: Registry): string {
  return `${registry.id} results`;
}


/** The string values of a literal type or a union of them (`"signup" | "login"`, a string enum member). */
export function literalTypeNames(type: TS.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const names: string[] = [];
  for (const part of parts) {
    if (!part.isStringLiteral()) return undefined;
    names.push(part.value);
  }
  return names.length > 0 ? names : undefined;
}

/** Separates a class channel's shown name from its file. */
const HIDDEN = "\u0000";

/** The channel a class names (NestJS CQRS): its name to show, and its file, so two classes of one name differ. */
export function classChannel(symbol: TS.Symbol, checker: TS.TypeChecker): string | undefined {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target.valueDeclaration ?? target.declarations?.[0];
  if (!(target.flags & ts.SymbolFlags.Class) || !declaration) return undefined;
  return `${target.name}${HIDDEN}${declaration.getSourceFile().fileName}`;
}

/** The classes a value of this type is an instance of (an array's elements for `publishAll`); `undefined` if any is not one. */
export function instanceClassChannels(type: TS.Type, checker: TS.TypeChecker): string[] | undefined {
  const instance = (checker.isArrayType(type) ? checker.getTypeArguments(type as TS.TypeReference)[0] : undefined) ?? type;
  const parts = instance.isUnion() ? instance.types : [instance];
  const names: string[] = [];
  for (const part of parts) {
    const name = part.getSymbol() && classChannel(part.getSymbol()!, checker);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** A channel as a trace shows it: a class's name without its file. */
export function shownChannel(channel: string): string {
  return channel.split(HIDDEN)[0]!;
}

/**
 * The API path of the class or interface declaring a member, as an import of its module would reach it:
 * "bullmq|Queue", "events|EventEmitter", "global|NodeJS.EventEmitter" (a global namespace), "mitt|Emitter" (a
 * type alias). `undefined` for first-party declarations.
 */
export function declaringApiPath(member: TS.Declaration): { module: string; path: string } | undefined {
  return apiPathOf(member.parent);
}

/** The API path of a library class, interface or type alias, as an import of its module would reach it. */
function apiPathOf(owner: TS.Node): { module: string; path: string } | undefined {
  let name: string | undefined;
  if ((ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner) || ts.isTypeAliasDeclaration(owner)) && owner.name) name = owner.name.text;
  else if ((ts.isTypeLiteralNode(owner) || ts.isFunctionTypeNode(owner)) && ts.isTypeAliasDeclaration(owner.parent)) name = owner.parent.name.text;
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

/** Callable types by name (`NextFunction`), with the registries whose modules may declare them. */
const CALLABLES = new Map<string, { registry: Registry; message: NonNullable<Registry["callables"]>[string] }[]>();
for (const registry of REGISTRIES) {
  for (const [name, callable] of Object.entries(registry.callables ?? {})) CALLABLES.set(name, [...(CALLABLES.get(name) ?? []), { registry, message: callable }]);
}

/** Whether any registry has callable types: only then is a call of a plain name worth a checker query. */
export const HAS_CALLABLES = CALLABLES.size > 0;

/**
 * The registry callable a type is — Express's `NextFunction`, an interface or a type alias declared in one of
 * the registry's modules (`express`, `express-serve-static-core`, or a `declare module "express"` block).
 */
export function callableOfType(type: TS.Type): { registry: Registry; callable: NonNullable<Registry["callables"]>[string] } | undefined {
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    const candidates = symbol && CALLABLES.get(symbol.name);
    if (!candidates) continue;
    const declared = symbol.declarations?.[0] && apiPathOf(symbol.declarations[0]);
    const found = declared && candidates.find(({ registry }) => registry.modules.includes(declared.module));
    if (found) return { registry: found.registry, callable: found.message };
  }
  return undefined;
}

/** The parameter counts of signature handlers: a function of another arity costs no checker query. */
const SIGNATURE_ARITIES = new Set(REGISTRIES.flatMap((r) => (r.signatureHandlers ?? []).map((h) => h.parameters)));

/** The inputs of a function a registry recognises by its signature (Express's error middleware), if it is one. */
function signatureHandlerInputs(fn: TS.SignatureDeclaration, checker: TS.TypeChecker, read: (cell: RegistryCell) => AV): AV[] | undefined {
  if (!SIGNATURE_ARITIES.has(fn.parameters.length)) return undefined;
  for (const registry of REGISTRIES) {
    for (const handler of registry.signatureHandlers ?? []) {
      if (handler.parameters !== fn.parameters.length) continue;
      const parameter = fn.parameters[handler.typed.parameter];
      const callable = parameter && callableOfType(checker.getTypeAtLocation(parameter));
      if (callable?.registry !== registry || !registry.callables?.[handler.typed.type]) continue;
      return handler.deliver(join(read(cell(registry.id, ANY)), read(cell(registry.id, ""))), undefined);
    }
  }
  return undefined;
}

/** Decorated handlers by decorator name. */
const DECORATED = new Map<string, { registry: Registry; handler: DecoratedHandler }[]>();
for (const registry of REGISTRIES) {
  for (const handler of registry.decorated ?? []) DECORATED.set(handler.decorator, [...(DECORATED.get(handler.decorator) ?? []), { registry, handler }]);
}

/**
 * The arguments a framework calls a decorated handler with — `@OnEvent("phone.added") handle(payload)`, the
 * `process(job)` of a `@Processor("sms") class` — when the engine runs it as a root: the messages of the channel
 * the decorator names, read through `read` (which records the dependency, so a later publish re-runs it).
 * `undefined` for any other function. Syntax first; the checker only confirms the decorator's module.
 */
export function decoratedHandlerInputs(fn: TS.Node, checker: TS.TypeChecker, read: (cell: RegistryCell) => AV): AV[] | undefined {
  if (ts.isFunctionLike(fn) && !ts.isClassLike(fn)) {
    const bySignature = signatureHandlerInputs(fn, checker, read);
    if (bySignature) return bySignature;
  }
  if (!ts.isMethodDeclaration(fn) || !ts.isIdentifier(fn.name) || !ts.isClassLike(fn.parent)) return undefined;
  const method = fn.name.text;
  const onMethod = (ts.getDecorators(fn) ?? []).map((decorator) => ({ decorator, onClass: false }));
  const onClass = (ts.getDecorators(fn.parent) ?? []).map((decorator) => ({ decorator, onClass: true }));
  for (const { decorator, onClass: classLevel } of [...onMethod, ...onClass]) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
    for (const { registry, handler } of DECORATED.get(call.expression.text) ?? []) {
      if ((handler.method !== undefined) !== classLevel || (handler.method !== undefined && handler.method !== method)) continue;
      if (!importedFrom(checker, call.expression, registry.modules)) continue;
      let channels: string[] | undefined;
      if (handler.channel === "classes") channels = classArguments(call, checker);
      else {
        const arg = call.arguments[handler.channel];
        channels = arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? [arg.text] : literalTypeNames(checker.getTypeAtLocation(arg)));
      }
      if (registry.patterns && channels?.some((channel) => channel.includes("*"))) channels = undefined;
      let message = channels ? read(cell(registry.id, ANY)) : read(cell(registry.id, ALL));
      for (const channel of channels ?? []) message = join(message, read(cell(registry.id, channel)));
      return handler.deliver(message, undefined);
    }
  }
  return undefined;
}

/** Registries with methods whose throws they hand on, by class decorator. */
const THROWN_BY = new Map<string, Registry[]>();
for (const registry of REGISTRIES) for (const decorator of registry.thrownByClasses ?? []) THROWN_BY.set(decorator, [...(THROWN_BY.get(decorator) ?? []), registry]);

/**
 * The cells what a framework-run method throws goes to: those of registries that catch what the methods of its
 * class's decorator throw (a NestJS controller's route handlers: the exception filters). Empty for any other.
 */
export function thrownToCells(fn: TS.Node, checker: TS.TypeChecker): RegistryCell[] {
  if (THROWN_BY.size === 0 || !ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent)) return [];
  for (const decorator of ts.getDecorators(fn.parent) ?? []) {
    const call = decorator.expression;
    const name = ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression : undefined;
    for (const registry of (name && THROWN_BY.get(name.text)) ?? []) {
      if (importedFrom(checker, name!, registry.modules)) return [cell(registry.id, ANY), cell(registry.id, ALL)];
    }
  }
  return [];
}

/** `@EventsHandler(A, B)`: the channels of the classes its arguments name; `undefined` if one is not a class. */
function classArguments(call: TS.CallExpression, checker: TS.TypeChecker): string[] | undefined {
  const names: string[] = [];
  for (const arg of call.arguments) {
    const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(arg) ? arg.name : arg);
    const name = symbol && classChannel(symbol, checker);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** Whether an identifier is imported from one of these modules. */
function importedFrom(checker: TS.TypeChecker, id: TS.Identifier, modules: readonly string[]): boolean {
  const declaration = checker.getSymbolAtLocation(id)?.declarations?.[0];
  if (!declaration || !ts.isImportSpecifier(declaration)) return false;
  const specifier = declaration.parent.parent.parent.moduleSpecifier;
  return ts.isStringLiteral(specifier) && modules.includes(specifier.text);
}
