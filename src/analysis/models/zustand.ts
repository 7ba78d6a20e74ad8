/**
 * Zustand (v4 and v5) as a stateful library (stateful-calls.ts): a store is an instance made where `create` /
 * `createStore` is called (the curried `create<T>()(initializer)` too: the outer call is the site), and its state
 * is one cell, flow-insensitive.
 *
 * The initializer runs there with `(set, get, api)` — the store's own `setState`, `getState` and the store itself —
 * and what it returns is the state, action functions included: an action a component takes from the hook and
 * calls runs its closure, whose `set(partial)` or `set((state) => partial)` joins into the cell (a weak update; an
 * Immer-style updater's draft written in place counts too), so every reader sees it on the next pass. Readers: the
 * hook (`useStore()` is the state, `useStore(selector)` the selector's result), `getState()`, `get()`, the
 * listeners of `subscribe(listener)` (state and previous state) and of subscribeWithSelector's
 * `subscribe(selector, listener)`, and `useStore(vanillaStore, selector?)`. Middleware that wraps the initializer
 * (`persist`, `devtools`, `subscribeWithSelector`, `immer`) hands it on; `combine(initial, creator)` keeps both
 * and the store's state is the initial object joined with what the creator returns.
 */
import { apiStep, type AV, field, join, setField } from "../values.js";
import type { StatefulCall, StatefulLibrary, StatefulOperation } from "./react.js";
import { splitPath } from "./registry-index.js";

/** The API value of `callee.path` without its last `.member` (the curried creator's store, a method's store). */
function storeOf(call: StatefulCall, member: string): AV {
  const path = call.path.endsWith(`.${member}`) ? call.path.slice(0, -member.length - 1) : undefined;
  return path === undefined ? undefined : { api: new Set([path]) };
}

/** What an initializer makes the store's state: run with `(set, get, api)`, or a `combine`'s parts. */
function initialState(call: StatefulCall, initializer: AV, store: AV, depth = 0): AV {
  const inputs = [apiStep(store, "setState"), apiStep(store, "getState"), store];
  let state = initializer?.fn ? call.run(initializer, inputs) : undefined;
  if (depth > 4) return state;
  for (const apiPath of initializer?.api ?? []) {
    const { path, channel } = splitPath(apiPath);
    if (path !== "combine()" || channel === undefined) continue;
    const parts = call.heldAt(channel);
    state = join(state, join(field(parts, "initial"), initialState(call, field(parts, "creator"), store, depth + 1)));
  }
  return state;
}

/** `create(initializer)` / `createStore(initializer)`: the store, its state what the initializer returns. */
const CREATE: StatefulOperation = {
  instance: "site",
  store: (call) => (call.args.length > 0 ? initialState(call, call.args[0], call.instance) : undefined),
  // `create<T>()` with no initializer: a function of the initializer that makes this store.
  result: (call) => (call.args.length > 0 ? call.instance : apiStep(call.instance, "curried")),
};

/** The curried form's second call: the store made at the first call's site. */
const CURRIED: StatefulOperation = {
  instance: "callee",
  store: (call) => initialState(call, call.args[0], storeOf(call, "curried")),
  result: (call) => storeOf(call, "curried"),
};

/** `set(partial)` / `set((state) => partial)`: joined into the state; an updater's draft as it wrote it too. */
const SET_STATE: StatefulOperation = {
  instance: "callee",
  store: (call) => {
    const partial = call.args[0];
    if (!partial?.fn) return partial;
    const out = call.runFull(partial, [call.held()]);
    return join(out.ret, out.paramsOut[0]);
  },
};

/** `subscribe(listener)` runs it with the state and the previous state; `subscribe(selector, listener)` with the selected. */
const SUBSCRIBE: StatefulOperation = {
  instance: "callee",
  result: ({ args, held, run }) => {
    if (args[1]?.fn) {
      const selected = run(args[0], [held()]);
      run(args[1], [selected, selected]);
    } else run(args[0], [held(), held()]);
    return undefined;
  },
};

const READ_STATE: StatefulOperation = { instance: "callee", result: ({ held }) => held() };

/** The store's API: on the store itself, on the initializer's `api`, and as `set` / `get`. */
const STORE_API: Record<string, StatefulOperation> = {
  setState: SET_STATE,
  getState: READ_STATE,
  getInitialState: READ_STATE,
  subscribe: SUBSCRIBE,
};

/** The hook: `useStore()` is the state, `useStore(selector)` what the selector makes of it. */
const BOUND_HOOK: StatefulOperation = {
  instance: "callee",
  result: ({ args, held, run }) => (args[0] ? run(args[0], [held()]) : held()),
};

const returnsArgument = (index: number): StatefulOperation => ({ result: ({ args }) => args[index] });

function prefixed(prefix: string, operations: Readonly<Record<string, StatefulOperation>>): Record<string, StatefulOperation> {
  return Object.fromEntries(Object.entries(operations).map(([path, operation]) => [`${prefix}${path}`, operation]));
}

const operations: Record<string, StatefulOperation> = {};
// `createWithEqualityFn` (zustand/traditional) is `create` whose hook takes an equality function as well; the
// default export (zustand 3, deprecated in 4) is `create`, its path the empty one.
for (const creator of ["create", "createStore", "createWithEqualityFn", ""]) {
  operations[creator] = CREATE;
  operations[`${creator}().curried`] = CURRIED;
  Object.assign(operations, prefixed(`${creator}().`, STORE_API));
}
operations["create()"] = BOUND_HOOK;
operations["createWithEqualityFn()"] = BOUND_HOOK;
operations["()"] = BOUND_HOOK;
Object.assign(operations, {
  // `useStore(store)` / `useStore(store, selector)` for a vanilla store (and `useStoreWithEqualityFn`).
  useStore: { instance: { argument: 0 }, result: ({ args, held, run }) => (args[1] ? run(args[1], [held()]) : held()) },
  useStoreWithEqualityFn: { instance: { argument: 0 }, result: ({ args, held, run }) => (args[1] ? run(args[1], [held()]) : held()) },
  // `useShallow(selector)` memoises the selector: the same function for the hook to run.
  useShallow: returnsArgument(0),
  persist: returnsArgument(0),
  devtools: returnsArgument(0),
  subscribeWithSelector: returnsArgument(0),
  immer: returnsArgument(0),
  // `combine(initial, creator)`: both kept at its site, for the store that is made with it (initialState).
  combine: {
    instance: "site",
    store: ({ args }) => setField(setField(undefined, "initial", args[0]), "creator", args[1]),
    result: ({ instance }) => instance,
  },
} satisfies Record<string, StatefulOperation>);

export const ZUSTAND: StatefulLibrary = {
  id: "zustand",
  modules: ["zustand", "zustand/vanilla", "zustand/react", "zustand/traditional", "zustand/middleware", "zustand/middleware/immer", "zustand/shallow", "zustand/react/shallow"],
  operations,
};
