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

export function buildFindings(raw: readonly RawFinding[], program: TS.Program): Finding[] {
  // A branded parameter or variable is only the source where no caller's flow explains the value.
  const explained = new Set(raw.filter((r) => r.source.kind === "property").map((r) => r.argNode));
  const kept = onePerField(raw.filter((r) => r.source.kind === "property" || !explained.has(r.argNode)));
  const root = projectRoot(program);
  const files = new Set(program.getSourceFiles());
  const findings = kept.map((r) => toFinding(r, root, files));
  findings.sort(compareFindings);
  distinguishFingerprints(findings, root);
  return findings;
}

/**
 * One violation per sink argument, sink and source field: the same field reaching the same argument by several
 * reads (a record stored by a repository and read back in several places) is one leak to fix, shown with its
 * shortest witness (ties: the earliest source read, so the CLI and the editor pick the same one).
 */
function onePerField(raw: readonly RawFinding[]): RawFinding[] {
  const best = new Map<string, RawFinding>();
  for (const r of raw) {
    const key = `${r.argNode.getSourceFile().fileName}:${r.argNode.pos}|${r.argumentIndex}|${r.sink.callee}|${r.source.field}`;
    const other = best.get(key);
    if (!other || compareWitness(r, other) < 0) best.set(key, r);
  }
  return [...best.values()];
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

function toFinding(raw: RawFinding, root: string, files: ReadonlySet<TS.SourceFile>): Finding {
  // After an incremental run, a reused witness may pass through an edited file's old text: those steps are dropped.
  const steps = traceSteps({ source: raw.source, trace: raw.trace }).filter((step) => files.has(step.node.getSourceFile()));
  const trace: TraceStep[] = dedupe(steps).map((step) => ({ location: locationOf(step.node), label: step.label, kind: step.kind }));
  const via = hops(trace);
  const message =
    `${raw.source.name} (SecurityContact) reaches ${raw.sink.purpose} sink ${raw.sink.callee}` + (via.length > 0 ? ` via ${via.join(" → ")}` : "");
  const sourceLocation = locationOf(raw.source.node);
  const sinkLocation = locationOf(raw.argNode);
  // The flow's shape, not where it sits: no line numbers, and no file path where an enclosing function names the
  // place, so moving a function to another file keeps the fingerprint (module-level code is named by its file).
  const place = (node: TS.Node, file: string): string => enclosingName(node) || `file ${relative(root, file)}`;
  const fingerprint = hash(
    [raw.source.field, place(raw.source.node, sourceLocation.file), raw.sink.callee, String(raw.argumentIndex), place(raw.argNode, sinkLocation.file), via.join(">")].join("\u0000"),
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
