/**
 * React's hooks and context, and libraries built the same way (react-hook-form, TanStack Query), as data: libraries whose calls
 * make an instance that keeps state between calls — a `useState` cell, a reducer, a ref, a context, a form — and
 * whose other calls read that state, write it, or run a callback with it. The mechanism is stateful-calls.ts.
 *
 * An instance is made at a call site (`useState(…)` in a component: every render and every instance of the
 * component share it, flow-insensitively), and its methods carry it in their access path
 * ("react|useState()⟨site⟩.setState"), so a setter called in a handler writes what the state reads on the next
 * pass. A context made by `createContext` is one instance: `<Ctx.Provider value={…}>` (or `<Ctx value>`, React 19)
 * writes it, `useContext(Ctx)` and `<Ctx.Consumer>` read it — everything any provider in the program provides.
 * JSX elements whose tag is such a value are the same calls, with the props as the one argument (interpret/jsx.ts).
 */
import { apiStep, type AV, field, join, setField, withElements } from "../values.js";
import { tuple } from "../containers.js";
import { REDUX } from "./redux.js";
import { RXJS } from "./rxjs.js";
import { ZUSTAND } from "./zustand.js";

/** What an operation's functions see of one call. */
export interface StatefulCall {
  readonly args: readonly AV[];
  /** The instance made at this call, or the one the call is made on: an API value whose path carries it. */
  readonly instance: AV;
  /** What the instance keeps (its state, a context's value, a form's values); reading records the dependency. */
  readonly held: () => AV;
  /** What was sent to the instance (a reducer's dispatched actions). */
  readonly sent: () => AV;
  /** Calls the functions a value may be with these arguments (clean when it is none); what they return. */
  readonly run: (fn: AV, args: readonly AV[]) => AV;
  /** The text of an argument written as a string literal (`setValue("phone", …)`), else undefined. */
  readonly literal: (index: number) => string | undefined;
  /** The callee's access path that named the operation, with its module and channels. */
  readonly path: string;
  /** What the library keeps on a channel of its own naming (a Redux slice's state), and adds to it. */
  readonly heldAt: (channel: string) => AV;
  readonly storeAt: (channel: string, value: AV) => void;
  /** What was sent on a channel of its own naming (an action type), and sends there; `undefined`: on every channel. */
  readonly sentAt: (channel: string) => AV;
  readonly sendAt: (channel: string | undefined, value: AV) => void;
  /** Calls the functions a value may be: what they return, throw, and leave in their parameters (a draft state). */
  readonly runFull: (fn: AV, args: readonly AV[]) => { ret: AV; throws: AV; paramsOut: readonly AV[] };
}

export interface StatefulOperation {
  /**
   * Which instance the call is about: one made at this call site, the one the callee's path names (a method of
   * an instance), the one an argument is (`useContext(Ctx)`), or none.
   */
  instance?: "site" | "callee" | { argument: number };
  /** What the call writes into the instance (joined with what it keeps); computed before `result`. */
  store?: (call: StatefulCall) => AV;
  /** What the call sends to the instance. */
  send?: (call: StatefulCall) => AV;
  /** The call's value (clean when absent). */
  result?: (call: StatefulCall) => AV;
}

export interface StatefulLibrary {
  /** Names the library's cells. */
  id: string;
  /** Module specifiers as imported. */
  modules: readonly string[];
  /** Operations by access path from the import; `()` after a path is what a call made. */
  operations: Readonly<Record<string, StatefulOperation>>;
}

const returnsArgument = (index: number): StatefulOperation => ({ result: ({ args }) => args[index] });
const runsCallback = (index: number, returnsResult = false): StatefulOperation => ({
  result: ({ args, run }) => {
    const out = run(args[index], []);
    return returnsResult ? out : undefined;
  },
});
/** A value, or what calling it returns (`useState(() => load())`, `setState((previous) => next)`). */
const valueOrResult = (value: AV, run: StatefulCall["run"], args: readonly AV[]): AV => join(value?.fn ? undefined : value, run(value, args));

const REACT_OPERATIONS: Record<string, StatefulOperation> = {
  useState: {
    instance: "site",
    result: ({ args, held, run, instance }) => tuple([join(valueOrResult(args[0], run, []), held()), apiStep(instance, "setState")]),
  },
  "useState().setState": { instance: "callee", store: ({ args, held, run }) => valueOrResult(args[0], run, [held()]) },
  // The reducer runs with what the state holds and every action dispatched to it; its results are the state.
  useReducer: {
    instance: "site",
    store: ({ args, held, sent, run }) => run(args[0], [join(initialState(args, run), held()), sent()]),
    result: ({ args, held, run, instance }) => tuple([join(initialState(args, run), held()), apiStep(instance, "dispatch")]),
  },
  "useReducer().dispatch": { instance: "callee", send: ({ args }) => args[0] },
  // A ref is one cell per call site: every `ref.current = v` anywhere (an assignment is the operation "current=").
  useRef: { instance: "site", result: ({ args, held, instance }) => setField(instance, "current", join(args[0], held())) },
  "useRef().current=": { instance: "callee", store: ({ args }) => args[0] },
  useCallback: returnsArgument(0),
  useMemo: runsCallback(0, true),
  useEffect: runsCallback(0),
  useLayoutEffect: runsCallback(0),
  useInsertionEffect: runsCallback(0),
  useImperativeHandle: runsCallback(1),
  useDeferredValue: returnsArgument(0),
  useSyncExternalStore: runsCallback(1, true),
  useTransition: { instance: "site", result: ({ instance }) => tuple([undefined, apiStep(instance, "startTransition")]) },
  "useTransition().startTransition": runsCallback(0),
  startTransition: runsCallback(0),
  // A class component's base: `super(props)` sets `this.props` (interpret/classes.ts, a library base's model).
  Component: { result: ({ args }) => setField(undefined, "props", args[0]) },
  PureComponent: { result: ({ args }) => setField(undefined, "props", args[0]) },
  // `createElement(type, props, ...children)` is what JSX compiles to: the component runs with the props, and an
  // element of the page's handlers run (interpret/jsx.ts does the same for JSX).
  createElement: { result: ({ args, run }) => (renderCreated(args, run), undefined) },
  memo: returnsArgument(0),
  forwardRef: returnsArgument(0),
  createContext: { instance: "site", store: ({ args }) => args[0], result: ({ instance }) => instance },
  "createContext().Provider": { instance: "callee", store: ({ args }) => field(args[0], "value") },
  // React 19: the context is its own provider (`<Ctx value={…}>`).
  "createContext()": { instance: "callee", store: ({ args }) => field(args[0], "value") },
  "createContext().Consumer": { instance: "callee", result: ({ args, held, run }) => (run(field(args[0], "children"), [held()]), undefined) },
  useContext: { instance: { argument: 0 }, result: ({ held }) => held() },
  // `use(Context)` reads the context; `use(promise)` is what the promise resolves to.
  use: { instance: { argument: 0 }, result: ({ args, held }) => join(held(), args[0]?.api ? undefined : args[0]) },
};

const REACT: StatefulLibrary = {
  id: "react",
  modules: ["react", "preact/hooks", "preact/compat"],
  operations: REACT_OPERATIONS,
};

/**
 * react-hook-form: a form keeps its default values and what `reset` / `setValue` put in it; `handleSubmit(onValid)`
 * makes the submit handler, which calls `onValid` with the form's values (run here, where it is made).
 */
const FORM_METHODS: Record<string, StatefulOperation> = {
  handleSubmit: { instance: "callee", result: ({ args, held, run }) => (run(args[0], [held()]), undefined) },
  reset: { instance: "callee", store: ({ args }) => args[0] },
  resetField: { instance: "callee", store: ({ args, literal }) => atFieldPath(literal(0), field(args[1], "defaultValue")) },
  setValue: { instance: "callee", store: ({ args, literal }) => atFieldPath(literal(0), args[1]) },
  getValues: { instance: "callee", result: ({ args, held, literal }) => (args.length === 0 ? held() : readFieldPath(literal(0), held())) },
  watch: { instance: "callee", result: ({ args, held, literal }) => (args.length === 0 || args[0]?.fn ? held() : readFieldPath(literal(0), held())) },
  register: {},
};

/**
 * A form value under its field path (`"contact.phone"`): only that field holds it. A name not written as a literal
 * may be any field: the value goes under every name (element-wise).
 */
function atFieldPath(name: string | undefined, value: AV): AV {
  if (name === undefined) return withElements(value);
  return name.split(".").reduceRight<AV>((inner, segment) => setField(undefined, segment, inner), value);
}

/** The form value at a field path; the whole form's values when the name is not a literal. */
function readFieldPath(name: string | undefined, values: AV): AV {
  if (name === undefined) return values;
  return name.split(".").reduce<AV>((outer, segment) => field(outer, segment), values);
}

const REACT_HOOK_FORM: StatefulLibrary = {
  id: "react-hook-form",
  modules: ["react-hook-form"],
  operations: {
    useForm: { instance: "site", store: ({ args }) => join(field(args[0], "defaultValues"), field(args[0], "values")), result: ({ instance }) => instance },
    // The form of the nearest provider: which one is not known, so it is every form's.
    useFormContext: { result: ({ instance }) => instance },
    ...prefixed("useForm().", FORM_METHODS),
    ...prefixed("useFormContext().", FORM_METHODS),
  },
};

/**
 * TanStack Query: `useQuery({ queryFn, select })` is `{ data }`, what the query function returns (through
 * `select`). A mutation keeps the variables every `mutate(variables, callbacks)` sends it and runs its functions
 * with them — `mutationFn(variables)`, `onMutate(variables)`, `onSuccess(data, variables)`, `onError(error,
 * variables)`, `onSettled(data, error, variables)`, those given to `useMutation` and those given to `mutate` — and
 * keeps what `mutationFn` returned as its `data`.
 */
const QUERY: StatefulOperation = { result: ({ args, run }) => setField(undefined, "data", queryData(args[0], run)) };
const MUTATE: StatefulOperation = {
  instance: "callee",
  send: ({ args }) => args[0],
  result: ({ args, held, run }) => (mutationCallbacks(args[1], held(), args[0], run), undefined),
};

const TANSTACK_QUERY: StatefulLibrary = {
  id: "tanstack-query",
  modules: ["@tanstack/react-query", "react-query"],
  operations: {
    useQuery: QUERY,
    useSuspenseQuery: QUERY,
    queryOptions: returnsArgument(0),
    mutationOptions: returnsArgument(0),
    useMutation: {
      instance: "site",
      store: ({ args, sent, run }) => run(field(args[0], "mutationFn"), [sent()]),
      result: ({ args, held, sent, run, instance }) => (mutationCallbacks(args[0], held(), sent(), run), setField(instance, "data", held())),
    },
    "useMutation().mutate": MUTATE,
    "useMutation().mutateAsync": MUTATE,
  },
};

export const STATEFUL_LIBRARIES: readonly StatefulLibrary[] = [REACT, REACT_HOOK_FORM, TANSTACK_QUERY, REDUX, RXJS, ZUSTAND];

/** Every module a stateful library names: their imports get API paths (the engine adds them to the catalog's). */
export const STATEFUL_MODULES: ReadonlySet<string> = new Set(STATEFUL_LIBRARIES.flatMap((library) => library.modules));

function prefixed(prefix: string, operations: Readonly<Record<string, StatefulOperation>>): Record<string, StatefulOperation> {
  return Object.fromEntries(Object.entries(operations).map(([path, operation]) => [`${prefix}${path}`, operation]));
}

/** What a query's `queryFn` returns, through its `select`. */
function queryData(options: AV, run: StatefulCall["run"]): AV {
  const raw = run(field(options, "queryFn"), [undefined]);
  const select = field(options, "select");
  return select?.fn ? run(select, [raw]) : raw;
}

/** A mutation's callbacks (given to `useMutation` or to `mutate`), each with the variables where it takes them. */
function mutationCallbacks(options: AV, data: AV, variables: AV, run: StatefulCall["run"]): void {
  run(field(options, "onMutate"), [variables]);
  run(field(options, "onSuccess"), [data, variables]);
  run(field(options, "onError"), [undefined, variables]);
  run(field(options, "onSettled"), [data, undefined, variables]);
}

function renderCreated(args: readonly AV[], run: StatefulCall["run"]): void {
  const children = args.slice(2).reduce<AV>((all, child) => join(all, child), undefined);
  const props = children ? setField(args[1], "children", children) : args[1];
  if (args[0]?.fn) run(args[0], [props]);
  else for (const member of props?.f?.values() ?? []) run(member, []);
}

/** `useReducer(reducer, initialArg, init?)`: the initial state. */
function initialState(args: readonly AV[], run: StatefulCall["run"]): AV {
  return args[2] ? run(args[2], [args[1]]) : args[1];
}

