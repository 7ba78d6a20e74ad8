/**
 * RxJS, as data for the stateful-library mechanism (stateful-calls.ts): a subject is an instance made where it is
 * constructed (`new Subject()`, a class field included); `next(v)` writes into it, and what it holds is what its
 * subscribers receive — through `subscribe(fn)`, an observer object's `next`, or a `pipe(…)` of operators.
 *
 * An observable is a value whose elements are the values it emits: `of(a, b)`, `from(rows)`, a subject's pipe.
 * An operator call (`map(fn)`, `filter(fn)`, `switchMap(fn)`) makes an operator value that keeps its function;
 * `pipe` runs the operators in order over the emitted values (operators.ts `throughOperators`), so `map`'s
 * function gets the values and its results are the next operator's, `filter` and `tap` see them and pass them
 * on, `switchMap` flattens the observable its function returns. `pipe` on an observable the library made
 * elsewhere (an HTTP client's response) is the same (library-calls.ts).
 */
import { type AV, element, field, join, joinAll, setField, withElements } from "../values.js";
import { iterated, tuple } from "../containers.js";
import type { StatefulCall, StatefulLibrary, StatefulOperation } from "./react.js";
import { splitPath } from "./registry-index.js";
import { OPERATOR_ARGUMENTS, OPERATOR_NAMES, type Pipeline, runObserver, throughOperators } from "./rxjs-operators.js";

/** The operations of a subject's instance (`Subject()`, `BehaviorSubject()`, …). */
const SUBJECT_METHODS: Record<string, StatefulOperation> = {
  next: { instance: "callee", store: ({ args }) => args[0] },
  subscribe: { instance: "callee", result: ({ args, held, run }) => (runObserver(args[0], held(), run), undefined) },
  pipe: { instance: "callee", result: (call) => withElements(throughOperators(call.held(), call.args, pipelineOf(call))) },
  asObservable: { instance: "callee", result: ({ held }) => withElements(held()) },
  getValue: { instance: "callee", result: ({ held }) => held() },
};

const SUBJECTS = ["Subject", "BehaviorSubject", "ReplaySubject", "AsyncSubject"];

const operations: Record<string, StatefulOperation> = {};
for (const subject of SUBJECTS) {
  // `new BehaviorSubject(initial)`: the initial value is held like a later `next(value)`.
  operations[subject] = { instance: "site", store: ({ args }) => (subject === "BehaviorSubject" ? args[0] : undefined), result: ({ instance }) => instance };
  for (const [method, operation] of Object.entries(SUBJECT_METHODS)) operations[`${subject}().${method}`] = operation;
}

/**
 * What an observable emits: its elements, and for a subject (an instance whose API path carries its channel) what
 * every `next` wrote into it.
 */
export function emittedBy(heldAt: (channel: string) => AV): (observable: AV) => AV {
  return (observable) => {
    let out = element(observable);
    for (const apiPath of observable?.api ?? []) {
      const { path, channel } = splitPath(apiPath);
      if (channel !== undefined && SUBJECTS.some((subject) => path === `${subject}()`)) out = join(out, heldAt(channel));
    }
    return out;
  };
}

function pipelineOf(call: StatefulCall): Pipeline {
  return { run: call.run, emitted: emittedBy(call.heldAt) };
}

/** Creation functions: what the observable they make emits. */
const CREATION: Record<string, (args: readonly AV[], emitted: (observable: AV) => AV) => AV> = {
  of: (args) => joinAll([...args]),
  from: (args) => iterated(args[0]),
  // `combineLatest([a$, b$])` emits `[a, b]` tuples; `forkJoin` the last ones; `zip` pairs.
  combineLatest: (args, emitted) => tuple(observablesOf(args).map(emitted)),
  forkJoin: (args, emitted) => tuple(observablesOf(args).map(emitted)),
  zip: (args, emitted) => tuple(observablesOf(args).map(emitted)),
  merge: (args, emitted) => joinAll(args.map(emitted)),
  concat: (args, emitted) => joinAll(args.map(emitted)),
};
for (const [name, emits] of Object.entries(CREATION)) operations[name] = { result: (call) => withElements(emits(call.args, emittedBy(call.heldAt))) };

/** `combineLatest([a$, b$])` or `combineLatest(a$, b$)`: the observables, in order. */
function observablesOf(args: readonly AV[]): AV[] {
  if (args.length !== 1) return [...args];
  const list = args[0];
  const positions = [...(list?.f?.keys() ?? [])].filter((k) => /^\d+$/.test(k)).map(Number);
  if (positions.length === 0) return [element(list)];
  return Array.from({ length: Math.max(...positions) + 1 }, (_, i) => field(list, String(i)));
}

// `firstValueFrom(obs)` / `lastValueFrom(obs)`: a promise of one emitted value.
operations.firstValueFrom = { result: (call) => emittedBy(call.heldAt)(call.args[0]) };
operations.lastValueFrom = { result: (call) => emittedBy(call.heldAt)(call.args[0]) };

/** Operator functions (`map(fn)`): an operator value keeping its arguments, which `pipe` applies. */
const OPERATOR: StatefulOperation = { result: ({ args, instance }) => setField(instance, OPERATOR_ARGUMENTS, tuple([...args])) };
for (const name of OPERATOR_NAMES) operations[name] = OPERATOR;

export const RXJS: StatefulLibrary = {
  id: "rxjs",
  modules: ["rxjs", "rxjs/operators"],
  operations,
};
