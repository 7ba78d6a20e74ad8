/**
 * Context-independent summaries of a package's exports (issue 13, item 2): each exported function, and each method
 * of an exported class, is run once more after the analysis with a distinct placeholder source per parameter and
 * for `this`; the sinks a placeholder reaches, and what the return carries, say what the export does with whatever
 * a caller passes in. The real sources it returns (branded fields read inside) and what exported values hold come
 * from the same runs and the module state the analysis computed.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Summary } from "./interpret/activation.js";
import type { RawFinding } from "./report-findings.js";
import { KEYS, traceSteps, type AV, type CellKey, type Source } from "./values.js";
import { collapseInputs, placeholdersFor, readInput } from "../summaries/placeholders.js";
import { encodeSteps, placeOf, type EncodedSource, type EncodedStep } from "../summaries/trace-codec.js";

/** The part of the engine the summaries need. */
export interface ExportSolver {
  readonly checker: TS.TypeChecker;
  readonly rawFindings: ReadonlyMap<string, RawFinding>;
  readonly globals: ReadonlyMap<CellKey, AV>;
  summarize(decl: TS.SignatureDeclaration, closure: undefined, thisValue: AV, args: AV[]): Summary;
  source(node: TS.Node, field: string, name: string, kind: Source["kind"]): Source;
}

/** Where an input (a parameter's position, "this", or a field of one: "0.email") reaches a sink. */
export interface SinkReach {
  input: string;
  sink: string;
  purpose: string;
  origin: string;
  argument: number;
  /** "file:line:column" of the sink argument, relative to the package's directory, and its length. */
  at: string;
  length: number;
  /** The sink's name in fingerprints and in the trace's last step, when not `sink` (catalogued sinks). */
  fingerprintName?: string;
  step?: string;
  /** The witness inside the package, between the input and the sink argument. */
  steps: EncodedStep[];
}

/** Where, in the value an export returns (or a module variable holds), an input or a branded field read inside is. */
export interface ValueFlow {
  /** Field names from the value down ("[]": the elements); [] is the value itself. */
  path: string[];
  input?: string;
  source?: EncodedSource;
  /** The witness inside the package: for a source from its read, for an input from the call. */
  steps: EncodedStep[];
}

export interface ExportSummary {
  kind: "function" | "method" | "value";
  parameters?: string[];
  reaches?: SinkReach[];
  /** Which inputs the return value carries, which branded fields read inside it returns, and where in it. */
  returns?: { inputs: string[]; sources: string[]; flows: ValueFlow[] };
  /** For an exported value: the branded fields its module state holds, and where in it. */
  holds?: string[];
  held?: ValueFlow[];
}

/** Exports by file (relative to the package directory), then by name ("f", "Class.method", "VALUE"). */
export type PackageExports = Record<string, Record<string, ExportSummary>>;

export function summarizeExports(solver: ExportSolver, files: readonly TS.SourceFile[], directory: string): PackageExports {
  const out: PackageExports = {};
  for (const file of files) {
    const moduleSymbol = solver.checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue;
    const entries: Record<string, ExportSummary> = {};
    for (const exported of solver.checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? solver.checker.getAliasedSymbol(exported) : exported;
      for (const decl of symbol.declarations ?? []) {
        // Re-exports are summarised where they are declared (in their own file's entry).
        if (decl.getSourceFile() !== file) continue;
        for (const [name, summary] of summarizeDeclaration(solver, exported.name, decl, symbol, directory)) entries[name] = summary;
      }
    }
    if (Object.keys(entries).length > 0) out[relative(directory, file.fileName)] = entries;
  }
  return out;
}

/** The function an exported declaration is, if any: a function declaration, or a `const` arrow / function expression. */
export function exportedFunction(decl: TS.Declaration): TS.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(decl) && decl.body) return decl;
  const init = ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
}

/** The methods of an exported class a summary covers: named, with a body, not private; with whether they are static. */
export function summarisedMethods(decl: TS.ClassDeclaration): { method: TS.MethodDeclaration; name: string; isStatic: boolean }[] {
  const methods: { method: TS.MethodDeclaration; name: string; isStatic: boolean }[] = [];
  for (const member of decl.members) {
    if (!ts.isMethodDeclaration(member) || !member.body || !member.name || !ts.isIdentifier(member.name)) continue;
    if (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
    methods.push({ method: member, name: member.name.text, isStatic: ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) === true });
  }
  return methods;
}

function summarizeDeclaration(solver: ExportSolver, name: string, decl: TS.Declaration, symbol: TS.Symbol, directory: string): [string, ExportSummary][] {
  const fn = exportedFunction(decl);
  if (fn) return [[name, runWithPlaceholders(solver, fn, false, "function", directory)]];
  if (ts.isVariableDeclaration(decl)) {
    const held = valueFlows(solver.globals.get(symbol), new Map(), directory);
    const holds = unique(held.map((flow) => flow.source?.field ?? ""));
    return [[name, { kind: "value", ...(holds.length > 0 ? { holds, held } : {}) }]];
  }
  if (ts.isClassDeclaration(decl)) {
    return summarisedMethods(decl).map(({ method, name: member, isStatic }) => [`${name}.${member}`, runWithPlaceholders(solver, method, !isStatic, "method", directory)]);
  }
  return [];
}

function runWithPlaceholders(solver: ExportSolver, fn: TS.SignatureDeclaration, withThis: boolean, kind: "function" | "method", directory: string): ExportSummary {
  const placeholders = placeholdersFor(solver, fn, withThis);
  const { inputOf } = placeholders;
  const parameters = fn.parameters.map((p, i) => (ts.isIdentifier(p.name) ? p.name.text : `#${String(i)}`));
  const summary = solver.summarize(fn, undefined, placeholders.thisValue, placeholders.args);
  let reaches: SinkReach[] = [];
  for (const raw of solver.rawFindings.values()) {
    const input = inputOf.get(raw.source.id);
    if (input === undefined) continue;
    // Between the placeholder's own step and the sink step: the steps inside the package.
    const inside = traceSteps({ source: raw.source, trace: raw.trace }).slice(1, -1);
    reaches.push({
      input,
      sink: raw.sink.callee,
      purpose: raw.sink.purpose,
      origin: raw.sink.origin,
      argument: raw.argumentIndex,
      ...placeOf(raw.argNode, directory),
      ...(raw.sink.fingerprintName === undefined ? {} : { fingerprintName: raw.sink.fingerprintName }),
      ...(raw.sink.step === undefined ? {} : { step: raw.sink.step }),
      steps: encodeSteps(inside, directory),
    });
  }
  const sinkKey = (reach: SinkReach) => JSON.stringify({ ...reach, input: undefined, steps: undefined });
  reaches = collapseInputs(reaches, placeholders, sinkKey, (first, input) => ({ ...first, input }));
  reaches = [...new Map(reaches.map((reach) => [JSON.stringify({ ...reach, steps: undefined }), reach])).values()];
  // Branded fields read inside, from a run with clean inputs (as a caller without security contacts calls it): a
  // read of an input's field is a source only while the caller's value there carries nothing (`unless`).
  const clean = solver.summarize(fn, undefined, undefined, fn.parameters.map(() => undefined));
  const unless = (node: TS.Node) => readInput(solver.checker, fn, node);
  const flows = collapseInputs(
    [...valueFlows(summary.ret, inputOf, directory), ...valueFlows(clean.ret, new Map(), directory, unless)],
    placeholders,
    (flow, child) => (flow.path.at(-1) === child.slice(child.lastIndexOf(".") + 1) ? JSON.stringify(flow.path.slice(0, -1)) : undefined),
    (first, input) => ({ ...first, input, path: first.path.slice(0, -1) }),
  );
  const inputs = unique(flows.flatMap((flow) => (flow.input === undefined ? [] : [flow.input])));
  const sources = unique(flows.flatMap((flow) => (flow.source === undefined ? [] : [flow.source.field])));
  const out: ExportSummary = { kind, parameters };
  if (reaches.length > 0) out.reaches = reaches.sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b)));
  if (flows.length > 0) out.returns = { inputs, sources, flows: flows.sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b))) };
  return out;
}

/**
 * Where in a value each input and branded field is, with its witness: the labels on the value itself at [], a
 * field's at its name, the elements' at "[]". Declassified values are left out.
 */
function valueFlows(
  value: AV,
  inputOf: ReadonlyMap<number, string>,
  directory: string,
  unless?: (node: TS.Node) => string | undefined,
  at: string[] = [],
  out: ValueFlow[] = [],
): ValueFlow[] {
  if (!value) return out;
  for (const label of value.t?.values() ?? []) {
    const input = inputOf.get(label.source.id);
    const steps = traceSteps(label);
    if (input !== undefined) {
      if (!unless) out.push({ path: at, input, steps: encodeSteps(steps.slice(1), directory) });
    } else if (label.source.kind !== "declassified" && !label.source.field.startsWith("\u0000")) {
      const { field, name, kind, node } = label.source;
      const condition = label.source.kind === "property" ? unless?.(node) : undefined;
      const source: EncodedSource = { field, name, kind, ...placeOf(node, directory), ...(condition === undefined ? {} : { unless: condition }) };
      out.push({ path: at, source, steps: encodeSteps(steps, directory) });
    }
  }
  for (const [name, member] of value.f ?? []) if (name !== KEYS) valueFlows(member, inputOf, directory, unless, [...at, name], out);
  if (value.e) valueFlows(value.e, inputOf, directory, unless, [...at, "[]"], out);
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function relative(directory: string, file: string): string {
  return path.relative(directory, file).split(path.sep).join("/");
}
