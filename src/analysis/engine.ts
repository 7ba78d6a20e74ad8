/**
 * The engine: one whole-program dataflow analysis shared by the CLI and the ESLint rule.
 *
 * Interprocedural strategy: summaries per (function, abstract context), computed on demand and memoised — the
 * functional approach to interprocedural analysis (Sharir & Pnueli), with contexts that are the abstract values
 * of the receiver, the arguments and the closure's captured locals. Almost all calls run in the clean context,
 * so each function is usually analysed once; shared helpers that also carry a security contact get one more
 * context per distinct taint, which keeps `normalizePhone(email)` apart from `normalizePhone(twoFactorPhone)`.
 * Recursion iterates to a fixpoint; module state is a set of cells, and a pass that changes a cell re-runs the
 * contexts that read it.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { Activation, constructorOf, nodeKey, type Solver, type Summary } from "./interpreter.js";
import { buildFindings, type RawFinding } from "./report-findings.js";
import { InventoryBuilder } from "./inventory.js";
import type { AnalysisResult, Notification } from "./findings.js";
import { locationOf } from "./locations.js";
import { CatalogMatcher } from "../catalog/match.js";
import { CATALOG } from "../catalog/index.js";
import { Model, type SinkInfo } from "./model.js";
import { DEFAULT_CONFIG, type PurposeConfig } from "../config/types.js";
import type { CatalogEntry } from "../catalog/types.js";
import type { Purpose } from "./findings.js";
import { allLabels, collapse, join, keyOf, type AV, type Label, type Source, type Step } from "./values.js";

export interface EngineOptions {
  /** purpose-lint.config.json, validated and normalised; the defaults when absent. */
  config?: PurposeConfig;
  /** Restrict analysis roots to these files (all first-party files are still loaded and followed). */
  rootFiles?: (file: TS.SourceFile) => boolean;
}

interface MemoEntry {
  summary: Summary;
  computing: boolean;
  /** Someone used the provisional summary while this entry was being computed (recursion). */
  provisionalUse: boolean;
  globalsRead: Set<TS.Symbol>;
}

const MAX_RECURSION_ROUNDS = 4;
const MAX_GLOBAL_PASSES = 6;

class Engine implements Solver {
  readonly model: Model;
  readonly catalog: CatalogMatcher;
  private readonly memo = new Map<string, MemoEntry>();
  private readonly stack: MemoEntry[] = [];
  private readonly globals = new Map<TS.Symbol, AV>();
  private readonly changedGlobals = new Set<TS.Symbol>();
  private readonly sources = new Map<TS.Node, Source>();
  readonly rawFindings = new Map<string, RawFinding>();
  readonly notifications: Notification[] = [];
  private readonly exhausted = new Set<TS.Node>();
  private readonly firstPartyFiles = new Set<TS.SourceFile>();
  contexts = 0;
  readonly inventory = new InventoryBuilder();
  /** Catalog-format sinks that came from the config file, to label their findings' origin. */
  readonly configSinks: ReadonlySet<CatalogEntry>;

  constructor(
    readonly program: TS.Program,
    readonly checker: TS.TypeChecker,
    readonly files: readonly TS.SourceFile[],
    readonly config: PurposeConfig,
  ) {
    this.catalog = new CatalogMatcher([...CATALOG, ...config.sinks]);
    this.configSinks = new Set(config.sinks);
    for (const file of files) this.firstPartyFiles.add(file);
    const typings = program.getSourceFiles().filter((file) => file.isDeclarationFile && !program.isSourceFileDefaultLibrary(file));
    this.model = new Model(checker, files, typings, config);
  }

  isFirstParty(node: TS.Node): boolean {
    return this.firstPartyFiles.has(node.getSourceFile());
  }

  // ───────────────────────────── driver ─────────────────────────────

  run(roots: readonly TS.SourceFile[]): number {
    const functions: (TS.SignatureDeclaration | TS.SourceFile)[] = [];
    for (const file of roots) {
      functions.push(file);
      const visit = (node: TS.Node): void => {
        if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body) functions.push(node);
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(file, visit);
    }
    // Module initialisers first, so module state (singletons, registries) is known before functions read it.
    for (let pass = 0; pass < MAX_GLOBAL_PASSES; pass++) {
      this.changedGlobals.clear();
      for (const fn of functions) this.root(fn);
      if (this.changedGlobals.size === 0) break;
      this.invalidate(this.changedGlobals);
    }
    return functions.length;
  }

  private root(fn: TS.SignatureDeclaration | TS.SourceFile): void {
    if (ts.isSourceFile(fn)) {
      this.summarizeAt(fn, undefined, undefined, []);
      return;
    }
    if (ts.isConstructorDeclaration(fn)) {
      this.summarize(fn, undefined, undefined, []);
      return;
    }
    this.summarize(fn, undefined, undefined, []);
  }

  private invalidate(changed: ReadonlySet<TS.Symbol>): void {
    for (const [key, entry] of this.memo) {
      for (const symbol of entry.globalsRead) {
        if (changed.has(symbol)) {
          this.memo.delete(key);
          break;
        }
      }
    }
  }

  // ───────────────────────────── Solver ─────────────────────────────

  summarize(decl: TS.SignatureDeclaration | TS.ClassLikeDeclaration, closure: Activation | undefined, thisValue: AV, args: AV[]): Summary {
    return this.summarizeAt(decl, closure, thisValue, args);
  }

  private summarizeAt(
    decl: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    closure: Activation | undefined,
    thisValue: AV,
    args: AV[],
  ): Summary {
    const fn = ts.isClassLike(decl) ? (constructorOf(decl) ?? decl) : decl;
    const captured = closure ? closure.captureKey() : "";
    const key = `${nodeKey(fn)}|${keyOf(thisValue)}|${args.map(keyOf).join(",")}|${captured}|${closure ? nodeKey(closure.fn) : 0}`;
    const caller = this.stack.at(-1);
    let entry = this.memo.get(key);
    if (entry) {
      if (entry.computing) entry.provisionalUse = true;
      if (caller) for (const symbol of entry.globalsRead) caller.globalsRead.add(symbol);
      return entry.summary;
    }
    entry = { summary: { ret: undefined, throws: undefined, thisOut: thisValue, paramsOut: [] }, computing: true, provisionalUse: false, globalsRead: new Set() };
    this.memo.set(key, entry);
    this.contexts++;
    for (let round = 0; round < MAX_RECURSION_ROUNDS; round++) {
      entry.provisionalUse = false;
      this.stack.push(entry);
      let summary: Summary;
      try {
        summary = new Activation(this, fn, closure, thisValue).run(args);
      } finally {
        this.stack.pop();
      }
      const stable = summaryKey(summary) === summaryKey(entry.summary);
      entry.summary = summary;
      if (!entry.provisionalUse || stable) break;
    }
    entry.computing = false;
    if (caller) for (const symbol of entry.globalsRead) caller.globalsRead.add(symbol);
    return entry.summary;
  }

  source(node: TS.Node, field: string, name: string, kind: Source["kind"], declaration?: TS.Node): Source {
    let source = this.sources.get(node);
    if (!source) {
      source = { id: this.sources.size + 1, field, name, node, kind };
      if (declaration) source.declaration = declaration;
      this.sources.set(node, source);
    }
    return source;
  }

  sourceList(): Iterable<Source> {
    return this.sources.values();
  }

  readGlobal(symbol: TS.Symbol, reader: Activation): AV {
    void reader;
    for (const entry of this.stack) entry.globalsRead.add(symbol);
    return this.globals.get(symbol);
  }

  writeGlobal(symbol: TS.Symbol, value: AV): void {
    if (!value) return;
    const before = this.globals.get(symbol);
    const after = join(before, value);
    if (after === before) return;
    this.globals.set(symbol, after);
    if (keyOf(after) !== keyOf(before)) this.changedGlobals.add(symbol);
  }

  reportSink(call: TS.CallExpression | TS.NewExpression, sink: SinkInfo, args: AV[], argNodes: readonly TS.Expression[]): void {
    this.inventory.sinkCall(sink, call);
    args.forEach((arg, index) => {
      if (sink.arguments && !sink.arguments.includes(index)) return;
      const labels = allLabels(collapse(arg));
      const argNode = argNodes[index] ?? call;
      if (labels) {
        for (const label of labels.values()) this.addFinding(label, argNode, index, sink, call);
        return;
      }
      // A whole record that holds a security contact (`trackEvent("signup", { user })`) leaks it, wherever it came from.
      const argExpr = argNodes[index];
      if (!argExpr || ts.isSpreadElement(argExpr)) return;
      const held = this.model.brandedPropertyIn(this.checker.getTypeAtLocation(argExpr));
      if (!held) return;
      const source = this.source(argExpr, held.field, held.name, "type");
      const trace: Step = { node: argExpr, label: `holds ${held.field}`, kind: "source", prev: undefined, length: 1 };
      this.addFinding({ source, trace }, argNode, index, sink, call);
    });
  }

  private addFinding(label: Label, argNode: TS.Node, index: number, sink: SinkInfo, call: TS.Node): void {
    if (label.source.kind === "declassified") {
      this.inventory.declassifiedReaches(label.source.node, sink, argNode);
      return;
    }
    const key = `${label.source.id}@${nodeKey(argNode)}`;
    const step: Step = { node: argNode, label: `passed to ${sink.callee.split(/[. ]/).pop()}`, kind: "sink", prev: label.trace, length: label.trace.length + 1 };
    const existing = this.rawFindings.get(key);
    if (existing && existing.trace.length <= step.length) return;
    this.rawFindings.set(key, { source: label.source, trace: step, argNode, argumentIndex: index, sink, call });
  }

  zoneRead(source: Source, node: TS.Node, zone: { purpose: Purpose; glob: string }): void {
    const trace: Step = { node, label: `read ${source.name}`, kind: "source", prev: undefined, length: 1 };
    this.addFinding({ source, trace }, node, 0, { purpose: zone.purpose, callee: `zone ${zone.glob}`, origin: "config" }, node);
  }

  declassified(call: TS.CallExpression, value: AV): AV {
    const fields = [...(allLabels(value)?.values() ?? [])].filter((l) => l.source.kind !== "declassified").map((l) => l.source.field);
    this.inventory.declassification(call, fields);
    if (fields.length === 0) return undefined;
    // Followed onward so the audit can say where a declassified value goes; never a violation.
    const source = this.source(call, fields.join(", "), "declassified value", "declassified");
    const trace: Step = { node: call, label: "declassified", kind: "source", prev: undefined, length: 1 };
    return { t: new Map([[source.id, { source, trace }]]) };
  }

  budgetExhausted(activation: Activation): void {
    const fn = activation.fn;
    if (this.exhausted.has(fn)) return;
    this.exhausted.add(fn);
    this.notifications.push({
      level: "warning",
      kind: "budget-exhausted",
      message: `analysis budget ran out in ${describeFunction(fn)}; flows through the rest of it are not followed`,
      location: locationOf(fn),
    });
  }
}

function summaryKey(summary: Summary): string {
  return `${keyOf(summary.ret)}#${keyOf(summary.throws)}#${keyOf(summary.thisOut)}#${summary.paramsOut.map(keyOf).join(",")}`;
}

function describeFunction(fn: TS.Node): string {
  const name = (fn as { name?: TS.Node }).name;
  const file = fn.getSourceFile().fileName;
  const { line } = fn.getSourceFile().getLineAndCharacterOfPosition(fn.getStart());
  return `${name && ts.isIdentifier(name) ? name.text : ts.isSourceFile(fn) ? "module code" : "a function"} (${file}:${line + 1})`;
}

/** Files the engine analyses: the program's own sources, not declaration files or dependencies. */
function firstPartyFiles(program: TS.Program): TS.SourceFile[] {
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/"));
}

/** Analyses a whole program: every flow from a security contact to an advertising, marketing or analytics sink. */
export function analyzeProgram(program: TS.Program, options: EngineOptions = {}): AnalysisResult {
  const started = performance.now();
  const checker = program.getTypeChecker();
  const all = firstPartyFiles(program);
  const skippedFiles: string[] = [];
  const notifications: Notification[] = [];
  const files: TS.SourceFile[] = [];
  for (const file of all) {
    const diagnostics = program.getSyntacticDiagnostics(file);
    if (diagnostics.length > 0) {
      skippedFiles.push(file.fileName);
      const first = diagnostics[0]!;
      notifications.push({
        level: "error",
        kind: "syntax-error",
        message: `${file.fileName} has a syntax error (${ts.flattenDiagnosticMessageText(first.messageText, " ")}); it was not analysed`,
        location: first.start !== undefined ? locationOf(file, first.start, first.start + (first.length ?? 0)) : undefined,
      });
    } else files.push(file);
  }
  notifications.push(...unresolvedImports(checker, files));
  const config = options.config ?? DEFAULT_CONFIG;
  const engine = new Engine(program, checker, files, config);
  const roots = options.rootFiles ? files.filter(options.rootFiles) : files;
  const functions = engine.run(roots);
  const forbidden = new Set(config.policy.forbidden);
  const findings = buildFindings([...engine.rawFindings.values()].filter((raw) => forbidden.has(raw.sink.purpose)), program);
  return {
    findings,
    notifications: [...notifications, ...engine.notifications],
    inventory: engine.inventory.build([...engine.sourceList()]),
    skippedFiles,
    stats: { files: files.length, functions, contexts: engine.contexts, elapsedMs: performance.now() - started },
  };
}

/** Imports that did not resolve: flows through them are invisible, and the report must say so. */
function unresolvedImports(checker: TS.TypeChecker, files: readonly TS.SourceFile[]): Notification[] {
  const catalogued = new CatalogMatcher(CATALOG).modules;
  const out: Notification[] = [];
  for (const file of files) {
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier
          : undefined;
      if (!specifier) continue;
      if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) continue;
      if (checker.getSymbolAtLocation(specifier)) continue;
      out.push({
        level: "warning",
        kind: "unresolved-import",
        message: catalogued.has(specifier.text)
          ? `import "${specifier.text}" in ${file.fileName} has no type declarations; its catalogued APIs are matched by module specifier`
          : `import "${specifier.text}" in ${file.fileName} did not resolve; calls into it are treated as library calls`,
        location: locationOf(specifier),
      });
    }
  }
  return out;
}
