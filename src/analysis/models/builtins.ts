/**
 * Models of library code without source (`.d.ts`, or modules whose types are not installed): what a call does
 * with taint. The conservative default (DESIGN.md) is that taint in the receiver or any argument reaches the
 * result; the tables below refine it where precision matters — predicates and counts are clean, filters keep
 * the receiver's shape, mutators taint their receiver — and name the step for the witness trace.
 */

export type ResultShape =
  /** No taint: booleans, counts, void. */
  | "clean"
  /** The receiver itself, shape preserved (filter, slice, sort, Promise.resolve). */
  | "receiver"
  /** One element of the receiver (find, at, pop), or one value of a keyed container (Map#get). */
  | "element"
  /** The receiver's elements at unknown positions (filter, sort, slice, concat): order is not kept. */
  | "reordered"
  /** An iterator over a keyed container's keys (Map#keys); clean for an array's indices. */
  | "keys"
  /** An iterator over the receiver's values (Map#values, Array#values). */
  | "values"
  /** An array of the callback's results (map, Array.from with a mapper). */
  | "mapped"
  /** An array of the elements of the callback's results (flatMap). */
  | "flatMapped"
  /** The receiver with one level of nesting removed (flat). */
  | "flattened"
  /** The callback's result, or the initial value (reduce, then). */
  | "callback"
  /** The first argument, shape preserved (structuredClone, Promise.all, Object.assign). */
  | "first-argument"
  /** An array of the values of the first argument (Object.values, Array.from). */
  | "values-of-first"
  /** `[index or key, element]` pairs of the receiver's elements (Array#entries, Map#entries). */
  | "entries"
  /** `[key, value]` pairs of the first argument's values (Object.entries). */
  | "entries-of-first"
  /** The named fields of the object argument only (lodash / ramda `pick`), when the names are literals. */
  | "picked"
  /** The object argument without the named fields (lodash / ramda `omit`), when the names are literals. */
  | "omitted"
  /** Everything collapsed into one tainted value (the default). */
  | "collapse";

export interface LibraryModel {
  result: ResultShape;
  /** Tainted arguments flow into the receiver (push, Map.set, hash.update) — or into the first argument for `Object.assign`. */
  mutates?: "receiver" | "first-argument";
  /** How the witness trace names this step, when the value passes through. */
  verb: string;
  /** Arguments that are positions or counts, never data (`splice(start, count, …items)`). */
  indexArguments?: readonly number[];
  /** What each parameter of a callback argument receives (`map((element, index, array) => …)`). */
  callback?: readonly CallbackParameter[];
}

/**
 * A library callback's parameter, by position: an element (or a keyed container's value), its index (a Map's
 * key; an array's index is a number and carries nothing), the receiver itself, the accumulator of a fold, or an
 * element of the first argument as iteration yields it (`Array.from(map.entries(), ([key, value]) => …)`).
 */
export type CallbackParameter = "element" | "index" | "receiver" | "accumulator" | "first-element";

const ITERATION: readonly CallbackParameter[] = ["element", "index", "receiver"];
const FOLD: readonly CallbackParameter[] = ["accumulator", "element", "index", "receiver"];

/** Callbacks the builtins call with known parameters; other callbacks get everything the call was given. */
const CALLBACKS = new Map<string, readonly CallbackParameter[]>(Object.entries({
  forEach: ITERATION, map: ITERATION, flatMap: ITERATION, filter: ITERATION, find: ITERATION, findIndex: ITERATION,
  findLast: ITERATION, findLastIndex: ITERATION, some: ITERATION, every: ITERATION, reduce: FOLD, reduceRight: FOLD,
  sort: ["element", "element"], toSorted: ["element", "element"], then: ["receiver", "receiver"],
}));

/** Arguments that are indices or counts (never data), by method. */
const INDEX_ARGUMENTS = new Map<string, readonly number[]>(Object.entries({
  splice: [0, 1], toSpliced: [0, 1], with: [0], slice: [0, 1], at: [0], fill: [1, 2], copyWithin: [0, 1, 2],
  substring: [0, 1], substr: [0, 1], charAt: [0], padStart: [0], padEnd: [0], repeat: [0],
}));

/** Methods that reorder their receiver in place: its positions are no longer known afterwards. */
export const REORDERS_IN_PLACE = new Set(["sort", "reverse", "copyWithin", "splice", "fill", "shift", "unshift"]);

/** Methods of keyed containers that store a value under a key (`map.set(k, v)`, `params.append(k, v)`). */
export const KEYED_STORES = new Set(["set", "append"]);

const CLEAN = new Set([
  "length", "indexOf", "lastIndexOf", "includes", "some", "every", "findIndex", "findLastIndex", "test", "startsWith",
  "endsWith", "localeCompare", "has", "forEach", "charCodeAt", "codePointAt", "isArray", "isInteger", "isNaN",
  "isFinite", "isSafeInteger", "delete", "clear", "getTime", "now", "search", "Boolean", "isBuffer", "equals",
  "timingSafeEqual", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "size", "log", "info",
  "warn", "error", "debug", "trace", "getOwnPropertyNames", "freeze", "seal", "isFrozen", "random", "round",
  "floor", "ceil", "abs", "min", "max",
]);

const RECEIVER = new Set(["finally", "catch"]);

const REORDERED = new Set([
  "filter", "slice", "sort", "toSorted", "reverse", "toReversed", "concat", "flat", "splice", "toSpliced", "copyWithin",
  "fill", "with",
]);

const ELEMENT = new Set(["find", "findLast", "at", "pop", "shift", "get", "next"]);

const MUTATORS = new Set(["push", "unshift", "add", "set", "append", "update", "write", "splice", "fill", "enqueue"]);
/** Mutators that only add to their receiver: what it held before is kept and does not shape what they add. */
export const ADDING_MUTATORS = new Set(["push", "unshift", "add", "set", "append", "enqueue"]);

const HASHING = new Set(["createHash", "createHmac", "digest", "hash", "sha256", "sha1", "md5", "hashSync", "subtle"]);

const ENCODING = new Set([
  "encodeURIComponent", "encodeURI", "escape", "btoa", "atob", "from", "toString", "stringify", "toJSON", "encode",
]);

/** The model of a library call, by the callee's name and owning type or namespace (`Array`, `JSON`, `Hash`). */
export function libraryModel(name: string, declaredOwner: string | undefined): LibraryModel {
  // Asked at every library call in every context: built once per (name, owner).
  const key = declaredOwner === undefined ? name : `${name}\0${declaredOwner}`;
  let model = models.get(key);
  if (model === undefined) {
    model = buildModel(name, declaredOwner);
    models.set(key, model);
  }
  return model;
}

const models = new Map<string, LibraryModel>();

function buildModel(name: string, declaredOwner: string | undefined): LibraryModel {
  const model = baseModel(name, declaredOwner);
  const indexArguments = INDEX_ARGUMENTS.get(name);
  const callback = CALLBACKS.get(name);
  if (!indexArguments && !callback) return model;
  return { ...model, ...(indexArguments ? { indexArguments } : {}), ...(callback ? { callback } : {}) };
}

function baseModel(name: string, declaredOwner: string | undefined): LibraryModel {
  // `Object.assign` is declared on `ObjectConstructor`, `Array.from` on `ArrayConstructor`.
  const owner = declaredOwner?.replace(/Constructor$/, "");
  const verb = verbFor(name, owner);
  if (owner === "Object") {
    if (name === "assign") return { result: "first-argument", mutates: "first-argument", verb };
    if (name === "values") return { result: "values-of-first", verb };
    if (name === "entries") return { result: "entries-of-first", verb };
    if (name === "fromEntries") return { result: "collapse", verb };
    if (name === "keys" || name === "getOwnPropertyNames") return { result: "clean", verb };
  }
  if (owner === "Promise") {
    if (name === "all" || name === "allSettled" || name === "resolve" || name === "race" || name === "any") {
      return { result: "first-argument", verb };
    }
  }
  // Any thenable's `then` (a Promise, an ORM's query, a client's request) answers with what its callback returns.
  if (name === "then") return { result: "callback", verb };
  // `Array.from(map.entries(), ([key, value], i) => …)`: the mapper gets the iterable's elements, as `for … of` would.
  if (owner === "Array" && name === "from") return { result: "values-of-first", verb, callback: ["first-element"] };
  if (owner === "Array" && name === "of") return { result: "collapse", verb };
  if (name === "structuredClone") return { result: "first-argument", verb };
  if (name === "pick") return { result: "picked", verb };
  if (name === "omit") return { result: "omitted", verb };
  if (name === "map") return { result: "mapped", verb };
  if (name === "flatMap") return { result: "flatMapped", verb };
  if (name === "flat") return { result: "flattened", verb };
  if (name === "reduce" || name === "reduceRight") return { result: "callback", verb };
  if (CLEAN.has(name)) return { result: "clean", verb };
  if (MUTATORS.has(name)) {
    return { result: name === "push" || name === "unshift" ? "clean" : REORDERED.has(name) ? "reordered" : "receiver", mutates: "receiver", verb };
  }
  if (RECEIVER.has(name)) return { result: "receiver", verb };
  if (REORDERED.has(name)) return { result: "reordered", verb };
  if (ELEMENT.has(name)) return { result: "element", verb };
  if (name === "values") return { result: "values", verb };
  if (name === "keys") return { result: "keys", verb };
  if (name === "entries") return { result: "entries", verb };
  return { result: "collapse", verb };
}

function verbFor(name: string, owner: string | undefined): string {
  if (HASHING.has(name) || owner === "Hash" || owner === "Hmac" || owner === "SubtleCrypto") return "hashed by";
  if (name === "stringify" && (owner === "JSON" || owner === undefined)) return "serialised by JSON.";
  if (ENCODING.has(name) && (name !== "from" || owner?.startsWith("Buffer") === true)) return "encoded by";
  return "passed through";
}

/** Property reads that never carry an identifier, whatever they are read from. */
export const CLEAN_PROPERTIES = new Set(["length", "size", "byteLength", "constructor"]);
