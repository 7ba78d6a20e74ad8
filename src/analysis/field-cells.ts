/**
 * The field-based fallback of the heap (DESIGN.md): a method nobody in the program calls — a controller, a
 * listener, a DI singleton's timer-driven flush — runs with an UNKNOWN `this` and UNKNOWN parameters (see
 * `rootContext` in engine.ts). A property read on such a receiver also yields what the program writes to that
 * field anywhere, on any object of the class or declared type (flow-insensitively): one method stores the phone
 * in a private field, another sends it. Objects the engine does know stay instance-sensitive: their reads never
 * consult the cells.
 *
 * Cells live in the engine's module-state map, so a write re-runs the functions that read the cell in the next
 * pass. Each field has its member symbol's cell (written together with the same-named members of the classes and
 * interfaces it overrides or implements) and a cell per field name, read first: the dependency every reader
 * records, and the answer where no declaration names the field (a destructured name, an object literal type).
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { memberName } from "./model.js";
import { projectOnType } from "./type-projection.js";
import type { Activation } from "./interpret/activation.js";
import { type AV, field, fieldNameCell, isTainted, join, KEYS, make, MAX_DEPTH, UNKNOWN, type Value, withoutUnknown } from "./values.js";
import { injectedClasses, mayBeInjection } from "./models/injectors.js";
import { ERROR_FIELDS, errorClassCell } from "./models/errors.js";
import { baseClassExpression } from "./interpret/classes.js";

/** The keys of a keyed container that holds no tracked key: an empty value, kept so the container stays keyed. */
const CLEAN_KEY_SET: Value = Object.freeze({});

/** What the program writes anywhere to the field `nameNode` names, for a receiver that may be any object of its type. */
function fieldCell(this: Activation, nameNode: TS.Node, name: string): AV {
  const made = ERROR_FIELDS.has(name) ? this.errorClassFields(nameNode, name) : undefined;
  const byName = this.solver.readGlobal(fieldNameCell(name));
  if (!byName) return made;
  const symbol = this.symbolAt(nameNode);
  const decl = symbol?.valueDeclaration;
  const own = symbol && decl && (ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl)) && this.solver.isFirstParty(decl);
  // Callbacks kept there are every instance's and every key's (listeners of each event of each bus): each
  // runs with only what its parameters' types can hold.
  const value = withTypedCallbacks(own ? this.solver.readGlobal(symbol) : byName);
  // Only what the read's type can hold: the cell of a generic class's field has every instantiation's values.
  const read = nameNode.parent;
  return join(made, read && (ts.isPropertyAccessExpression(read) || ts.isElementAccessExpression(read)) ? projectOnType(this.checker, value, this.checker.getTypeAtLocation(read)) : value);
}

/**
 * `err.message` of an error the program did not make (a callback it was handed threw it), typed — or narrowed by
 * `instanceof` — as a first-party error class: what that class's constructors, and its first-party bases', put there.
 */
function errorClassFields(this: Activation, nameNode: TS.Node, name: string): AV {
  const read = nameNode.parent;
  if (!read || !ts.isPropertyAccessExpression(read)) return undefined;
  const type = this.checker.getTypeAtLocation(read.expression);
  let out: AV;
  for (const part of type.isUnion() ? type.types : [type]) {
    let cls = part.getSymbol()?.valueDeclaration;
    for (let depth = 0; cls && ts.isClassLike(cls) && this.solver.isFirstParty(cls) && depth < MAX_SERVICE_DEPTH; depth++) {
      const symbol = cls.name && this.symbolAt(cls.name);
      const kept = symbol && errorClassCell(symbol, this.checker);
      if (kept) out = join(out, field(this.solver.readGlobal(kept), name));
      const base = baseClassExpression(cls);
      cls = base && this.classDeclarationOf(base);
    }
  }
  return out;
}

/** Records a write of `value` to the field `nameNode` names, in its cells. Only data: an UNKNOWN mark is no fact. */
function writeFieldCell(this: Activation, nameNode: TS.Node, value: AV): void {
  const data = cellData(value);
  if (!data || !this.solver.isFirstParty(nameNode)) return;
  const name = memberName(nameNode as TS.PropertyName);
  if (name === undefined) return;
  this.solver.writeGlobal(fieldNameCell(name), data);
  for (const cell of this.solver.model.fieldCellsOf(this.symbolAt(nameNode), name)) this.solver.writeGlobal(cell, data);
}

/**
 * The first-party classes a field's declared type names (`private readonly users: UsersService`, an interface and
 * its implementations), by declaration; empty for anything else (strings, arrays, Maps, library types), whose
 * contents come from the field's own cell.
 */
const serviceClassesCache = new WeakMap<TS.Node, readonly TS.ClassLikeDeclaration[]>();

function serviceClassesOf(this: Activation, decl: TS.Node): readonly TS.ClassLikeDeclaration[] {
  let classes = serviceClassesCache.get(decl);
  if (classes) return classes;
  const out = new Set<TS.ClassLikeDeclaration>();
  const typeNode = (ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl)) && this.solver.isFirstParty(decl) ? decl.type : undefined;
  // `private readonly users = inject(UsersService)`: the class the DI call names (models/injectors.ts).
  const injection = !typeNode && ts.isPropertyDeclaration(decl) && mayBeInjection(decl.initializer) ? this.injectedServiceClasses(decl.initializer) : undefined;
  for (const cls of injection ?? []) out.add(cls);
  const parts = typeNode && ts.isUnionTypeNode(typeNode) ? typeNode.types : typeNode ? [typeNode] : [];
  for (const part of parts) {
    if (!ts.isTypeReferenceNode(part)) continue;
    let symbol = this.checker.getSymbolAtLocation(part.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    for (const owner of symbol?.declarations ?? []) {
      if ((ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && this.solver.isFirstParty(owner)) {
        for (const cls of this.solver.model.concreteClassesOf(owner)) out.add(cls);
      }
    }
  }
  classes = [...out];
  serviceClassesCache.set(decl, classes);
  return classes;
}

/** Fields and parameter properties of a class, as the declarations whose member symbols are their cells. */
function fieldDeclarationsOf(cls: TS.ClassLikeDeclaration): TS.NamedDeclaration[] {
  const out: TS.NamedDeclaration[] = [];
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member)) out.push(member);
    else if (ts.isConstructorDeclaration(member)) out.push(...member.parameters.filter((p) => ts.isParameterPropertyDeclaration(p, member)));
  }
  return out;
}

const MAX_SERVICE_DEPTH = 3;

/**
 * Whether objects of these classes keep a security contact in their fields (or in services they hold), as cells
 * say, or keep callbacks in a collection: listeners registered on an injected event bus run with what a method of
 * the same bus, called through another service's field, publishes.
 */
function keepsTaint(this: Activation, classes: readonly TS.ClassLikeDeclaration[], seen: Set<TS.Node>, depth: number): boolean {
  for (const cls of classes) {
    if (seen.has(cls)) continue;
    seen.add(cls);
    for (const decl of fieldDeclarationsOf(cls)) {
      const symbol = decl.name && ts.isIdentifier(decl.name) && ts.isParameter(decl) ? this.checker.getSymbolsOfParameterPropertyDeclaration(decl, decl.name.text)[1] : decl.name && this.symbolAt(decl.name);
      const kept = symbol && this.solver.readGlobal(symbol);
      if (isTainted(kept) || keepsCallbacks(kept)) return true;
      if (depth < MAX_SERVICE_DEPTH && this.keepsTaint(this.serviceClassesOf(decl), seen, depth + 1)) return true;
    }
  }
  return false;
}

/** The concrete classes of the instance an injector call hands back (`inject(UsersService)`), if it is one. */
function injectedServiceClasses(this: Activation, call: TS.CallExpression): readonly TS.ClassLikeDeclaration[] | undefined {
  const named = injectedClasses(call, this.checker, (node) => this.solver.isFirstParty(node));
  return named?.flatMap((cls) => this.solver.model.concreteClassesOf(cls));
}

/**
 * The value of an injector call: the framework's instance of the class it names, UNKNOWN like an injected
 * constructor parameter's — for classes whose state keeps a security contact only, as for service fields, so
 * the clean case costs no contexts of its own. `undefined` when the call is no injection.
 */
function injectedInstance(this: Activation, call: TS.CallExpression): { value: AV } | undefined {
  const classes = this.injectedServiceClasses(call);
  if (!classes) return undefined;
  return { value: this.keepsTaint(classes, new Set(), 0) ? UNKNOWN : undefined };
}

/**
 * Whether a field read on an object the framework made yields such an object in turn: an injected service
 * (`this.users` typed `UsersService`) whose own fields hold what the program wrote there (`this.users.recentlyVerified`,
 * `this.users.phoneOf(id)`). Only for services whose state keeps a security contact: any other is read as before,
 * so the clean case costs no contexts of its own (a receiver marked UNKNOWN is part of a summary's key).
 */
function isStatefulService(this: Activation, nameNode: TS.Node, name: string): boolean {
  // The name first: asking the checker for a property's symbol checks its receiver's type, at every such read.
  if (!this.solver.model.serviceFieldNames.has(name)) return false;
  const decl = this.symbolAt(nameNode)?.valueDeclaration;
  if (!decl) return false;
  const classes = this.serviceClassesOf(decl);
  return classes.length > 0 && this.keepsTaint(classes, new Set(), 0);
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const fieldCellMethods = { fieldCell, errorClassFields, writeFieldCell, serviceClassesOf, keepsTaint, isStatefulService, injectedServiceClasses, injectedInstance };

// Values as the cells keep them.

/** The value as data a heap cell keeps: no UNKNOWN mark at any depth (an element pushed from an unknown parameter). */
function cellData(value: AV, depth = 0): AV {
  if (!value || depth > MAX_DEPTH) return withoutUnknown(value);
  const f = value.f ? new Map([...value.f].flatMap(([name, member]) => {
    const data = cellData(member, depth + 1);
    // A keyed container's keys stay a field even when clean: without it a Map's entries read as its values.
    return data ? [[name, data] as const] : name === KEYS ? [[name, CLEAN_KEY_SET] as const] : [];
  })) : undefined;
  return make(value.t, f, cellData(value.e, depth + 1), value.fn, value.api);
}

const typedCallbacks = new WeakMap<Value, AV>();

/** The value with each function in it marked `typedArguments` (callbacks a heap cell joined; field-cells.ts). */
function withTypedCallbacks(value: AV, depth = 0): AV {
  if (!value || depth > MAX_DEPTH || (!value.fn && !value.e && !value.f)) return value;
  const known = typedCallbacks.get(value);
  if (known !== undefined || typedCallbacks.has(value)) return known;
  const fn = value.fn ? new Map([...value.fn].map(([key, fv]) => (fv.typedArguments ? [key, fv] : [`${key}:typed`, { ...fv, key: `${key}:typed`, typedArguments: true as const }]))) : undefined;
  const f = value.f ? new Map([...value.f].flatMap(([name, member]) => {
    const typed = withTypedCallbacks(member, depth + 1);
    return typed ? [[name, typed] as const] : [];
  })) : undefined;
  const out = make(value.t, f, withTypedCallbacks(value.e, depth + 1), fn, value.api, value.u, value.b);
  typedCallbacks.set(value, out);
  return out;
}

/** Whether a container in the value keeps functions as elements (listeners registered in a Map of Sets, a list of callbacks). */
function keepsCallbacks(value: AV, depth = 0): boolean {
  if (!value || depth > MAX_DEPTH) return false;
  if (value.e?.fn || keepsCallbacks(value.e, depth + 1)) return true;
  if (value.f) for (const member of value.f.values()) if (keepsCallbacks(member, depth + 1)) return true;
  return false;
}
