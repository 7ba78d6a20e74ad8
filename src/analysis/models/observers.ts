/**
 * Observer objects, as data: a library call given `{ next, error, complete }` instead of a callback (RxJS's
 * `obs.subscribe({ next: (v) => …, error: (e) => … })` and `tap({ next })`, and Observable implementations that
 * follow the same protocol) runs each function property as a callback of its own role. `next` receives what a
 * plain callback of the call would (the values the observable emits); `error` and `complete` run with nothing
 * tracked — the closures still run with what they capture. Errors raised inside a pipeline are not followed to
 * `error` (a synchronous throw while the observable is built is the caller's exception, not the observer's).
 */
export type ObserverRole = "value" | "nothing";

/** Library methods (and operator functions) that take an observer object. */
export const OBSERVER_METHODS: ReadonlySet<string> = new Set(["subscribe", "tap"]);

/** An observer object's callbacks, by property. */
export const OBSERVER_CALLBACKS: Readonly<Record<string, ObserverRole>> = { next: "value", error: "nothing", complete: "nothing" };
