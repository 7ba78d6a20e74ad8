/**
 * What a summary's calling context keeps of an argument (summary-memo.ts). A context is keyed by its inputs'
 * identities (value-keys.ts); keyed in full, a clean record nested a few levels deep gives each caller its own
 * context, and recursion over nested records (a deep merge, a tree walk) one more per level — thousands of
 * contexts of one function that all compute the same clean result. Parts of an input that carry nothing the
 * analysis follows (no taint, function, API object or unknown receiver anywhere below them) are inert: only their
 * boolean constants near the top can change what the callee does (`opts.includeSms`), so the context keeps those
 * and drops the rest. Dropping is sound: an inert part's taint is nothing, and what the callee writes back or
 * returns is joined with the caller's own value, which keeps its full structure. A container that holds something
 * keeps its keys' marker, though: whether it iterates as `[key, value]` pairs decides where its elements go.
 */
import { FALSE, KEYS, make, TRUE, type AV, type Value } from "./values.js";

/** Boolean constants this deep in an inert part (0: the argument itself) still decide a context. */
const CONSTANT_DEPTH = 2;

const contextual = new WeakMap<Value, AV>();
const inert = new WeakMap<Value, boolean>();

/** The argument as its callee's context sees it: inert parts reduced to their shallow boolean constants. */
export function contextValue(value: AV): AV {
  if (!value) return undefined;
  let out = contextual.get(value);
  if (out === undefined && !contextual.has(value)) {
    out = reduce(value, 0);
    contextual.set(value, out);
  }
  return out;
}

function reduce(value: Value, depth: number): AV {
  if (isInert(value)) return constantsOf(value, depth);
  let f: Map<string, Value> | undefined;
  let changed = false;
  for (const [name, member] of value.f ?? []) {
    // A keyed container's keys stay, clean or not: they make iteration give `[key, value]` pairs.
    const kept = name === KEYS ? member : member && reduce(member, depth + 1);
    if (kept !== member) changed = true;
    if (kept) (f ??= new Map()).set(name, kept);
  }
  const e = value.e && reduce(value.e, depth + 1);
  if (!changed && e === value.e) return value;
  return make(value.t, f, e, value.fn, value.api, value.u, value.b, value.d);
}

/** Only the boolean constants at most CONSTANT_DEPTH deep, in records of their own. */
function constantsOf(value: Value, depth: number): AV {
  if (depth > CONSTANT_DEPTH) return undefined;
  let f: Map<string, Value> | undefined;
  for (const [name, member] of value.f ?? []) {
    const kept = member && constantsOf(member, depth + 1);
    if (kept) (f ??= new Map()).set(name, kept);
  }
  if (!f) return value.b === undefined ? undefined : value.b ? TRUE : FALSE;
  return make(undefined, f, undefined, undefined, undefined, undefined, value.b);
}

function isInert(value: Value): boolean {
  let known = inert.get(value);
  if (known === undefined) {
    known = !value.t && !value.fn && !value.api && !value.u;
    // A field may be present and clean (a Map's clean keys): `undefined` is inert.
    if (known && value.f) for (const member of value.f.values()) if (member && !isInert(member)) known = false;
    if (known && value.e && !isInert(value.e)) known = false;
    inert.set(value, known);
  }
  return known;
}
