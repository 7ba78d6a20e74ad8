/**
 * RxJS's operators, as data: what each does to the values flowing through a `pipe(…)` (rxjs.ts). An operator
 * value is the API value its call made ("rxjs|map()"), keeping the call's arguments; `throughOperators` runs a
 * pipe's operators in order over what the source emits. An operator not in the table sees the values (its
 * function arguments run with them) and passes them on: `debounceTime`, `distinctUntilChanged`, `take`, `filter`.
 */
import { type AV, join, joinAll, withElements } from "../values.js";
import { tuple } from "../containers.js";
import { splitPath } from "./registry-index.js";
import type { StatefulCall } from "./react.js";
import { OBSERVER_CALLBACKS } from "./observers.js";

/** Where an operator value keeps its call's arguments. */
export const OPERATOR_ARGUMENTS = "\u0000arguments";

type Run = StatefulCall["run"];
/** How a pipe runs its operators' functions, and reads what an observable emits (a subject's held values too). */
export interface Pipeline {
  run: Run;
  emitted: (observable: AV) => AV;
}
/** The values after the operator, from the values before it and the operator's arguments. */
type Operator = (values: AV, args: readonly AV[], pipeline: Pipeline) => AV;

/** The observable a function returns, flattened into its values (`switchMap((v) => http.post(…))`). */
const flattening: Operator = (values, args, { run, emitted }) => emitted(run(args[0], [values, undefined]));

const OPERATORS: Readonly<Record<string, Operator>> = {
  map: (values, args, { run }) => run(args[0], [values, undefined]),
  switchMap: flattening,
  mergeMap: flattening,
  concatMap: flattening,
  exhaustMap: flattening,
  flatMap: flattening,
  // `tap(fn)` and `tap({ next, error, complete })` see the values and pass them on.
  tap: (values, args, { run }) => (runObserver(args[0], values, run), values),
  // `catchError((err) => of(fallback))`: the values, or the fallback observable's.
  catchError: (values, args, { run, emitted }) => join(values, emitted(run(args[0], [undefined, undefined]))),
  scan: (values, args, { run }) => join(args[1], run(args[0], [join(args[1], values), values, undefined])),
  reduce: (values, args, { run }) => join(args[1], run(args[0], [join(args[1], values), values, undefined])),
  startWith: (values, args) => join(values, joinAll([...args])),
  endWith: (values, args) => join(values, joinAll([...args])),
  withLatestFrom: (values, args, { emitted }) => tuple([values, ...args.map(emitted)]),
  // Batches: arrays of the values.
  bufferTime: (values) => withElements(values),
  bufferCount: (values) => withElements(values),
  buffer: (values) => withElements(values),
  toArray: (values) => withElements(values),
  pairwise: (values) => tuple([values, values]),
  ignoreElements: () => undefined,
  finalize: (values, args, { run }) => (run(args[0], []), values),
};

/** Operators that see the values (their function arguments run with them) and pass them on. */
const PASSING = [
  "filter", "debounceTime", "debounce", "throttleTime", "throttle", "auditTime", "sampleTime", "distinctUntilChanged",
  "distinctUntilKeyChanged", "distinct", "take", "takeUntil", "takeWhile", "takeLast", "skip", "skipUntil", "skipWhile",
  "first", "last", "single", "find", "elementAt", "delay", "delayWhen", "share", "shareReplay", "retry", "timeout",
  "observeOn", "subscribeOn", "defaultIfEmpty",
];

/** Every operator name the model knows: calls of these make operator values (rxjs.ts). */
export const OPERATOR_NAMES: readonly string[] = [...Object.keys(OPERATORS), ...PASSING];

/** A function or an observer object, run with the values (`next`) or nothing (`error`, `complete`). */
export function runObserver(observer: AV, values: AV, run: Run): void {
  run(observer, [values]);
  for (const [property, role] of Object.entries(OBSERVER_CALLBACKS)) run(observer?.f?.get(property), role === "value" ? [values] : []);
}

/** Whether a value is an RxJS operator (what `map(fn)` made): `pipe`'s arguments are applied, not passed through. */
export function isOperator(value: AV): boolean {
  return [...(value?.api ?? [])].some((path) => path.startsWith("rxjs|") || path.startsWith("rxjs/operators|"));
}

/** The values a source emits after a pipe's operators, in order. */
export function throughOperators(values: AV, operators: readonly AV[], pipeline: Pipeline): AV {
  let current = values;
  for (const operator of operators) {
    const args = operatorArguments(operator);
    let next: AV;
    let known = false;
    for (const apiPath of operator?.api ?? []) {
      const name = splitPath(apiPath).path.replace(/\(\)$/, "");
      const model = Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
      if (!model) continue;
      next = join(next, model(current, args, pipeline));
      known = true;
    }
    if (!known) {
      for (const arg of args) pipeline.run(arg, [current]);
      next = current;
    }
    current = next;
  }
  return current;
}

function operatorArguments(operator: AV): AV[] {
  const kept = operator?.f?.get(OPERATOR_ARGUMENTS);
  const out: AV[] = [];
  for (let i = 0; kept?.f?.has(String(i)) || i < (kept?.f?.size ?? 0); i++) out.push(kept?.f?.get(String(i)));
  return out;
}
