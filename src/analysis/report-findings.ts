/**
 * From the engine's raw findings (labels with persistent traces) to the plain `Finding` records reporters and
 * the ESLint rule consume: ordered trace steps, a message, and a fingerprint that survives unrelated edits.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { isPolicyPurpose, LEAK_RULE_ID, type Finding, type Purpose, type TraceStep } from "./findings.js";
import { calleeOfStep, entryStepIndex } from "./entry.js";
import { locationOf } from "./locations.js";
import { memberName, type SinkInfo } from "./model.js";
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

/** A raw finding at a sink that serves a policy purpose (not a security use). */
export type PolicyRawFinding = RawFinding & { sink: SinkInfo & { purpose: Purpose } };

export function isPolicyFinding(raw: RawFinding): raw is PolicyRawFinding {
  return isPolicyPurpose(raw.sink.purpose);
}

export function buildFindings(raw: readonly PolicyRawFinding[], program: TS.Program): Finding[] {
  // A branded parameter or variable is only the source where no caller's flow explains the value.
  const explained = new Set(raw.filter((r) => r.source.kind === "property").map((r) => r.argNode));
  const kept = onePerField(raw.filter((r) => r.source.kind === "property" || !explained.has(r.argNode)));
  const root = projectRoot(program);
  const files = new Set(program.getSourceFiles());
  const origins = new Map<Finding, string>();
  const findings = kept.map((r) => toFinding(r, root, files, origins));
  distinguishTitles(findings, origins);
  findings.sort(compareFindings);
  distinguishFingerprints(findings, root);
  return findings;
}

/**
 * One violation per sink argument, sink, source field and entry (entry.ts): the same field reaching the same
 * argument by several reads through one entry (a record stored by a repository and read back in several places)
 * is one leak to fix, shown with its shortest witness (ties: the earliest source read, so the CLI and the editor
 * pick the same one).
 */
function onePerField<T extends RawFinding>(raw: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const r of raw) {
    // Flows that enter the sink's code at different places are different leaks, each fixed (or accepted) there.
    const steps = traceSteps({ source: r.source, trace: r.trace });
    const entry = steps[entryStepIndex(steps) ?? -1]?.node;
    const at = entry ? `${entry.getSourceFile().fileName}:${entry.pos}` : "";
    const key = `${r.argNode.getSourceFile().fileName}:${r.argNode.pos}|${r.argumentIndex}|${r.sink.callee}|${r.source.field}|${at}`;
    const other = best.get(key);
    if (!other || compareWitness(r, other) < 0) best.set(key, r);
  }
  return withoutLongerExplanations([...best.values()]);
}

/**
 * A flow of the same field to the same sink argument as a shorter one, that passes through the shorter one's
 * source read or ends with all of its hops (the repository's record read back by the function that reads its
 * phone), is a longer explanation of that leak, not another one: it is dropped, so accepting or fixing the leak
 * where it is read does not leave a shadow of it behind.
 */
function withoutLongerExplanations<T extends RawFinding>(kept: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const r of kept) {
    const key = `${r.argNode.getSourceFile().fileName}:${r.argNode.pos}|${r.argumentIndex}|${r.sink.callee}|${r.source.field}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const dropped = new Set<RawFinding>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const hops = new Map(group.map((r) => [r, traceSteps({ source: r.source, trace: r.trace }).slice(1)]));
    for (const longer of group) {
      const passes = hops.get(longer)!;
      const explains = (shorter: T): boolean => {
        if (shorter === longer || compareWitness(shorter, longer) >= 0) return false;
        // Two flows from one read differ in where they go, not where they come from: only their hops can tell.
        if (shorter.source.node !== longer.source.node && passes.some((step) => contains(step.node, shorter.source.node))) return true;
        const tail = hops.get(shorter)!;
        const offset = passes.length - tail.length;
        return offset >= 0 && tail.every((step, i) => step.node === passes[offset + i]!.node && step.label === passes[offset + i]!.label);
      };
      if (group.some(explains)) dropped.add(longer);
    }
  }
  return kept.filter((r) => !dropped.has(r));
}

function contains(outer: TS.Node, inner: TS.Node): boolean {
  return outer.getSourceFile() === inner.getSourceFile() && outer.pos <= inner.pos && inner.end <= outer.end;
}

function compareWitness(a: RawFinding, b: RawFinding): number {
  const an = a.source.node;
  const bn = b.source.node;
  return a.trace.length - b.trace.length || an.getSourceFile().fileName.localeCompare(bn.getSourceFile().fileName) || an.pos - bn.pos;
}

/**
 * A flow shape that occurs once in the program keeps its file-free fingerprint (so moving its function to another
 * file keeps it). Shapes that occur more than once (a `handler` in every route file) are told apart by the sink's
 * file, which keeps them stable when files are added; identical shapes in one file, by occurrence number.
 */
function distinguishFingerprints(findings: Finding[], root: string): void {
  const shapes = new Map<string, number>();
  for (const finding of findings) shapes.set(finding.fingerprint, (shapes.get(finding.fingerprint) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const finding of findings) {
    if (shapes.get(finding.fingerprint) === 1) continue;
    const inFile = hash(`${finding.fingerprint}@${relative(root, finding.sink.location.file)}`);
    const n = seen.get(inFile) ?? 0;
    seen.set(inFile, n + 1);
    finding.fingerprint = n > 0 ? hash(`${inFile}#${String(n)}`) : inFile;
  }
}

/**
 * Violations of one source field at one sink would read alike: each title says where its flow comes from — the
 * function and line of its entry, or of its source read when it has none.
 */
function distinguishTitles(findings: readonly Finding[], origins: ReadonlyMap<Finding, string>): void {
  const count = new Map<string, number>();
  const shape = (f: Finding): string => `${f.source.field}\u0000${f.sink.callee}`;
  for (const f of findings) count.set(shape(f), (count.get(shape(f)) ?? 0) + 1);
  for (const f of findings) {
    const origin = origins.get(f);
    if ((count.get(shape(f)) ?? 0) > 1 && origin) f.message += ` (${origin})`;
  }
}

function toFinding(raw: PolicyRawFinding, root: string, files: ReadonlySet<TS.SourceFile>, origins: Map<Finding, string>): Finding {
  // After an incremental run, a reused witness may pass through an edited file's old text: those steps are dropped.
  const steps = traceSteps({ source: raw.source, trace: raw.trace }).filter((step) => files.has(step.node.getSourceFile()));
  const kept = dedupe(steps);
  const trace: TraceStep[] = kept.map((step) => ({ location: locationOf(step.node), label: step.label, kind: step.kind }));
  const via = hops(trace);
  const message =
    `${raw.source.name} (SecurityContact) reaches ${raw.sink.purpose} sink ${raw.sink.callee}` + (via.length > 0 ? ` via ${via.join(" → ")}` : "");
  const sourceLocation = locationOf(raw.source.node);
  const sinkLocation = locationOf(raw.argNode);
  // The flow's shape, not where it sits: no line numbers, and no file path where an enclosing function names the
  // place, so moving a function to another file keeps the fingerprint (module-level code is named by its file).
  const place = (node: TS.Node, file: string): string => enclosingName(node) || `file ${relative(root, file)}`;
  const fingerprint = hash(
    [raw.source.field, place(raw.source.node, sourceLocation.file), raw.sink.fingerprintName ?? raw.sink.callee, String(raw.argumentIndex), place(raw.argNode, sinkLocation.file), via.join(">")].join("\u0000"),
  );
  const finding: Finding = {
    ruleId: LEAK_RULE_ID,
    message,
    source: { field: raw.source.field, location: sourceLocation },
    sink: { callee: raw.sink.callee, purpose: raw.sink.purpose, argumentIndex: raw.argumentIndex, origin: raw.sink.origin, location: sinkLocation },
    trace,
    fingerprint,
  };
  const entry = entryOf(finding, raw.source.name, kept, root);
  if (entry) finding.entry = entry;
  const from = entry ? kept[entry.step]!.node : raw.source.node;
  const at = entry ? entry.location : sourceLocation;
  const fn = enclosingName(from);
  origins.set(finding, `${entry ? "enters" : "read"}${fn ? ` in ${fn}` : ""} at ${relative(root, at.file)}:${String(at.line)}`);
  return finding;
}

/** The flow's entry (entry.ts) with the sentence the editor shows there. */
function entryOf(finding: Finding, name: string, steps: readonly Step[], root: string): Finding["entry"] {
  const index = entryStepIndex(steps);
  const step = index === undefined ? undefined : finding.trace[index];
  if (!step || index === undefined) return undefined;
  const callee = calleeOfStep(step);
  const sink = finding.sink;
  const where = `${relative(root, sink.location.file)}:${String(sink.location.line)}`;
  const reaches = `${sink.callee} — ${sink.purpose} (${where})`;
  const message = step.kind === "call" ? `passes ${name} into ${callee}, which sends it to ${reaches}` : `${name} ${step.label} here reaches ${reaches}`;
  return { location: step.location, callee, message, step: index };
}

/**
 * Consecutive steps with the same label at the same line say nothing new — except calls and returns, each a hop
 * of its own (`f(f(x))`), which also keep the entry (entry.ts) where the raw trace has it.
 */
function dedupe(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (last && step.kind !== "call" && step.kind !== "return" && last.label === step.label && last.node.getSourceFile() === step.node.getSourceFile()) {
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

/**
 * The functions and classes around a node, outermost first ("UserService.sync"). A function is named the same
 * whichever way it is written — `function f()`, `const f = () =>`, `const f = function ()`, a method, a class
 * field or an object literal property holding an arrow — so converting one form to another keeps fingerprints
 * (issue 9, item 7). Anonymous callbacks add nothing.
 */
export function enclosingName(node: TS.Node): string {
  const names: string[] = [];
  for (let current: TS.Node | undefined = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    const name = ts.isFunctionLike(current) || ts.isClassLike(current) ? ownName(current) : undefined;
    if (name !== undefined) names.unshift(name);
  }
  return names.join(".");
}

function ownName(node: TS.Node): string | undefined {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) {
    const holder = node.parent;
    if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
    if (ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) return memberName(holder.name);
    if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(holder.left)) {
      return holder.left.name.text; // `exports.send = function () {}`, `this.send = () => {}`
    }
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const name = (node as { name?: TS.Node }).name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
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
