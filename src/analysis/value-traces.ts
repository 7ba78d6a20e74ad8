/**
 * Witness traces of abstract values (values.ts): appending a step to every label a value holds, and the identity
 * a value shares with the one it was derived from when only its traces changed (so memo keys are reused).
 */
import type TS from "typescript";
import type { TraceStep } from "./findings.js";
import { isTainted, make, type AV, type Label, type Step, type Value } from "./values.js";

/** Appends a witness step to every label in the value. */
export function addStep(value: AV, node: TS.Node, label: string, kind: TraceStep["kind"]): AV {
  const memo = new Map<Step, Step>();
  return mapTraces(value, (old) => {
    let trace = memo.get(old);
    if (!trace) {
      trace = { node, label, kind, prev: old, length: old.length + 1 };
      memo.set(old, trace);
    }
    return trace;
  });
}

/** Replaces every label's witness trace; the value itself when no trace changes. */
export function mapTraces(value: AV, map: (trace: Step) => Step): AV {
  if (!value || !isTainted(value)) return value;
  // Only what holds labels is rebuilt: an untainted field stays the same object (and keeps its cached key).
  const walk = (v: AV): AV => {
    if (!v) return undefined;
    let f = v.f;
    if (v.f) {
      for (const [name, member] of v.f) {
        const walked = walk(member);
        if (walked === member) continue;
        if (f === v.f) f = new Map(v.f);
        (f as Map<string, Value>).set(name, walked as Value);
      }
    }
    const e = walk(v.e);
    let t: Map<number, Label> | undefined;
    if (v.t) {
      for (const [id, old] of v.t) {
        const trace = map(old.trace);
        if (trace === old.trace) continue;
        t ??= new Map(v.t);
        t.set(id, { source: old.source, trace });
      }
    }
    if (!t && f === v.f && e === v.e) return v;
    const out = make(t ?? v.t, f, e, v.fn, v.api, v.u, v.b, v.d);
    if (out) sameIdentity.set(out, v);
    return out;
  };
  return walk(value);
}

/**
 * Values that differ from another only in their witness traces (addStep's results): the same sources, fields,
 * functions and API paths, so the same memo identity (value-keys.ts reuses the other's key instead of
 * recomputing it for every argument passed to every call).
 */
const sameIdentity = new WeakMap<Value, Value>();

export function identicalExceptTraces(value: Value): Value | undefined {
  return sameIdentity.get(value);
}

/** Trace of a label, oldest step first. */
export function traceSteps(label: Label): Step[] {
  const steps: Step[] = [];
  for (let step: Step | undefined = label.trace; step; step = step.prev) steps.push(step);
  return steps.reverse();
}
