/**
 * The entry of a flow: where the developer who wrote the leak sees it. It is the step at which the value leaves
 * the outermost first-party function on the flow — the one that read the security contact, or a caller it returned
 * the value to — for the code that forwards it to the sink, never to come back: the call that passes it to a
 * helper or wrapper (`trackEvent(user.id, "x", { phone })`), or a hand-off to code that runs elsewhere (an event
 * published, a state setter). A flow whose sink argument sits in that outermost function itself has no separate
 * entry: its sink argument is where the developer looks.
 *
 * Calls into anonymous callbacks (`items.forEach((p) => …)`) do not leave the function that wrote them; calls into
 * named functions do. Returns above the function that read the source make its caller the outermost one.
 */
import type { TraceStep } from "./findings.js";

interface StepLike {
  kind: TraceStep["kind"];
  label: string;
}

/** "passed to trackEvent" → "trackEvent". */
const PASSED_TO = /^passed to (.+)$/;

/** The index of a trace's entry step (source first, sink argument last), or undefined when it has none. */
export function entryStepIndex(steps: readonly StepLike[]): number | undefined {
  let depth = 0; // named calls entered, relative to the function that read the source
  let outermost = 0;
  let entry: number | undefined;
  // Each call entered: does it leave the function that made it (named) or stay in its code (a callback)?
  const frames: boolean[] = [];
  for (let i = 0; i < steps.length - 1; i++) {
    const step = steps[i]!;
    if (step.kind === "call" || step.kind === "store") {
      const leaves = step.kind === "store" || calleeOfStep(step) !== "callback";
      if (step.kind === "call") frames.push(leaves);
      if (!leaves) continue;
      if (depth === outermost) entry = i;
      depth++;
    } else if (step.kind === "return") {
      const left = frames.length > 0 ? frames.pop()! : true;
      if (!left) continue;
      depth--;
      // Back at (or above) the outermost function: the value came back, so an earlier hand-off is no entry.
      if (depth <= outermost) {
        outermost = depth;
        entry = undefined;
      }
    }
  }
  return depth > outermost ? entry : undefined;
}

/** The function a call step hands the value to ("trackEvent"), or the step's own words for a hand-off. */
export function calleeOfStep(step: StepLike): string {
  return PASSED_TO.exec(step.label)?.[1] ?? step.label;
}
