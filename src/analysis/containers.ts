/**
 * Container shapes over the value lattice (values.ts), kept apart so that a read takes only what it can see:
 *  - Positions: an array or tuple element at a constant index lives in the field named by the index ("0",
 *    "1", …), like an object's property; elements at unknown indices live in `e`. `[user.id, phone][0]` is the
 *    id alone, while `row[i]`, iteration and library calls see every position (`element` joins all fields).
 *  - Keys: a keyed container (Map, URLSearchParams, Headers, FormData) keeps its keys under the reserved field
 *    KEYS and its values as elements, so `map.get(k)` and `values()` give values and `keys()` gives keys, while
 *    iteration gives `[key, value]` pairs.
 * The clean case stays free: a literal without tainted elements, functions or API objects is `undefined`.
 */
import { addElement, type AV, element, isPosition, join, joinAll, KEYS, taintOf, type Value, withElements, withoutFields } from "./values.js";

export { isPosition, KEYS };

/** Constant indices tracked apart; later ones join the elements (array literals can be long tables). */
export const MAX_POSITIONS = 16;

/** The field name of a constant index, or undefined when the literal is not a small non-negative integer. */
export function positionName(text: string): string | undefined {
  const index = Number(text);
  return Number.isInteger(index) && index >= 0 && index < MAX_POSITIONS ? String(index) : undefined;
}

/** An array whose first items are at known positions (`[a, b]`) and whose `rest` are at unknown ones. */
export function tuple(items: readonly AV[], rest?: AV): AV {
  let f: Map<string, Value> | undefined;
  let e = rest;
  items.forEach((item, index) => {
    if (!item) return;
    if (index >= MAX_POSITIONS) e = join(e, item);
    else (f ??= new Map()).set(String(index), item);
  });
  if (!f) return e ? { e } : undefined;
  return e ? { f, e } : { f };
}

/** A keyed container's keys (and the taint of the whole container, which covers them). */
export function keysOf(value: AV): AV {
  const keys = value?.f?.get(KEYS);
  return keys && keys !== CLEAN_KEYS ? join(taintOf(value?.t), keys) : keys && taintOf(value?.t);
}

/** What a keyed container maps to, or an array's elements: everything but the keys. */
export function valuesOf(value: AV): AV {
  if (!value?.f?.has(KEYS)) return element(value);
  return element(withoutFields(value, KEY_SET));
}

const KEY_SET: ReadonlySet<string> = new Set([KEYS]);

/** One item of an iteration (`for…of`, spread, `Array.from`): a `[key, value]` pair for a keyed container. */
export function iterated(value: AV): AV {
  if (!value?.f?.has(KEYS)) return element(value);
  return tuple([keysOf(value), valuesOf(value)]);
}

/**
 * Keys that carry nothing, kept so the container is still known to be keyed (iteration gives `[key, value]`
 * pairs, not values): an empty value, clean everywhere it is read.
 */
const CLEAN_KEYS: Value = Object.freeze({});

/** A keyed container after `set(key, value)`: the key joins the keys, the value the elements. */
export function withEntry(container: AV, key: AV, item: AV): AV {
  const out = addElement(container, item);
  return setKeys(out, join(out?.f?.get(KEYS), key));
}

/** A keyed container built from `[key, value]` pairs (`new Map(entries)`). */
export function fromEntries(entries: AV): AV {
  const pair = iterated(entries);
  if (!pair) return undefined;
  const keys = join(taintOf(pair.t), join(pair.f?.get("0"), pair.e));
  const values = join(taintOf(pair.t), join(pair.f?.get("1"), pair.e));
  return setKeys(values ? { e: values } : undefined, keys);
}

function setKeys(value: AV, keys: AV): AV {
  if (!value && !keys) return undefined;
  const f = new Map(value?.f ?? []);
  f.set(KEYS, keys ?? CLEAN_KEYS);
  return { ...value, f };
}

/** An array whose order is unknown (sorted, reversed, filtered, spliced): its positions join its elements. */
export function asElements(value: AV): AV {
  if (!value?.f) return value;
  const positions = [...value.f.keys()].filter(isPosition);
  if (positions.length === 0) return value;
  return addElement(withoutFields(value, new Set(positions)), joinAll(positions.map((name) => value.f!.get(name))));
}

/** `flat()`: one level of nesting removed; an element that is an array gives its elements, any other stays itself. */
export function flattened(value: AV): AV {
  const item = asElements(valuesOf(value));
  if (!item?.e) return withElements(item);
  const { e: inner, ...rest } = item;
  return withElements(join(inner, Object.keys(rest).length > 0 ? rest : undefined));
}

/** `[, …rest] = value`: the positions from `start` on, shifted down; elements at unknown indices stay. */
export function restFrom(value: AV, start: number): AV {
  if (!value) return undefined;
  const items: AV[] = [];
  for (const [name, item] of value.f ?? []) {
    if (isPosition(name) && Number(name) >= start) items[Number(name) - start] = item;
  }
  return join(taintOf(value.t), tuple(items, value.e));
}
