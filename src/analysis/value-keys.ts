/**
 * Canonical identity of abstract values (values.ts) for memoisation and fixpoints: which sources, functions and
 * API paths a value holds, where — never its witness traces — bounded in length.
 */
import { identicalExceptTraces, KEYS, type AV, type Value } from "./values.js";
import { variantsKey } from "./variants.js";

/**
 * A bounded stand-in for a long identity string. Closures capture locals that hold closures that capture
 * locals…: spelled out, such keys grow without bound (generated code with hundreds of nested closures reached
 * megabytes). Long keys are replaced by a 53-bit hash and their length; a collision would merge two contexts.
 */
export function compactKey(key: string): string {
  if (key.length <= 160) return key;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `#${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}:${key.length}`;
}

const keys = new WeakMap<Value, string>();

export function keyOf(value: AV): string {
  if (!value) return "";
  // Values are immutable, so a value's key never changes: loops and memo lookups ask for the same ones often.
  let key = keys.get(value);
  if (key === undefined) {
    const same = identicalExceptTraces(value);
    key = same ? keyOf(same) : compactKey(computeKey(value));
    keys.set(value, key);
  }
  return key;
}

function computeKey(value: Value): string {
  let key = value.u ? "?" : "";
  if (value.b !== undefined) key += value.b ? "!T" : "!F";
  if (value.t) key += `t${[...value.t.keys()].sort((a, b) => a - b).join(",")}`;
  if (value.fn) key += `λ${[...value.fn.keys()].sort().join(",")}`;
  if (value.api) key += `@${[...value.api].sort().join(",")}`;
  if (value.f) {
    const parts = [...value.f].map(([name, member]) => [name, keyOf(member)] as const).filter(([, k]) => k !== "");
    if (parts.length > 0) key += `{${parts.sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, k]) => `${n}:${k}`).join(";")}}`;
    // A keyed container iterates as `[key, value]` pairs even when its keys carry nothing.
    if (value.f.has(KEYS)) key += "K";
  }
  if (value.e) {
    const inner = keyOf(value.e);
    if (inner) key += `[${inner}]`;
  }
  if (value.d) key += variantsKey(value.d);
  return key;
}
