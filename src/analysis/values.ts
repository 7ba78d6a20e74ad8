/**
 * Abstract values: what the engine knows about a runtime value. A value is a small tree of access paths —
 * taint on the value itself (`t`, which also covers everything reachable from it), taint per named field
 * (`f`), taint of container elements and unknown keys (`e`) — plus the functions the value may be (`fn`), so
 * callbacks flow like data. `undefined` is the clean value; almost every value in a program is clean, so the
 * clean case costs nothing. Values are immutable: every operation returns a new tree or an old one unchanged.
 */
import type TS from "typescript";
import { plainPath, rememberingCall } from "../catalog/api-path.js";
import type { TraceStep } from "./findings.js";
import { joinVariants } from "./variants.js";

// Re-exported: memo keys live in value-keys.ts; most of the analysis imports them from here.
export { compactKey, keyOf } from "./value-keys.js";
export { addStep, identicalExceptTraces, mapTraces, traceSteps } from "./value-traces.js";

/** Where a security contact enters the program: a branded field read, parameter, variable or return. */
export interface Source {
  id: number;
  /** "User.twoFactorPhone", or a parameter / variable name. */
  field: string;
  /** Short name for messages: "twoFactorPhone". */
  name: string;
  node: TS.Node;
  /** A branded parameter or variable is a source only where no caller's flow explains it. */
  kind: "property" | "declaration" | "return" | "type" | "declassified";
  /** Where the branded field is declared (for the audit). */
  declaration?: TS.Node;
}

/** One witness step; traces are persistent linked lists, newest step first, so sharing prefixes is free. */
export interface Step {
  node: TS.Node;
  label: string;
  kind: TraceStep["kind"];
  prev: Step | undefined;
  length: number;
}

/** A source's taint as carried by one value, with the shortest trace found so far. */
export interface Label {
  source: Source;
  trace: Step;
}

/** A function value: a declaration with a body and the activation it closes over. */
export interface FunctionValue {
  decl: TS.SignatureDeclaration;
  /** The activation that created the closure (for captured variables and an arrow's `this`). */
  closure: unknown;
  /** Identity for memoisation: the declaration and what the closure captures. */
  key: string;
  /** `f.bind(self, a)`: the receiver and the leading arguments every call gets (call-forms.ts). */
  bound?: { thisValue: AV; args: readonly AV[] };
  /**
   * Taken from a field-based heap cell (field-cells.ts), which joins the callbacks of every instance and every
   * key of a registry: a call passes only what the parameters' declared types can hold (type-projection.ts).
   */
  typedArguments?: true;
}

/**
 * Containers (containers.ts): an array element at a constant index is the field named by the index ("0"), others
 * are elements (`e`); a keyed container (a Map) keeps its keys under the field KEYS and its values as elements.
 */
export interface Value {
  readonly t?: ReadonlyMap<number, Label>;
  readonly f?: ReadonlyMap<string, Value>;
  readonly e?: Value;
  readonly fn?: ReadonlyMap<string, FunctionValue>;
  /**
   * Third-party API objects the value may be, as access paths from their import: "@segment/analytics-node|Analytics()"
   * is an instance of Segment's client, whatever the program calls it. Only modules the sink catalog knows get paths.
   */
  readonly api?: ReadonlySet<string>;
  /**
   * The value may be any object of its declared type: `this` and the parameters of a function nobody in the
   * program calls (a controller, listener or DI singleton's method, run by a framework). Kept along access paths
   * only; a property read on such a value also yields what the program writes to that field anywhere (heap.ts).
   */
  readonly u?: true;
  /** This boolean literal on every path (`{ includeSms: false }`); any other join drops it (interpret/constants.ts). */
  readonly b?: boolean;
  /** The records it may be, by discriminant signature, for reads the checker narrows (variants.ts); kept by joins only. */
  readonly d?: ReadonlyMap<string, Value>;
}

export type AV = Value | undefined;

export const TRUE: Value = { b: true };
export const FALSE: Value = { b: false };

/**
 * A cell of the engine's flow-insensitive heap: a module variable or a class field's member symbol, or every
 * field of one name (what unknown receivers of an interface or object type may hold there), or a channel of a
 * callback registry (an emitter's event name, a queue: models/registries.ts).
 */
export type CellKey = TS.Symbol | FieldNameCell | RegistryCell;
export interface FieldNameCell {
  readonly fieldName: string;
}
export interface RegistryCell {
  readonly registry: string;
  readonly channel: string;
}
const fieldNameCells = new Map<string, FieldNameCell>();
export function fieldNameCell(name: string): FieldNameCell {
  let cell = fieldNameCells.get(name);
  if (!cell) fieldNameCells.set(name, (cell = { fieldName: name }));
  return cell;
}

/** `this` or a parameter of a function run with no caller in the program. */
export const UNKNOWN: Value = { u: true };

/**
 * A value that may be any of this many functions keeps the ones it has and takes no more: dispatch tables in
 * generated code otherwise grow values, and their keys, with every join.
 */
const MAX_FUNCTIONS = 24;

/** The field under which a keyed container keeps its keys (no property can have this name). */
export const KEYS = "\u0000keys";

/** Whether a field name is an array position ("0", "12"): such fields are elements, not named properties. */
export function isPosition(name: string): boolean {
  const code = name.charCodeAt(0);
  return code >= 48 && code <= 57 && /^(0|[1-9]\d*)$/.test(name);
}

/** Paths deeper than this are collapsed into their prefix (k-limiting keeps the lattice finite). */
export const MAX_DEPTH = 4;

function joinLabels(a: ReadonlyMap<number, Label> | undefined, b: ReadonlyMap<number, Label> | undefined) {
  if (!a || a.size === 0) return b && b.size > 0 ? b : undefined;
  if (!b || b.size === 0) return a;
  let out: Map<number, Label> | undefined;
  for (const [id, label] of b) {
    const mine = (out ?? a).get(id);
    if (mine && mine.trace.length <= label.trace.length) continue;
    out ??= new Map(a);
    out.set(id, label);
  }
  return out ?? a;
}

function joinMaps<T>(
  a: ReadonlyMap<string, T> | undefined,
  b: ReadonlyMap<string, T> | undefined,
  merge: (x: T, y: T) => T,
): ReadonlyMap<string, T> | undefined {
  if (!a || a.size === 0) return b && b.size > 0 ? b : undefined;
  if (!b || b.size === 0) return a;
  let out: Map<string, T> | undefined;
  for (const [key, value] of b) {
    const mine = (out ?? a).get(key);
    const merged = mine === undefined ? value : merge(mine, value);
    if (merged === mine) continue;
    out ??= new Map(a);
    out.set(key, merged);
  }
  return out ?? a;
}

/** A value of these parts; `undefined` when it has none (values are immutable: always built through here). */
export function make(t: Value["t"], f: Value["f"], e: AV, fn: Value["fn"], api: Value["api"], u?: true, b?: boolean, d?: Value["d"]): AV {
  if (!t && !f && !e && !fn && !api && !u && b === undefined) return undefined;
  if (b !== undefined && !t && !f && !e && !fn && !api && !u) return b ? TRUE : FALSE;
  const value: { t?: Value["t"]; f?: Value["f"]; e?: Value; fn?: Value["fn"]; api?: Value["api"]; u?: true; b?: boolean; d?: Value["d"] } = {};
  if (t && t.size > 0) value.t = t;
  if (f && f.size > 0) value.f = f;
  if (e) value.e = e;
  if (fn && fn.size > 0) value.fn = fn;
  if (api && api.size > 0) value.api = api;
  if (u) value.u = u;
  if (b !== undefined) value.b = b;
  if (d) value.d = d;
  return value.t || value.f || value.e || value.fn || value.api || value.u || value.b !== undefined ? value : undefined;
}

/** The value without a boolean constant: what it is when it may also be something else. */
export function withoutConstant(value: AV): AV {
  return value?.b === undefined ? value : make(value.t, value.f, value.e, value.fn, value.api, value.u);
}

function joinSets(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!a || a.size === 0) return b && b.size > 0 ? b : undefined;
  if (!b || b.size === 0) return a;
  let out: Set<string> | undefined;
  for (const item of b) {
    if ((out ?? a).has(item)) continue;
    out ??= new Set(a);
    out.add(item);
  }
  return out ?? a;
}

/** Paths longer than this stop growing: no SDK needs more segments to name a sink. */
const MAX_API_PATH = 10;

/** A third-party module's export, by import: `apiRoot("mixpanel", "")`, `apiRoot("@segment/analytics-node", "Analytics")`. */
export function apiRoot(module: string, path: string): Value {
  return { api: new Set([`${module}|${path}`]) };
}

/** The third-party API objects anywhere inside a value (a client kept in a Map), as one value. */
export function apiOf(value: AV): AV {
  if (!value) return undefined;
  let paths = value.api;
  if (value.f) for (const member of value.f.values()) paths = joinSets(paths, apiOf(member)?.api);
  if (value.e) paths = joinSets(paths, apiOf(value.e)?.api);
  return paths && paths.size > 0 ? { api: paths } : undefined;
}

/** Reading a property of an API object, or calling / constructing it. */
export function apiStep(value: AV, segment: string): AV {
  if (!value?.api) return undefined;
  const out = new Set<string>();
  for (const path of value.api) {
    const bar = path.indexOf("|");
    const module = path.slice(0, bar);
    const rest = path.slice(bar + 1);
    if (plainPath(rest).split(/\.|\(\)/).length > MAX_API_PATH) continue;
    out.add(`${module}|${segment === "()" ? `${rest}()` : rest === "" ? segment : `${rest}.${segment}`}`);
  }
  return out.size > 0 ? { api: out } : undefined;
}

/** Calling an API object whose result remembers a URL (a client's base, an opened request's endpoint). */
export function apiStepRemembering(value: AV, url: string): AV {
  if (!value?.api) return undefined;
  const out = new Set<string>();
  for (const path of value.api) out.add(`${path}${rememberingCall(url)}`);
  return { api: out };
}

export function join(a: AV, b: AV): AV {
  // Missing is an unknown value, not bottom, for a boolean constant: only two equal constants stay one.
  if (!a) return b?.b === undefined ? b : withoutConstant(b);
  if (!b) return a.b === undefined ? a : withoutConstant(a);
  if (a === b) return a;
  const t = joinLabels(a.t, b.t);
  const f = joinMaps(a.f, b.f, (x, y) => join(x, y) as Value);
  const e = join(a.e, b.e);
  const fn = a.fn && b.fn && a.fn.size >= MAX_FUNCTIONS ? a.fn : joinMaps(a.fn, b.fn, (x) => x);
  const api = joinSets(a.api, b.api);
  const u = a.u ?? b.u;
  const constant = a.b === b.b ? a.b : undefined;
  const d = a.d || b.d ? joinVariants(a, b) : undefined;
  if (t === a.t && f === a.f && e === a.e && fn === a.fn && api === a.api && u === a.u && constant === a.b && d === a.d) return a;
  return make(t, f, e, fn, api, u, constant, d);
}

export function joinAll(values: readonly AV[]): AV {
  let out: AV;
  for (const value of values) out = join(out, value);
  return out;
}

export function taintOf(labels: ReadonlyMap<number, Label> | undefined): AV {
  return labels && labels.size > 0 ? { t: labels } : undefined;
}

/** Looking up member `name` (a method to call): the field's own value, plus the taint of the whole object. */
export function field(value: AV, name: string): AV {
  if (!value) return undefined;
  const own = value.api ? join(value.f?.get(name), apiStep(value, name)) : value.f?.get(name);
  if (!value.t) return own;
  return join(taintOf(value.t), own);
}

/** Reading data at `name`: the field, plus what was written under keys unknown statically (`record[key] = v`). */
export function member(value: AV, name: string): AV {
  if (!value?.e) return field(value, name);
  return join(field(value, name), value.e);
}

/** Reading an element or an unknown key: elements, every field, and the whole object's taint. */
export function element(value: AV): AV {
  if (!value) return undefined;
  let out = join(taintOf(value.t), value.e);
  if (value.f) for (const member of value.f.values()) out = join(out, member);
  return out;
}

/** The value without the UNKNOWN mark (`undefined` when nothing else is known). */
export function withoutUnknown(value: AV): AV {
  if (!value?.u) return value;
  return make(value.t, value.f, value.e, value.fn, value.api);
}

/** Only the function values. */
export function functionsOf(value: AV): FunctionValue[] {
  return value?.fn ? [...value.fn.values()] : [];
}

export function withFunction(fn: FunctionValue): Value {
  return { fn: new Map([[fn.key, fn]]) };
}

/** Every label anywhere in the value, as taint on the value itself (what a string built from it carries). */
export function collapse(value: AV): AV {
  const labels = allLabels(value);
  return labels ? { t: labels } : undefined;
}

export function allLabels(value: AV): ReadonlyMap<number, Label> | undefined {
  if (!value) return undefined;
  let out = value.t;
  if (value.f) for (const member of value.f.values()) out = joinLabels(out, allLabels(member));
  if (value.e) out = joinLabels(out, allLabels(value.e));
  return out && out.size > 0 ? out : undefined;
}

export function isTainted(value: AV): boolean {
  return allLabels(value) !== undefined;
}

/** Strong update of one field (object literals, assignments to a local's field). */
export function setField(value: AV, name: string, member: AV, depth = 0): AV {
  if (depth >= MAX_DEPTH) return join(value, collapse(member));
  const f = new Map(value?.f ?? []);
  if (member) f.set(name, member);
  else f.delete(name);
  return make(value?.t, f, value?.e, value?.fn, value?.api, value?.u);
}

/** Weak update of the elements (push, index writes, Map.set). */
export function addElement(value: AV, member: AV): AV {
  if (!member) return value;
  return make(value?.t, value?.f, join(value?.e, member), value?.fn, value?.api, value?.u);
}

export function withElements(member: AV): AV {
  return member ? { e: member } : undefined;
}

/** Adds taint to the value itself (a hash updated with a tainted input is tainted). */
export function addTaint(value: AV, labels: ReadonlyMap<number, Label> | undefined): AV {
  if (!labels || labels.size === 0) return value;
  return make(joinLabels(value?.t, labels), value?.f, value?.e, value?.fn, value?.api, value?.u);
}

/** Drops named fields (object rest: `const { twoFactorPhone, ...profile } = user`). */
export function withoutFields(value: AV, names: ReadonlySet<string>): AV {
  if (!value?.f) return value;
  const f = new Map([...value.f].filter(([name]) => !names.has(name)));
  return make(value.t, f, value.e, value.fn, value.api, value.u);
}

/** Keeps only the named fields, and the taint of the whole (`pick(user, ["id", "email"])`). */
export function onlyFields(value: AV, names: ReadonlySet<string>): AV {
  if (!value) return undefined;
  const f = value.f ? new Map([...value.f].filter(([name]) => names.has(name))) : undefined;
  return make(value.t, f, undefined, undefined, undefined);
}

/** Keeps only the data: a primitive computed from a value carries its taint, never its functions. */
export function withoutFunctions(value: AV): AV {
  if (!value) return undefined;
  return make(value.t, value.f, value.e, undefined, undefined);
}
