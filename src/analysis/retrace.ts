/**
 * Witnesses through memoised summaries. A summary is memoised per abstract context, and a context names the
 * sources its inputs carry, never their witnesses: a second call site passing the same source gets back values
 * whose traces begin at the first call site ("returned from formatContact" with no "passed to contactSummary" of
 * its own). `retrace` replays what the callee added after each input's last step onto this call's inputs, so
 * every call and return hop of a trace is the one this flow took, at its own location. The findings the callee
 * made are replayed the same way (solver-reports.ts), so each call site's flow into a sink is a leak of its own.
 */
import type { Summary } from "./interpret/activation.js";
import { mapTraces, type AV, type Step } from "./values.js";

/** Inputs nest at most this deep before pairing stops (values are bounded in depth anyway). */
const MAX_PAIR_DEPTH = 8;

/**
 * The summary as the call with `now` as inputs would have computed it, given it was computed with `before`
 * (`[this, ...args]` both). The summary itself when no witness differs.
 */
export function retrace(summary: Summary, before: readonly AV[], now: readonly AV[]): Summary {
  const rebase = rebaser(before, now);
  if (!rebase) return summary;
  const out: Summary = {
    ...summary,
    ret: mapTraces(summary.ret, rebase),
    throws: mapTraces(summary.throws, rebase),
    thisOut: mapTraces(summary.thisOut, rebase),
    paramsOut: summary.paramsOut.map((value) => mapTraces(value, rebase)),
  };
  if (summary.calls) out.calls = mapTraces(summary.calls, rebase);
  return out;
}

/**
 * What replays a trace made by a call with `before` as inputs onto a call with `now` (`[this, ...args]` both):
 * the steps the callee added after an input's last step, put after this call's step for that input. A trace that
 * starts inside the callee (a source it read itself) comes back unchanged. Undefined when no witness differs.
 * Summaries' values use it (`retrace`), and so do the findings a summary made (solver-reports.ts).
 */
export function rebaser(before: readonly AV[], now: readonly AV[]): ((trace: Step) => Step) | undefined {
  const pairs = new Map<Step, Step>();
  before.forEach((value, i) => {
    pairInputs(value, now[i], pairs, 0);
  });
  if (pairs.size === 0) return undefined;
  let floor = Infinity;
  for (const step of pairs.keys()) floor = Math.min(floor, step.length);
  const rebuilt = new Map<Step, Step>();
  const unchanged = new Set<Step>();
  return (trace: Step): Step => {
    const suffix: Step[] = [];
    let base: Step | undefined;
    for (let step: Step | undefined = trace; step && step.length >= floor; step = step.prev) {
      if (unchanged.has(step)) break;
      base = rebuilt.get(step) ?? pairs.get(step);
      if (base) break;
      suffix.push(step);
    }
    if (!base) {
      // No input's step below it: a source the callee read itself. Whatever lies above is unchanged too.
      for (const step of suffix) unchanged.add(step);
      return trace;
    }
    for (let i = suffix.length - 1; i >= 0; i--) {
      const old = suffix[i]!;
      base = { node: old.node, label: old.label, kind: old.kind, prev: base, length: base.length + 1 };
      rebuilt.set(old, base);
    }
    return base;
  };
}

/** Pairs each label's last step in an input the summary was computed with to the same label's in this call's. */
function pairInputs(before: AV, now: AV, pairs: Map<Step, Step>, depth: number): void {
  if (!before || !now || before === now || depth > MAX_PAIR_DEPTH) return;
  if (before.t && now.t) {
    for (const [id, label] of before.t) {
      const current = now.t.get(id);
      if (current && current.trace !== label.trace) pairs.set(label.trace, current.trace);
    }
  }
  if (before.f && now.f) for (const [name, member] of before.f) pairInputs(member, now.f.get(name), pairs, depth + 1);
  pairInputs(before.e, now.e, pairs, depth + 1);
}
