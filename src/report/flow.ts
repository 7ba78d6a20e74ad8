import type { Finding, Location, TraceStep } from "../analysis/findings.js";

/**
 * The steps a reader follows from the source read to the sink argument. The engine's trace already runs source →
 * sink; this only guarantees that it is never empty and that it ends at the sink argument, so every format shows
 * a complete flow even from a terse trace.
 */
export function witnessSteps(finding: Finding): TraceStep[] {
  const steps = [...finding.trace];
  const first = steps[0];
  const startsAtSource =
    first !== undefined && (first.kind === "source" || sameLocation(first.location, finding.source.location));
  if (!startsAtSource) {
    steps.unshift({ location: finding.source.location, label: `read ${finding.source.field}`, kind: "source" });
  }
  const last = steps[steps.length - 1];
  if (last === undefined || !sameLocation(last.location, finding.sink.location)) {
    steps.push({
      location: finding.sink.location,
      label: `passed to ${finding.sink.callee} (${finding.sink.purpose} sink)`,
      kind: "sink",
    });
  }
  return steps;
}

function sameLocation(a: Location, b: Location): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
