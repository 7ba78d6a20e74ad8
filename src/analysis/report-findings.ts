/**
 * From the engine's raw findings (labels with persistent traces) to the plain `Finding` records reporters and
 * the ESLint rule consume: ordered trace steps, a message, and a fingerprint that survives unrelated edits.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { LEAK_RULE_ID, type Finding, type TraceStep } from "./findings.js";
import { locationOf } from "./locations.js";
import type { SinkInfo } from "./model.js";
import { traceSteps, type Source, type Step } from "./values.js";

export interface RawFinding {
  source: Source;
  /** The newest step: the sink argument. */
  trace: Step;
  argNode: TS.Node;
  argumentIndex: number;
  sink: SinkInfo;
  call: TS.Node;
}

export function buildFindings(raw: readonly RawFinding[], program: TS.Program): Finding[] {
  // A branded parameter or variable is only the source where no caller's flow explains the value.
  const explained = new Set(raw.filter((r) => r.source.kind === "property").map((r) => r.argNode));
  const kept = raw.filter((r) => r.source.kind === "property" || !explained.has(r.argNode));
  const root = projectRoot(program);
  const files = new Set(program.getSourceFiles());
  const seen = new Map<string, number>();
  const findings = kept.map((r) => toFinding(r, root, files));
  findings.sort(compareFindings);
  for (const finding of findings) {
    // Identical flow shapes in one function get an occurrence number, so each keeps its own fingerprint.
    const n = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, n + 1);
    if (n > 0) finding.fingerprint = hash(`${finding.fingerprint}#${n}`);
  }
  return findings;
}

function toFinding(raw: RawFinding, root: string, files: ReadonlySet<TS.SourceFile>): Finding {
  // After an incremental run, a reused witness may pass through an edited file's old text: those steps are dropped.
  const steps = traceSteps({ source: raw.source, trace: raw.trace }).filter((step) => files.has(step.node.getSourceFile()));
  const trace: TraceStep[] = dedupe(steps).map((step) => ({ location: locationOf(step.node), label: step.label, kind: step.kind }));
  const via = hops(trace);
  const message =
    `${raw.source.name} (SecurityContact) reaches ${raw.sink.purpose} sink ${raw.sink.callee}` + (via.length > 0 ? ` via ${via.join(" → ")}` : "");
  const sourceLocation = locationOf(raw.source.node);
  const sinkLocation = locationOf(raw.argNode);
  const fingerprint = hash(
    [
      raw.source.field,
      relative(root, sourceLocation.file),
      enclosingName(raw.source.node),
      raw.sink.callee,
      String(raw.argumentIndex),
      relative(root, sinkLocation.file),
      enclosingName(raw.argNode),
      via.join(">"),
    ].join("\u0000"),
  );
  return {
    ruleId: LEAK_RULE_ID,
    message,
    source: { field: raw.source.field, location: sourceLocation },
    sink: { callee: raw.sink.callee, purpose: raw.sink.purpose, argumentIndex: raw.argumentIndex, origin: raw.sink.origin, location: sinkLocation },
    trace,
    fingerprint,
  };
}

/** Consecutive steps with the same label at the same line say nothing new. */
function dedupe(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (last && last.label === step.label && last.node.getSourceFile() === step.node.getSourceFile()) {
      const file = step.node.getSourceFile();
      if (file.getLineAndCharacterOfPosition(last.node.getStart()).line === file.getLineAndCharacterOfPosition(step.node.getStart()).line) continue;
    }
    out.push(step);
  }
  return out;
}

/**
 * The hops a reader needs in a one-line message: the named functions the value came back from, and the
 * hashing and encoding it went through ("via normalizePhone → createHash"). Plain string and array methods,
 * anonymous callbacks and argument passing are in the full trace, not in the message.
 */
function hops(trace: readonly TraceStep[]): string[] {
  const out: string[] = [];
  // Depth of calls entered since the source: a helper's own helpers (normalizePhone's digitsOnly) stay inside it.
  let depth = 0;
  for (const step of trace) {
    if (step.kind === "call") depth++;
    let name: string | undefined;
    if (step.kind === "return") {
      depth = Math.max(0, depth - 1);
      if (depth === 0) name = /^returned from(?: getter)? (\S+)$/.exec(step.label)?.[1];
    } else if (step.kind === "transform") {
      name = /^(?:hashed by|encoded by|serialised by) (\S+)$/.exec(step.label)?.[1];
    }
    if (name && name !== "callback" && !out.includes(name)) out.push(name);
  }
  return out;
}

function enclosingName(node: TS.Node): string {
  const names: string[] = [];
  for (let current: TS.Node | undefined = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    const name = (current as { name?: TS.Node }).name;
    if ((ts.isFunctionLike(current) || ts.isClassLike(current)) && name && ts.isIdentifier(name)) names.unshift(name.text);
  }
  return names.join(".");
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.sink.location.file.localeCompare(b.sink.location.file) ||
    a.sink.location.line - b.sink.location.line ||
    a.sink.location.column - b.sink.location.column ||
    a.source.location.file.localeCompare(b.source.location.file) ||
    a.source.location.line - b.source.location.line ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

function projectRoot(program: TS.Program): string {
  const config = program.getCompilerOptions().configFilePath;
  return typeof config === "string" ? path.dirname(config) : program.getCurrentDirectory();
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
