/**
 * Dependencies analysed from their summaries instead of their sources (`--summaries`, docs/monorepo.md). Their
 * files stay in the program (the checker needs their types, the model their `@sink` tags), but no body in them
 * runs: they are no roots, and a call of one of their exports applies the export's summary —
 *   - each `reaches` entry whose input carries labels in this call is a finding at the summary's sink argument,
 *     its trace the caller's, then the steps the summary recorded inside the dependency;
 *   - the return value holds, where the summary says, the caller's inputs (structure kept) and the branded fields
 *     read inside (a read of an input's field only while the caller's value there is clean, as the engine does);
 *   - an exported value's cell holds what the summary says its module state held.
 * Anything else in a summarised file (a constructor, an unexported helper reached through a function value, a
 * getter) passes its inputs on, as a library call does.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Summary } from "../analysis/interpret/activation.js";
import type { SinkInfo } from "../analysis/model.js";
import { exportedFunction, summarisedMethods, type ExportSummary, type SinkReach, type ValueFlow } from "../analysis/export-summaries.js";
import { allLabels, collapse, isTainted, join, mapTraces, member, type AV, type CellKey, type Source } from "../analysis/values.js";
import { bindSummaries, type BoundSummary, type ReadSummary } from "./read.js";
import type { Notification } from "../analysis/findings.js";
import { NodeFinder } from "./trace-codec.js";
import { inputPath } from "./placeholders.js";

/** What applying a summary needs of the engine. */
export interface SummarySolver {
  source(node: TS.Node, field: string, name: string, kind: Source["kind"]): Source;
  reportSink(call: TS.Node, sink: SinkInfo, args: AV[], argNodes: readonly TS.Node[]): void;
}

interface Applied {
  summary: ExportSummary;
  finder: NodeFinder;
}

const EMPTY: Summary = { ret: undefined, throws: undefined, thisOut: undefined, paramsOut: [] };

export class SummarisedPackages {
  private readonly byFunction = new Map<TS.Node, Applied>();
  private readonly held = new Map<TS.Symbol, { flows: readonly ValueFlow[]; finder: NodeFinder }>();
  private readonly covered = new Set<TS.SourceFile>();

  constructor(
    program: TS.Program,
    checker: TS.TypeChecker,
    readonly packages: readonly BoundSummary[],
  ) {
    for (const pkg of packages) {
      const finder = new NodeFinder(program, pkg.directory);
      for (const file of program.getSourceFiles()) {
        const relative = path.relative(pkg.directory, file.fileName);
        if (!file.isDeclarationFile && !relative.startsWith("..") && !path.isAbsolute(relative) && !relative.split(path.sep).includes("node_modules")) this.covered.add(file);
      }
      for (const [name, entries] of Object.entries(pkg.document.exports)) {
        const file = program.getSourceFile(path.resolve(pkg.directory, name));
        const moduleSymbol = file && checker.getSymbolAtLocation(file);
        if (!moduleSymbol) continue;
        for (const exported of checker.getExportsOfModule(moduleSymbol)) {
          const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
          for (const decl of symbol.declarations ?? []) {
            if (decl.getSourceFile() !== file) continue;
            this.bind(decl, symbol, exported.name, entries, finder);
          }
        }
      }
    }
  }

  private bind(decl: TS.Declaration, symbol: TS.Symbol, name: string, entries: Record<string, ExportSummary>, finder: NodeFinder): void {
    const fn = exportedFunction(decl);
    const own = entries[name];
    if (fn && own) this.byFunction.set(fn, { summary: own, finder });
    else if (ts.isVariableDeclaration(decl) && own?.held) this.held.set(symbol, { flows: own.held, finder });
    else if (ts.isClassDeclaration(decl)) {
      for (const { method, name: member } of summarisedMethods(decl)) {
        const summary = entries[`${name}.${member}`];
        if (summary) this.byFunction.set(method, { summary, finder });
      }
    }
  }

  /** Whether a file belongs to a summarised package: its functions are no roots and its bodies do not run. */
  covers(file: TS.SourceFile): boolean {
    return this.covered.has(file);
  }

  /** The inputs hash's record of the summaries read: `inputHash` by package. */
  hashes(): Record<string, string> {
    return Object.fromEntries(this.packages.map((pkg) => [pkg.name, pkg.document.inputHash]));
  }

  /** Module cells of exported values, as their summaries say (before the analysis runs). */
  seed(globals: Map<CellKey, AV>, solver: SummarySolver): void {
    for (const [symbol, { flows, finder }] of this.held) {
      const value = flows.reduce<AV>((all, flow) => join(all, this.flowValue(flow, finder, solver, () => undefined)), undefined);
      if (value) globals.set(symbol, join(globals.get(symbol), value));
    }
  }

  /** A call of a function in a summarised file, in place of running its body. */
  apply(solver: SummarySolver, fn: TS.Node, thisValue: AV, args: readonly AV[]): Summary {
    const applied = this.byFunction.get(fn);
    if (!applied) return ts.isSourceFile(fn) ? EMPTY : { ...EMPTY, ret: collapse(args.reduce<AV>((all, arg) => join(all, arg), thisValue)), thisOut: thisValue };
    const { summary, finder } = applied;
    const params = ts.isFunctionLike(fn) ? fn.parameters : undefined;
    const input = (name: string): AV => {
      const { root, fields } = inputPath(name);
      let value: AV;
      if (root === "this") value = thisValue;
      else {
        const index = Number(root);
        // A rest parameter is every argument from its position on.
        value = params?.[index]?.dotDotDotToken ? args.slice(index).reduce<AV>((all, arg) => join(all, arg), undefined) : args[index];
      }
      return fields.reduce<AV>((v, field) => member(v, field), value);
    };
    for (const reach of summary.reaches ?? []) this.reach(solver, reach, finder, input(reach.input));
    const ret = (summary.returns?.flows ?? []).reduce<AV>((all, flow) => join(all, this.flowValue(flow, finder, solver, input)), undefined);
    return { ...EMPTY, ret, thisOut: thisValue };
  }

  private reach(solver: SummarySolver, reach: SinkReach, finder: NodeFinder, value: AV): void {
    const labels = allLabels(value);
    const argNode = labels && finder.node(reach);
    if (!labels || !argNode) return;
    const call = ts.findAncestor(argNode, (n) => ts.isCallExpression(n) || ts.isNewExpression(n)) ?? argNode;
    const sink = { purpose: reach.purpose, callee: reach.sink, origin: reach.origin } as SinkInfo;
    if (reach.fingerprintName !== undefined) sink.fingerprintName = reach.fingerprintName;
    if (reach.step !== undefined) sink.step = reach.step;
    const args: AV[] = [];
    const nodes: TS.Node[] = [];
    nodes[reach.argument] = argNode;
    for (const label of labels.values()) {
      const trace = finder.steps(reach.steps, label.trace);
      if (!trace) continue;
      args[reach.argument] = { t: new Map([[label.source.id, { source: label.source, trace }]]) };
      solver.reportSink(call, sink, args, nodes);
    }
  }

  /** What one flow puts where it says: the caller's input with the steps inside appended, or a source read inside. */
  private flowValue(flow: ValueFlow, finder: NodeFinder, solver: SummarySolver, input: (name: string) => AV): AV {
    let value: AV;
    if (flow.input !== undefined) {
      value = mapTraces(input(flow.input), (trace) => finder.steps(flow.steps, trace) ?? trace);
    } else if (flow.source) {
      const encoded = flow.source;
      if (encoded.unless !== undefined && isTainted(input(encoded.unless))) return undefined;
      const node = finder.node(encoded);
      const trace = finder.steps(flow.steps, undefined);
      if (!node || !trace) return undefined;
      const source = solver.source(node, encoded.field, encoded.name, encoded.kind);
      value = { t: new Map([[source.id, { source, trace }]]) };
    }
    for (let i = flow.path.length - 1; i >= 0 && value; i--) {
      const name = flow.path[i]!;
      value = name === "[]" ? { e: value } : { f: new Map([[name, value]]) };
    }
    return value;
  }
}

/** `--summaries`: the up-to-date summaries bound to the program's packages, and a warning for each stale one. */
export function summarisedDependencies(program: TS.Program, read: readonly ReadSummary[], toolVersion: string): { packages: SummarisedPackages | undefined; notifications: Notification[] } {
  const ownDirectory = path.dirname(program.getCompilerOptions().configFilePath as string);
  const { bound, notifications } = bindSummaries(program, read, { ownDirectories: [ownDirectory] }, toolVersion);
  return { packages: bound.length > 0 ? new SummarisedPackages(program, program.getTypeChecker(), bound) : undefined, notifications };
}
