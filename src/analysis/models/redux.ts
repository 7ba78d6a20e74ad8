/**
 * Redux and Redux Toolkit as a stateful library (stateful-calls.ts): a store's state is what its reducers make of
 * the actions dispatched to it, and middleware, listeners, subscribers and selectors run with both.
 *
 * An action creator is known by its access path — `slice.actions.phoneSaved` is "…createSlice()⟨site⟩.actions.
 * phoneSaved", a thunk's `fulfilled` "…createAsyncThunk()⟨site⟩.fulfilled" — and that path is the action's type:
 * calling the creator makes `{ type, payload }` with the path in `type`, `dispatch` sends the action on its type's
 * channel, and only the case reducers, `addCase` reducers and `actionCreator` listeners of that creator receive it.
 * Middleware and predicate/matcher listeners receive every action, one type at a time, and `creator.match(action)`
 * is decided for an action of a known type, so a middleware's branch for one action never sees another's payload.
 * An action built by hand (`dispatch({ type: "x", payload })`) has no known type: everything receives it.
 *
 * State is flow-insensitive, one cell per slice: what its initial state, case reducers and `addCase` reducers
 * leave in it (Immer's draft written in place, or a returned state). `configureStore({ reducer })` lays the
 * slices' cells out under the reducer map's keys: `getState()`, `useSelector(selector)`, a listener's
 * `api.getState()` and a middleware's `api.getState()` read every store's root state.
 *
 * `createAsyncThunk(type, creator)` runs its payload creator with what every call of the thunk passed (like a
 * mutation): its return value is the `fulfilled` action's payload, `rejectWithValue(v)` the `rejected` action's,
 * and what it throws the `rejected` action's `error`. `createSelector(inputs, combiner)` makes a selector that runs
 * its inputs with the state it is given and the combiner with their results.
 */
import { apiStep, type AV, FALSE, field, join, setField, TRUE } from "../values.js";
import { positional } from "../interpret/util.js";
import type { StatefulCall, StatefulLibrary, StatefulOperation } from "./react.js";
import { splitPath } from "./registry-index.js";

/** The sent channel listing every action type dispatched so far (as API paths of one value). */
const TYPES = "\u0000types";
/** The held channel of the root state of every store. */
const ROOT = "\u0000root";
/** A sent channel nothing is sent on by name: reading it yields only the actions of unknown type. */
const UNTYPED = "\u0000untyped";

/** The one access path of a value made by the call (a site instance), or of its callee. */
function pathOf(value: AV): string | undefined {
  return value?.api?.size === 1 ? [...value.api][0] : undefined;
}

/** `callee.path` without its last `.member` (a builder's `addCase` → the builder). */
function receiverOf(call: StatefulCall, member: string): AV {
  const path = call.path.endsWith(`.${member}`) ? call.path.slice(0, -member.length - 1) : undefined;
  return path === undefined ? undefined : { api: new Set([path]) };
}

function action(type: string, payload: AV, arg?: AV): AV {
  let out = setField(setField(undefined, "type", { api: new Set([type]) }), "payload", payload);
  if (arg) out = setField(out, "meta", setField(undefined, "arg", arg));
  return out;
}

/** The types of the creators a value may be (their access paths); `undefined` when it is none of them. */
function creatorTypes(creator: AV): string[] | undefined {
  return creator?.api && creator.api.size > 0 ? [...creator.api] : undefined;
}

/** Every action of these types (and those of unknown type); of every type when the types are unknown. */
function actionsOf(call: StatefulCall, types: readonly string[] | undefined): AV {
  if (!types) return deliveries(call).reduce<AV>((all, one) => join(all, one), undefined);
  return types.reduce<AV>((all, type) => join(all, call.sentAt(type)), undefined);
}

/** The actions a middleware or a listener of every action receives: one value per type, and those of unknown type. */
function deliveries(call: StatefulCall): AV[] {
  const types = [...(call.sentAt(TYPES)?.api ?? [])];
  return [...types.map((type) => call.sentAt(type)), call.sentAt(UNTYPED)];
}

/** `dispatch(action)`: an action on its type's channel; a thunk function runs with `dispatch` and `getState`. */
function dispatch(call: StatefulCall, value: AV, store: AV): void {
  if (value?.fn) call.run(value, [apiStep(store, "dispatch"), apiStep(store, "getState")]);
  const types = value?.f?.get("type")?.api;
  if (types && types.size > 0) {
    for (const type of types) send(call, type, value);
  } else if (value && (value.t || value.f || value.e)) call.sendAt(undefined, value);
}

function send(call: StatefulCall, type: string, value: AV): void {
  call.sendAt(type, value);
  call.sendAt(TYPES, { api: new Set([type]) });
}

/** What a reducer leaves: the state it returns, or its draft as it wrote it in place. */
function reduce(call: StatefulCall, reducer: AV, state: AV, actions: AV): AV {
  const out = call.runFull(reducer, [state, actions]);
  return join(out.ret, out.paramsOut[0]);
}

/** A slice's reducer (`slice.reducer`), a reducer map (`{ session: slice.reducer }`), or a hand-written reducer: its state. */
function stateOf(call: StatefulCall, reducer: AV, depth = 0): AV {
  if (!reducer || depth > 4) return undefined;
  let state: AV;
  for (const path of reducer.api ?? []) {
    const { channel } = splitPath(path);
    if (path.endsWith(".reducer") && channel !== undefined) state = join(state, call.heldAt(channel));
  }
  if (reducer.fn) state = join(state, reduce(call, reducer, undefined, actionsOf(call, undefined)));
  if (!reducer.api && !reducer.fn) for (const [key, member] of reducer.f ?? []) state = setField(state, key, join(state?.f?.get(key), stateOf(call, member, depth + 1)));
  return state;
}

/** Runs a middleware `(api) => (next) => (action) => …` with the store's API and every action, one type at a time. */
function runMiddleware(call: StatefulCall, middleware: AV, store: AV): void {
  const withNext = call.run(middleware, [store]);
  const handler = call.run(withNext, [apiStep(store, "next")]);
  if (!handler?.fn) return;
  for (const one of deliveries(call)) call.run(handler, [one]);
}

/** Middleware handed over as a list or as arguments: each function in it. */
function runEach(call: StatefulCall, values: readonly AV[], store: AV): void {
  for (const value of values) {
    if (value?.fn) runMiddleware(call, value, store);
    for (const member of value?.f?.values() ?? []) if (member?.fn) runMiddleware(call, member, store);
    if (value?.e?.fn) runMiddleware(call, value.e, store);
  }
}

const STORE: Record<string, StatefulOperation> = {
  getState: { result: ({ heldAt }) => heldAt(ROOT) },
  dispatch: { result: (call) => (dispatch(call, call.args[0], receiverOf(call, "dispatch")), call.args[0]) },
  subscribe: { result: ({ args, run }) => (run(args[0], []), undefined) },
  // What a middleware's `next(action)` returns is the rest of the chain's: nothing tracked.
  next: {},
};

function prefixed(prefix: string, operations: Readonly<Record<string, StatefulOperation>>): Record<string, StatefulOperation> {
  return Object.fromEntries(Object.entries(operations).map(([path, operation]) => [`${prefix}${path}`, operation]));
}

/** The store's API inside a thunk, a listener or a middleware: its `getState` and `dispatch`. */
const STORE_API = (prefix: string): Record<string, StatefulOperation> => prefixed(prefix, { getState: STORE.getState!, getOriginalState: STORE.getState!, dispatch: STORE.dispatch! });

const CONFIGURE_STORE: StatefulOperation = {
  instance: "site",
  result: (call) => {
    const options = call.args[0];
    call.storeAt(ROOT, stateOf(call, field(options, "reducer") ?? options));
    const middleware = field(options, "middleware");
    if (middleware?.fn) call.run(middleware, [apiStep(call.instance, "getDefaultMiddleware")]);
    else runEach(call, [middleware], call.instance);
    return call.instance;
  },
};

/** `getDefaultMiddleware().concat(mw)`, `.prepend(mw)`: runs them; the list chains on. */
const ADD_MIDDLEWARE = (member: string): StatefulOperation => ({
  result: (call) => {
    const store = { api: new Set([call.path.slice(0, call.path.indexOf(".getDefaultMiddleware"))]) };
    runEach(call, call.args, store);
    return receiverOf(call, member);
  },
});

const CREATE_SLICE: StatefulOperation = {
  instance: "site",
  result: (call) => {
    const options = call.args[0];
    const slice = pathOf(call.instance);
    const channel = slice === undefined ? undefined : splitPath(slice).channel;
    if (channel === undefined) return call.instance;
    const initial = field(options, "initialState");
    call.storeAt(channel, initial?.fn ? call.run(initial, []) : initial);
    for (const [name, caseReducer] of field(options, "reducers")?.f ?? []) {
      const reducer = caseReducer?.fn ? caseReducer : field(caseReducer, "reducer");
      call.storeAt(channel, reduce(call, reducer, call.heldAt(channel), actionsOf(call, [`${slice}.actions.${name}`])));
    }
    call.run(field(options, "extraReducers"), [apiStep(call.instance, "builder")]);
    return call.instance;
  },
};

/** `builder.addCase(creator, reducer)`: the reducer runs with the slice's state and that creator's actions. */
const ADD_CASE = (member: string, types: (args: readonly AV[]) => string[] | undefined, reducerAt: number): StatefulOperation => ({
  instance: "callee",
  store: (call) => reduce(call, call.args[reducerAt], call.held(), actionsOf(call, types(call.args))),
  result: (call) => receiverOf(call, member),
});

/** Calling an action creator: an action of the creator's type (its access path). */
const MAKE_ACTION: StatefulOperation = { result: ({ path, args }) => action(path, args[0]) };

/** `creator.match(action)`: decided for an action of one known type; unknown otherwise. */
const MATCH: StatefulOperation = {
  result: ({ path, args }) => {
    const types = args[0]?.f?.get("type")?.api;
    if (!types || types.size !== 1) return undefined;
    return [...types][0] === path.slice(0, -".match".length) ? TRUE : FALSE;
  },
};

const CREATE_ASYNC_THUNK: StatefulOperation = {
  instance: "site",
  result: (call) => {
    const thunk = pathOf(call.instance);
    if (thunk === undefined) return call.instance;
    const arg = call.sentAt(thunk);
    const out = call.runFull(call.args[1], [arg, apiStep(call.instance, "api")]);
    send(call, `${thunk}.pending`, action(`${thunk}.pending`, undefined, arg));
    send(call, `${thunk}.fulfilled`, action(`${thunk}.fulfilled`, out.ret, arg));
    if (out.throws) send(call, `${thunk}.rejected`, setField(action(`${thunk}.rejected`, undefined, arg), "error", out.throws));
    return call.instance;
  },
};

/** `rejectWithValue(v)` / `fulfillWithValue(v)` in a payload creator: the value is that action's payload. */
const SETTLE_WITH = (member: string, outcome: "rejected" | "fulfilled"): StatefulOperation => ({
  result: (call) => {
    const thunk = call.path.slice(0, -`.api.${member}`.length);
    send(call, `${thunk}.${outcome}`, action(`${thunk}.${outcome}`, call.args[0]));
    return undefined;
  },
});

/** `startListening({ actionCreator | type | matcher | predicate, effect })`: the effect runs with the matching actions. */
const START_LISTENING: StatefulOperation = {
  result: (call) => {
    const options = call.args[0];
    const listenerApi = apiStep(receiverOf(call, "startListening"), "listenerApi");
    const types = creatorTypes(field(options, "actionCreator"));
    const actions = types ? [actionsOf(call, types)] : deliveries(call);
    for (const one of actions) call.run(field(options, "effect"), [one, listenerApi]);
    return undefined;
  },
};

/** `createSelector(inputs, combiner)` / `createSelector(in1, in2, combiner)`: the selector keeps both. */
const CREATE_SELECTOR: StatefulOperation = {
  instance: "site",
  store: ({ args }) => {
    const inputs = args.length === 2 && !args[0]?.fn ? args[0] : args.slice(0, -1).reduce<AV>((all, one, i) => setField(all, String(i), one), undefined);
    return setField(setField(undefined, "inputs", inputs), "combiner", args[args.length - 1]);
  },
  result: ({ instance }) => instance,
};

/**
 * Applies a selector to its arguments: a function runs; a memoised selector runs its inputs, and its combiner with
 * their results (inputs may be memoised selectors themselves).
 */
function select(call: StatefulCall, selector: AV, args: readonly AV[], depth = 0): AV {
  let out = call.run(selector, args);
  if (depth > 4) return out;
  for (const path of selector?.api ?? []) {
    const { path: operation, channel } = splitPath(path);
    if (!MEMOISED.has(operation) || channel === undefined) continue;
    const parts = call.heldAt(channel);
    const inputs = field(parts, "inputs");
    const results: AV[] = [];
    for (let i = 0; i < 8; i++) {
      const input = positional(inputs, i);
      if (!input?.fn && !input?.api) break;
      results.push(select(call, input, args, depth + 1));
    }
    out = join(out, call.run(field(parts, "combiner"), results));
  }
  return out;
}

const MEMOISED = new Set(["createSelector()", "createDraftSafeSelector()"]);
const SELECT: StatefulOperation = { result: (call) => select(call, { api: new Set([call.path]) }, call.args) };

const TOOLKIT_OPERATIONS: Record<string, StatefulOperation> = {
  configureStore: CONFIGURE_STORE,
  createStore: { ...CONFIGURE_STORE, result: (call) => (call.storeAt(ROOT, stateOf(call, call.args[0])), call.instance) },
  ...prefixed("configureStore().", STORE),
  ...prefixed("createStore().", STORE),
  "configureStore().getDefaultMiddleware": { result: ({ path }) => ({ api: new Set([`${path}()`]) }) },
  "configureStore().getDefaultMiddleware().concat": ADD_MIDDLEWARE("concat"),
  "configureStore().getDefaultMiddleware().prepend": ADD_MIDDLEWARE("prepend"),
  applyMiddleware: { result: (call) => (runEach(call, call.args, undefined), undefined) },
  combineReducers: { result: ({ args }) => args[0] },
  createSlice: CREATE_SLICE,
  "createSlice().actions.*": MAKE_ACTION,
  "createSlice().actions.*.match": MATCH,
  "createSlice().builder.addCase": ADD_CASE("addCase", (args) => creatorTypes(args[0]), 1),
  "createSlice().builder.addMatcher": ADD_CASE("addMatcher", () => undefined, 1),
  "createSlice().builder.addDefaultCase": ADD_CASE("addDefaultCase", () => undefined, 0),
  createAction: { instance: "site", result: ({ instance }) => instance },
  "createAction()": MAKE_ACTION,
  "createAction().match": MATCH,
  createAsyncThunk: CREATE_ASYNC_THUNK,
  // Calling the thunk sends its argument to the payload creator; dispatching the thunk adds nothing more.
  "createAsyncThunk()": { result: (call) => (call.sendAt(call.path, call.args[0]), apiStep(call.instance, "()")) },
  "createAsyncThunk().pending": MAKE_ACTION,
  "createAsyncThunk().fulfilled": MAKE_ACTION,
  "createAsyncThunk().rejected": MAKE_ACTION,
  "createAsyncThunk().pending.match": MATCH,
  "createAsyncThunk().fulfilled.match": MATCH,
  "createAsyncThunk().rejected.match": MATCH,
  "createAsyncThunk().api.rejectWithValue": SETTLE_WITH("rejectWithValue", "rejected"),
  "createAsyncThunk().api.fulfillWithValue": SETTLE_WITH("fulfillWithValue", "fulfilled"),
  ...STORE_API("createAsyncThunk().api."),
  createListenerMiddleware: { instance: "site", result: ({ instance }) => instance },
  "createListenerMiddleware().startListening": START_LISTENING,
  ...STORE_API("createListenerMiddleware().listenerApi."),
  createSelector: CREATE_SELECTOR,
  createDraftSafeSelector: CREATE_SELECTOR,
  "createSelector()": SELECT,
  "createDraftSafeSelector()": SELECT,
  // react-redux: the nearest store is every store.
  useSelector: { result: (call) => select(call, call.args[0], [call.heldAt(ROOT)]) },
  useDispatch: { result: ({ path }) => ({ api: new Set([`${path}()`]) }) },
  "useDispatch()": { result: (call) => (dispatch(call, call.args[0], undefined), call.args[0]) },
  useStore: { result: ({ path }) => ({ api: new Set([`${path}()`]) }) },
  ...prefixed("useStore().", STORE),
};

export const REDUX: StatefulLibrary = {
  id: "redux",
  modules: ["@reduxjs/toolkit", "@reduxjs/toolkit/react", "redux", "react-redux", "reselect"],
  operations: TOOLKIT_OPERATIONS,
};
