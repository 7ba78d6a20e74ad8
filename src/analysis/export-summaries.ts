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
import { rootContext } from "./root-context.js";
import type { RawFinding } from "./report-findings.js";
import { allLabels, type AV, type CellKey, type Source, type Step } from "./values.js";

/** The part of the engine the summaries need. */
export interface ExportSolver {
  readonly checker: TS.TypeChecker;
  readonly rawFindings: ReadonlyMap<string, RawFinding>;
  readonly globals: ReadonlyMap<CellKey, AV>;
  summarize(decl: TS.SignatureDeclaration, closure: undefined, thisValue: AV, args: AV[]): Summary;
  source(node: TS.Node, field: string, name: string, kind: Source["kind"]): Source;
}

/** Where a placeholder (a parameter's position, or "this") reaches a sink. */
export interface SinkReach {
  input: string;
  sink: string;
  purpose: string;
  origin: string;
  argument: number;
  /** "file:line:column" of the sink argument, relative to the package's directory. */
  at: string;
}

export interface ExportSummary {
  kind: "function" | "method" | "value";
  parameters?: string[];
  reaches?: SinkReach[];
  /** Which inputs the return value carries, and which branded fields read inside it returns. */
  returns?: { inputs: string[]; sources: string[] };
  /** For an exported value: the branded fields its module state holds. */
  holds?: string[];
}

/** Exports by file (relative to the package directory), then by name ("f", "Class.method", "VALUE"). */
export type PackageExports = Record<string, Record<string, ExportSummary>>;

export function summarizeExports(solver: ExportSolver, files: readonly TS.SourceFile[], directory: string): PackageExports {
  const shown = (node: TS.Node): string => {
    const file = node.getSourceFile();
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${relative(directory, file.fileName)}:${String(line + 1)}:${String(character + 1)}`;
  };
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
        for (const [name, summary] of summarizeDeclaration(solver, exported.name, decl, symbol, shown)) entries[name] = summary;
      }
    }
    if (Object.keys(entries).length > 0) out[relative(directory, file.fileName)] = entries;
  }
  return out;
}

function summarizeDeclaration(
  solver: ExportSolver,
  name: string,
  decl: TS.Declaration,
  symbol: TS.Symbol,
  shown: (node: TS.Node) => string,
): [string, ExportSummary][] {
  if (ts.isFunctionDeclaration(decl) && decl.body) return [[name, runWithPlaceholders(solver, decl, false, "function", shown)]];
  if (ts.isVariableDeclaration(decl)) {
    const init = decl.initializer;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return [[name, runWithPlaceholders(solver, init, false, "function", shown)]];
    const holds = sourceFields(solver.globals.get(symbol));
    return [[name, { kind: "value", ...(holds.length > 0 ? { holds } : {}) }]];
  }
  if (ts.isClassDeclaration(decl)) {
    const methods: [string, ExportSummary][] = [];
    for (const member of decl.members) {
      if (!ts.isMethodDeclaration(member) || !member.body || !member.name || !ts.isIdentifier(member.name)) continue;
      if (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
      const isStatic = ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) === true;
      methods.push([`${name}.${member.name.text}`, runWithPlaceholders(solver, member, !isStatic, "method", shown)]);
    }
    return methods;
  }
  return [];
}

function runWithPlaceholders(
  solver: ExportSolver,
  fn: TS.SignatureDeclaration,
  withThis: boolean,
  kind: "function" | "method",
  shown: (node: TS.Node) => string,
): ExportSummary {
  const inputs = new Map<number, string>();
  const placeholder = (node: TS.Node, input: string): AV => {
    const source = solver.source(node, `\u0000input ${input}`, input, "declaration");
    inputs.set(source.id, input);
    const trace: Step = { node, label: `input ${input}`, kind: "source", prev: undefined, length: 1 };
    return { t: new Map([[source.id, { source, trace }]]) };
  };
  const parameters = fn.parameters.map((p, i) => (ts.isIdentifier(p.name) ? p.name.text : `#${String(i)}`));
  const args = fn.parameters.map((p, i) => placeholder(p, String(i)));
  const thisValue = withThis ? placeholder(fn, "this") : undefined;
  const summary = solver.summarize(fn, undefined, thisValue, args);
  const reaches = new Map<string, SinkReach>();
  for (const raw of solver.rawFindings.values()) {
    const input = inputs.get(raw.source.id);
    if (input === undefined) continue;
    const reach: SinkReach = { input, sink: raw.sink.callee, purpose: raw.sink.purpose, origin: raw.sink.origin, argument: raw.argumentIndex, at: shown(raw.argNode) };
    reaches.set(JSON.stringify(reach), reach);
  }
  const returned = [...(allLabels(summary.ret)?.values() ?? [])];
  const returnInputs = unique(returned.map((label) => inputs.get(label.source.id)).filter((input) => input !== undefined));
  // Branded fields read inside are sources only where no caller's flow explains the value: the run every function
  // gets as a root (memoised, so asked again for free) says which the export returns of its own.
  const root = rootContext(fn);
  const returnSources = sourceFields(solver.summarize(fn, undefined, root.thisValue, root.args).ret);
  const out: ExportSummary = { kind, parameters };
  if (reaches.size > 0) out.reaches = [...reaches.values()].sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b)));
  if (returnInputs.length > 0 || returnSources.length > 0) out.returns = { inputs: returnInputs, sources: returnSources };
  return out;
}

/** The branded fields (real sources, placeholders and declassified values left out) a value carries. */
function sourceFields(value: AV): string[] {
  const labels = [...(allLabels(value)?.values() ?? [])];
  return unique(labels.filter((l) => l.source.kind !== "declassified" && !l.source.field.startsWith("\u0000")).map((l) => l.source.field));
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
