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
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { nodeKey } from "./heap.js";
import { Activation, type Solver, type Summary } from "./interpret/activation.js";
import { constructorOf } from "./interpret/classes.js";
import { buildFindings, type RawFinding } from "./report-findings.js";
import { rootContext } from "./root-context.js";
import { InventoryBuilder } from "./inventory.js";
import { UntypedReads } from "./untyped-reads.js";
import { decoratedHandlerInputs, importsRegistryModule, REGISTRY_GLOBALS, REGISTRY_MODULES } from "./models/registry-index.js";
import type { AnalysisResult, Notification } from "./findings.js";
import { locationOf } from "./locations.js";
import { unresolvedImports } from "./unresolved-imports.js";
import { configurationNotifications } from "./program-diagnostics.js";
import { CatalogMatcher, PathMatcher } from "../catalog/match.js";
import { CATALOG } from "../catalog/index.js";
import { ENDPOINTS, HTTP_CLIENTS, type EndpointEntry, type HttpClientEntry } from "../catalog/http/index.js";
import { EndpointMatcher } from "../catalog/http/match.js";
import { StaticUrls } from "./static-url.js";
import { WideningReport, type WideningReason } from "./widening.js";
import { Model, declarationName, type SinkInfo } from "./model.js";
import { DEFAULT_CONFIG, type PurposeConfig } from "../config/types.js";
import type { CatalogEntry } from "../catalog/types.js";
import type { Purpose } from "./findings.js";
import { allLabels, collapse, compactKey, join, keyOf, type AV, type CellKey, type Label, type Source, type Step } from "./values.js";

/**
 * What one run leaves for the next run over an edited version of the same program (the editor): memoised
 * summaries, module state and findings, each with the files it depends on. See `analyzeProgram`'s `previous`.
 */
export interface EngineState {
  program: TS.Program;
  configKey: string;
  memo: Map<string, MemoEntry>;
  rootEntries: Map<TS.Node, MemoEntry>;
  model: Model;
  globals: Map<CellKey, AV>;
  sources: Map<TS.Node, Source>;
  nextSourceId: number;
  rawFindings: Map<string, RawFinding & { entry?: MemoEntry }>;
}

export interface EngineOptions {
  /**
   * The state of a run over an earlier version of this program. Summaries that depend only on files the new
   * program shares (the same SourceFile objects, as the language service reuses them) are kept, so an edit
   * re-analyses what the edited files reach, not the whole program.
   */
  previous?: EngineState;
  /** Keep the state for a later incremental run (costs a file set per summary). */
  keepState?: boolean;
  /** Report unresolved imports (default true; the editor shows none, so the ESLint rule skips the lookup). */
  notifications?: boolean;
  /** Build the audit inventory (default true; the editor has no use for it). */
  inventory?: boolean;
  /** purpose-lint.config.json, validated and normalised; the defaults when absent. */
  config?: PurposeConfig;
}

interface MemoEntry {
  summary: Summary;
  /** Files whose code this summary depends on (tracked only when state is kept for incremental runs). */
  files?: Set<TS.SourceFile>;
  /** Summaries that used this one (tracked with `files`): a finding holds while a root still reaches it. */
  callers?: Set<MemoEntry>;
  computing: boolean;
  /** Dropped from the memo (module state it read changed, or an edited file): its findings no longer hold. */
  invalid?: boolean;
  /** Someone used the provisional summary while this entry was being computed (recursion). */
  provisionalUse: boolean;
  globalsRead: Set<CellKey>;
  /** Deferred calls whose summary this one used (see `defer`): it is recomputed when theirs changes. */
  deferredRead?: Set<DeferredCall>;
}

/**
 * A call met past MAX_CALL_DEPTH: analysed later from an empty stack instead of being cut off, so a chain of any
 * length is followed exactly. The callers got the latest summary known (at first, "passes its inputs on") and are
 * recomputed whenever the deferred call's summary changes.
 */
interface DeferredCall {
  key: string;
  fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile;
  closure: Activation | undefined;
  thisValue: AV;
  args: AV[];
  summary: Summary;
  /** Times it was computed; past MAX_DEFERRED_RECOMPUTES its summary only grows by joins (termination). */
  computed: number;
  queued: boolean;
  /** The summaries that were computing when it was deferred: its callers. */
  requesters: Set<MemoEntry>;
}

const MAX_RECURSION_ROUNDS = 4;
/**
 * Calls nested deeper are deferred (see `DeferredCall`): analysed from an empty stack, which bounds the JS stack
 * the analysis needs whatever the length of a call chain. Recursion that builds a new context at every level is
 * widened at this depth instead, and so are calls of a function beyond its context limit (see `widened`).
 */
const MAX_CALL_DEPTH = 48;
const MAX_CONTEXTS_PER_FUNCTION = 10_000;
const MAX_DEFERRED_RECOMPUTES = 8;
const MAX_GLOBAL_PASSES = 6;

class Engine implements Solver {
  model: Model;
  readonly catalog: CatalogMatcher;
  readonly apiModules: ReadonlySet<string>;
  readonly apiGlobals: ReadonlySet<string>;
  readonly http = new PathMatcher<HttpClientEntry>(HTTP_CLIENTS);
  readonly endpoints: EndpointMatcher;
  readonly configEndpoints: ReadonlySet<EndpointEntry>;
  readonly staticUrls: StaticUrls;
  readonly symbols = new Map<TS.Node, TS.Symbol | undefined>();
  readonly brandedFieldsAt = new Map<TS.Node, readonly TS.Symbol[]>();
  readonly receiverClassesAt = new Map<TS.Node, readonly TS.Node[]>();
  readonly declaredApiAt = new Map<TS.Node, AV>();
  memo = new Map<string, MemoEntry>();
  /** The summary each root function got, so an incremental run re-runs only roots whose summary was dropped. */
  rootEntries = new Map<TS.Node, MemoEntry>();
  private lastEntry: MemoEntry | undefined;
  private readonly stack: MemoEntry[] = [];
  /** How often each function is on the stack: recursion is told apart from a long chain of distinct calls. */
  private readonly onStack = new Map<TS.Node, number>();
  private readonly deferred = new Map<string, DeferredCall>();
  private readonly deferredQueue: DeferredCall[] = [];
  readonly widening = new WideningReport();
  readonly globals = new Map<CellKey, AV>();
  private readonly changedGlobals = new Set<CellKey>();
  readonly sources = new Map<TS.Node, Source>();
  nextSourceId = 1;
  readonly rawFindings = new Map<string, RawFinding & { entry?: MemoEntry }>();
  private trackFiles = false;
  readonly notifications: Notification[] = [];
  private readonly firstPartyFiles = new Set<TS.SourceFile>();
  contexts = 0;
  readonly inventory = new InventoryBuilder();
  readonly untypedReads = new UntypedReads();
  /** Catalog-format sinks that came from the config file, to label their findings' origin. */
  readonly configSinks: ReadonlySet<CatalogEntry>;

  private sdkTypedNamesCache: ReadonlySet<string> | undefined;

  constructor(
    readonly program: TS.Program,
    readonly checker: TS.TypeChecker,
    readonly files: readonly TS.SourceFile[],
    readonly config: PurposeConfig,
    previous?: EngineState,
  ) {
    this.catalog = new CatalogMatcher([...CATALOG, ...config.sinks]);
    this.apiModules = new Set([...this.catalog.modules, ...this.http.modules, ...REGISTRY_MODULES]);
    this.apiGlobals = new Set([...this.catalog.globals, ...this.http.globals, ...REGISTRY_GLOBALS]);
    this.endpoints = new EndpointMatcher([...config.endpoints, ...ENDPOINTS]);
    this.configEndpoints = new Set(config.endpoints);
    this.staticUrls = new StaticUrls(checker);
    this.configSinks = new Set(config.sinks);
    for (const file of files) this.firstPartyFiles.add(file);
    if (previous) {
      const before = new Set(previous.program.getSourceFiles());
      this.model = previous.model.derive(checker, files, files.filter((file) => !before.has(file)));
      this.resume(previous);
    } else {
      const typings = program.getSourceFiles().filter((file) => file.isDeclarationFile && !program.isSourceFileDefaultLibrary(file));
      this.model = new Model(checker, files, typings, config);
    }
  }

  /**
   * Names of properties and parameters declared with a type imported from a catalogued module
   * (`private readonly cio: TrackClient`): the only reads worth asking the checker for a declared SDK type.
   * One syntactic pass over the files that import such a module.
   */
  sdkTypedNames(): ReadonlySet<string> {
    if (this.sdkTypedNamesCache) return this.sdkTypedNamesCache;
    const names = new Set<string>();
    for (const file of this.files) {
      const imported = new Set<string>();
      for (const statement of file.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        if (!this.apiModules.has(statement.moduleSpecifier.text)) continue;
        const clause = statement.importClause;
        if (clause?.name) imported.add(clause.name.text);
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) imported.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.add(element.name.text);
      }
      if (imported.size === 0) continue;
      const importedNames = [...imported];
      const visit = (node: TS.Node): void => {
        if ((ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isPropertySignature(node)) && node.type && ts.isIdentifier(node.name)) {
          const text = node.type.getText(file);
          if (importedNames.some((name) => text.includes(name))) names.add(node.name.text);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    this.sdkTypedNamesCache = names;
    return names;
  }

  usesRegistries(): boolean {
    this.usesRegistriesCache ??= this.files.some(importsRegistryModule);
    return this.usesRegistriesCache;
  }

  private usesRegistriesCache: boolean | undefined;

  isFirstParty(node: TS.Node): boolean {
    return this.firstPartyFiles.has(node.getSourceFile());
  }

  // ───────────────────────────── driver ─────────────────────────────

  run(roots: readonly TS.SourceFile[]): number {
    let count = 0;
    // Each pass runs every root whose summary is missing; a pass that changes module state drops the
    // summaries that read it, and the next pass runs their roots again.
    for (let pass = 0; pass < MAX_GLOBAL_PASSES; pass++) {
      this.changedGlobals.clear();
      // Roots, then the calls they deferred; a deferred summary that changed drops its callers, roots among them.
      do {
        count = 0;
        for (const file of roots) {
          for (const fn of functionsIn(file)) {
            count++;
            const done = this.rootEntries.get(fn);
            if (done && !done.invalid) continue;
            if (this.model.isSanitizer(declarationName(fn))) continue;
            this.lastEntry = undefined;
            const root = rootContext(fn);
            // A decorated handler (`@OnEvent(name)`) runs with its channel's messages; their cells are its inputs.
            const read = new Set<CellKey>();
            const handled = this.usesRegistries() ? decoratedHandlerInputs(fn, this.checker, (cell) => (read.add(cell), this.globals.get(cell))) : undefined;
            const args = handled ? Array.from({ length: Math.max(root.args.length, handled.length) }, (_, i) => join(root.args[i], handled[i])) : root.args;
            this.summarizeAt(fn, undefined, root.thisValue, args);
            const entry = this.lastEntry as MemoEntry | undefined;
            if (entry) this.rootEntries.set(fn, entry);
            for (const cell of read) entry?.globalsRead.add(cell);
          }
        }
        this.drainDeferred();
      } while ([...this.rootEntries.values()].some((entry) => entry.invalid));
      // The last pass's changes are kept, not chased: its summaries stay valid, so their findings stand.
      if (this.changedGlobals.size === 0 || pass === MAX_GLOBAL_PASSES - 1) break;
      this.invalidate((entry) => [...entry.globalsRead].some((symbol) => this.changedGlobals.has(symbol)));
    }
    return count;
  }

  /** Drops the summaries a predicate picks (module state they read changed, or a file they depend on was edited). */
  private invalidate(drop: (entry: MemoEntry) => boolean): void {
    for (const [key, entry] of this.memo) {
      if (entry.computing || !drop(entry)) continue;
      entry.invalid = true;
      this.memo.delete(key);
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
    const captured = closure ? closure.captureKeyFor(fn) : "";
    const key = compactKey(`${nodeKey(fn)}|${keyOf(thisValue)}|${args.map(keyOf).join(",")}|${captured}|${closure ? nodeKey(closure.fn) : 0}`);
    const caller = this.stack.at(-1);
    const entry = this.memo.get(key);
    if (entry) {
      if (entry.computing) entry.provisionalUse = true;
      if (caller) this.inherit(caller, entry);
      this.lastEntry = entry;
      return entry.summary;
    }
    const perFunction = (this.contextCounts.get(fn) ?? 0) + 1;
    if (perFunction > MAX_CONTEXTS_PER_FUNCTION) return this.widened(fn, thisValue, args, "contexts");
    if (this.stack.length >= MAX_CALL_DEPTH) {
      if ((this.onStack.get(fn) ?? 0) > 0) return this.widened(fn, thisValue, args, "recursion");
      return this.defer(key, fn, closure, thisValue, args);
    }
    return this.compute(key, fn, closure, thisValue, args, caller);
  }

  /** Computes a summary not in the memo yet, iterating recursion through it to a fixpoint. */
  private compute(
    key: string,
    fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    closure: Activation | undefined,
    thisValue: AV,
    args: AV[],
    caller: MemoEntry | undefined,
  ): Summary {
    this.contextCounts.set(fn, (this.contextCounts.get(fn) ?? 0) + 1);
    const entry: MemoEntry = { summary: { ret: undefined, throws: undefined, thisOut: thisValue, paramsOut: [] }, computing: true, provisionalUse: false, globalsRead: new Set() };
    this.lastEntry = entry;
    if (this.trackFiles) {
      entry.files = new Set([fn.getSourceFile()]);
      // The witnesses it is given are part of what it returns: an edit to a file they pass through drops it.
      for (const input of [thisValue, ...args]) addTraceFiles(entry.files, input);
      entry.callers = new Set();
    }
    this.memo.set(key, entry);
    this.contexts++;
    for (let round = 0; round < MAX_RECURSION_ROUNDS; round++) {
      entry.provisionalUse = false;
      this.stack.push(entry);
      this.onStack.set(fn, (this.onStack.get(fn) ?? 0) + 1);
      let summary: Summary;
      try {
        summary = new Activation(this, fn, closure, thisValue).run(args);
      } finally {
        this.stack.pop();
        this.onStack.set(fn, (this.onStack.get(fn) ?? 1) - 1);
      }
      const stable = summaryKey(summary) === summaryKey(entry.summary);
      entry.summary = summary;
      if (!entry.provisionalUse || stable) break;
    }
    entry.computing = false;
    if (caller) this.inherit(caller, entry);
    this.lastEntry = entry;
    return entry.summary;
  }

  /**
   * A call past MAX_CALL_DEPTH: queued to be analysed from an empty stack (`drainDeferred`). Every summary on the
   * stack depends on its result, as on a module cell, and gets the latest summary known meanwhile.
   */
  private defer(
    key: string,
    fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    closure: Activation | undefined,
    thisValue: AV,
    args: AV[],
  ): Summary {
    let call = this.deferred.get(key);
    if (!call) {
      call = { key, fn, closure, thisValue, args, summary: passInputsOn(thisValue, args), computed: 0, queued: false, requesters: new Set() };
      this.deferred.set(key, call);
    }
    for (const entry of this.stack) (entry.deferredRead ??= new Set()).add(call);
    const caller = this.stack.at(-1);
    if (caller) call.requesters.add(caller);
    this.enqueue(call);
    return call.summary;
  }

  private enqueue(call: DeferredCall): void {
    if (call.queued) return;
    call.queued = true;
    this.deferredQueue.push(call);
  }

  /**
   * Analyses deferred calls until none is pending. A call whose summary changed drops the summaries that used the
   * earlier one; those that were deferred calls themselves are queued again, roots run again in `run`.
   */
  private drainDeferred(): void {
    for (let call = this.deferredQueue.shift(); call; call = this.deferredQueue.shift()) {
      call.queued = false;
      const before = call.summary;
      // Computed meanwhile by a caller nearer the top (or as a root): its callers past the depth still need it.
      const known = this.memo.get(call.key);
      let summary = known ? known.summary : this.compute(call.key, call.fn, call.closure, call.thisValue, call.args, undefined);
      call.computed++;
      // A summary that keeps changing only grows from here on, so the worklist ends (and the report says so).
      if (call.computed > MAX_DEFERRED_RECOMPUTES) {
        summary = mergeSummaries(before, summary);
        this.widening.add(call.fn, "unstable");
      }
      call.summary = summary;
      const entry = this.memo.get(call.key);
      if (entry) {
        entry.summary = summary;
        // Its callers depend on what it depends on (module state, files) and keep its findings alive.
        for (const requester of call.requesters) this.inherit(requester, entry);
      }
      if (summaryKey(summary) === summaryKey(before)) continue;
      const dropped = call;
      this.invalidate((e) => e.deferredRead?.has(dropped) === true);
      for (const other of this.deferred.values()) if (!this.memo.has(other.key)) this.enqueue(other);
    }
  }

  /** A caller's summary depends on whatever its callee's does. */
  private inherit(caller: MemoEntry, callee: MemoEntry): void {
    for (const symbol of callee.globalsRead) caller.globalsRead.add(symbol);
    if (callee.deferredRead) for (const call of callee.deferredRead) (caller.deferredRead ??= new Set()).add(call);
    if (caller.files && callee.files) for (const file of callee.files) caller.files.add(file);
    if (caller.files) callee.callers?.add(caller);
  }

  /**
   * With state kept for later runs: only findings of summaries some root still reaches hold (an edit may have
   * removed the only caller that passed a security contact in). Without it, every finding holds.
   */
  liveFindings(): RawFinding[] {
    const all = [...this.rawFindings.values()];
    // A summary dropped because module state it read changed, whose new run did not find the flow again, was
    // computed from stale state: its findings go with it (the editor's walk below drops them the same way).
    if (!this.trackFiles) return all.filter((raw) => !raw.entry?.invalid);
    // Walk up from each finding's summary through valid callers to a root's summary: findings are few, the
    // memo is large, so this costs far less than marking everything reachable from the roots.
    const roots = new Set([...this.rootEntries.values()]);
    const live = new Map<MemoEntry, boolean>();
    const reaches = (start: MemoEntry): boolean => {
      const seen = new Set<MemoEntry>();
      const stack = [start];
      while (stack.length > 0) {
        const entry = stack.pop()!;
        if (entry.invalid || seen.has(entry)) continue;
        const known = live.get(entry);
        if (known !== undefined) {
          if (known) return true;
          continue;
        }
        if (roots.has(entry)) return true;
        seen.add(entry);
        if (entry.callers) for (const caller of entry.callers) stack.push(caller);
      }
      return false;
    };
    return all.filter((raw) => {
      if (!raw.entry) return true;
      const result = reaches(raw.entry);
      live.set(raw.entry, result);
      return result;
    });
  }

  /** Starts from an earlier run's state, dropping everything that depends on a file the new program does not share. */
  /** Takes over an earlier run's state (which is not used again), dropping what depends on edited files. */
  private resume(previous: EngineState): void {
    this.trackFiles = true;
    const current = new Set(this.program.getSourceFiles());
    const stale = (file: TS.SourceFile) => !current.has(file);
    this.memo = previous.memo;
    const edited = previous.program.getSourceFiles().filter(stale);
    // Module and heap cells whose witnesses pass through an edited file are recomputed by their writers, which
    // depend on that file too; their readers run again.
    const dropped = new Set<CellKey>();
    for (const [cell, value] of previous.globals) {
      const files = new Set<TS.SourceFile>();
      addTraceFiles(files, value);
      if ([...files].some(stale)) dropped.add(cell);
      else this.globals.set(cell, value);
    }
    this.invalidate((entry) => !entry.files || edited.some((file) => entry.files!.has(file)) || [...entry.globalsRead].some((cell) => dropped.has(cell)));
    this.rootEntries = previous.rootEntries;
    // A root in an edited file has that file among its summary's files, so it was just invalidated too.
    for (const [node, entry] of this.rootEntries) if (entry.invalid) this.rootEntries.delete(node);
    for (const [node, source] of previous.sources) if (!stale(node.getSourceFile())) this.sources.set(node, source);
    this.nextSourceId = previous.nextSourceId;
    for (const [key, raw] of previous.rawFindings) {
      if (raw.entry?.invalid) continue;
      if (stale(raw.source.node.getSourceFile()) || stale(raw.argNode.getSourceFile())) continue;
      this.rawFindings.set(key, raw);
    }
  }

  keepState(): void {
    this.trackFiles = true;
  }

  state(configKey: string): EngineState {
    return {
      program: this.program,
      configKey,
      memo: this.memo,
      rootEntries: this.rootEntries,
      model: this.model,
      globals: this.globals,
      sources: this.sources,
      nextSourceId: this.nextSourceId,
      rawFindings: this.rawFindings,
    };
  }

  private readonly contextCounts = new Map<TS.Node, number>();

  /**
   * Past the context limits (recursion that builds a new closure at every level, generated code), a call is
   * treated like a library call: whatever taint goes in comes out, nothing is followed inside, and the one
   * `widened` notification counts it.
   */
  private widened(fn: TS.Node, thisValue: AV, args: AV[], reason: WideningReason): Summary {
    this.widening.add(fn, reason);
    return passInputsOn(thisValue, args);
  }

  source(node: TS.Node, field: string, name: string, kind: Source["kind"], declaration?: TS.Node): Source {
    let source = this.sources.get(node);
    if (!source) {
      source = { id: this.nextSourceId++, field, name, node, kind };
      if (declaration) source.declaration = declaration;
      this.sources.set(node, source);
    }
    return source;
  }

  sourceList(): Iterable<Source> {
    return this.sources.values();
  }

  readGlobal(symbol: CellKey): AV {
    for (const entry of this.stack) entry.globalsRead.add(symbol);
    return this.globals.get(symbol);
  }

  writeGlobal(symbol: CellKey, value: AV): void {
    if (!value) return;
    const before = this.globals.get(symbol);
    const after = join(before, value);
    if (after === before) return;
    this.globals.set(symbol, after);
    if (keyOf(after) !== keyOf(before)) this.changedGlobals.add(symbol);
  }

  otherApiCall(apiPath: string, call: TS.Node): void {
    this.inventory.otherApiCall(apiPath, call);
  }

  uncoveredRequest(url: string, client: string, call: TS.Node): void {
    this.inventory.uncoveredRequest(url, client, call);
  }

  reportSink(call: TS.Node, sink: SinkInfo, args: AV[], argNodes: readonly TS.Node[]): void {
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
    const step: Step = { node: argNode, label: `passed to ${sink.step ?? sink.callee.split(/[. ]/).pop()}`, kind: "sink", prev: label.trace, length: label.trace.length + 1 };
    const existing = this.rawFindings.get(key);
    const entry = this.stack.at(-1);
    if (existing && existing.trace.length <= step.length) {
      // Re-found by a summary computed again (module state changed): the finding now belongs to that summary.
      if (entry) existing.entry = entry;
      return;
    }
    this.rawFindings.set(key, { source: label.source, trace: step, argNode, argumentIndex: index, sink, call, ...(entry ? { entry } : {}) });
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

  untypedRead(name: TS.Node, treatedAsSource: boolean): void {
    this.untypedReads.add(name, treatedAsSource);
  }

  budgetExhausted(activation: Activation): void {
    this.widening.add(activation.fn, "steps");
  }
}

/**
 * An earlier run can seed this one when the config is the same and no edited file changes the model itself —
 * brand aliases, `@sink` tags, `@purpose` tags — which every summary depends on.
 */
function canResume(previous: EngineState, program: TS.Program, configKey: string): boolean {
  if (previous.configKey !== configKey || previous.program === program) return false;
  const before = new Set(previous.program.getSourceFiles());
  const after = new Set(program.getSourceFiles());
  const added = [...after].filter((file) => !before.has(file));
  const removed = new Map([...before].filter((file) => !after.has(file)).map((file) => [file.fileName, file]));
  if (added.length + removed.size > 50) return false;
  // What the edit did to the model's own inputs (brand aliases, branded fields, @sink and @purpose tags): if
  // nothing, summaries outside the edited files still hold.
  const model = previous.model;
  for (const file of added) {
    const old = removed.get(file.fileName);
    if (model.signatureOf(file) !== (old ? model.signatureOf(old) : "")) return false;
    removed.delete(file.fileName);
  }
  for (const old of removed.values()) if (model.signatureOf(old) !== "") return false;
  return true;
}

const state = new WeakMap<TS.Program, EngineState>();

/** The state a `keepState` run left for its program, to pass as `previous` when the program is edited. */
export function engineStateOf(program: TS.Program): EngineState | undefined {
  return state.get(program);
}

/** The tsconfig's directory: messages name files relative to it. */
function projectDirectory(program: TS.Program): string {
  const config = program.getCompilerOptions().configFilePath;
  return typeof config === "string" ? path.dirname(config) : program.getCurrentDirectory();
}

const functionLists = new WeakMap<TS.SourceFile, (TS.SignatureDeclaration | TS.SourceFile)[]>();

/** A file's module code and every function with a body in it: the analysis roots. Cached per SourceFile. */
function functionsIn(file: TS.SourceFile): (TS.SignatureDeclaration | TS.SourceFile)[] {
  let list = functionLists.get(file);
  if (!list) {
    const found: (TS.SignatureDeclaration | TS.SourceFile)[] = [file];
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body) found.push(node);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(file, visit);
    list = found;
    functionLists.set(file, list);
  }
  return list;
}

/** Adds the files every witness step of a value's labels lies in. */
function addTraceFiles(files: Set<TS.SourceFile>, value: AV): void {
  for (const label of allLabels(value)?.values() ?? []) {
    for (let step: Step | undefined = label.trace; step; step = step.prev) files.add(step.node.getSourceFile());
  }
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/** What a call whose body is not followed returns: whatever went in. */
function passInputsOn(thisValue: AV, args: AV[]): Summary {
  const inputs = collapse(join(thisValue, args.reduce<AV>((all, arg) => join(all, arg), undefined)));
  return { ret: inputs, throws: undefined, thisOut: thisValue, paramsOut: [] };
}

function mergeSummaries(a: Summary, b: Summary): Summary {
  return {
    ret: join(a.ret, b.ret),
    throws: join(a.throws, b.throws),
    thisOut: join(a.thisOut, b.thisOut),
    paramsOut: b.paramsOut.map((value, i) => join(a.paramsOut[i], value)),
    ...(a.calls || b.calls ? { calls: join(a.calls, b.calls) } : {}),
  };
}

function summaryKey(summary: Summary): string {
  return `${keyOf(summary.ret)}#${keyOf(summary.throws)}#${keyOf(summary.thisOut)}#${summary.paramsOut.map(keyOf).join(",")}`;
}


/** Files the engine analyses: the program's own sources, not declaration files or dependencies. */
function firstPartyFiles(program: TS.Program): TS.SourceFile[] {
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/"));
}

/** Analyses a whole program: every flow from a security contact to an advertising, marketing or analytics sink. */
export function analyzeProgram(program: TS.Program, options: EngineOptions = {}): AnalysisResult {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + (now - mark);
    mark = now;
  };
  const checker = program.getTypeChecker();
  phase("checker");
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
        message: `${path.relative(projectDirectory(program), file.fileName).split(path.sep).join("/")} has a syntax error (${ts.flattenDiagnosticMessageText(first.messageText, " ")}); it was not analysed`,
        location: first.start !== undefined ? locationOf(file, first.start, first.start + (first.length ?? 0)) : locationOf(file),
        incomplete: true,
      });
    } else files.push(file);
  }
  const root = projectDirectory(program);
  const shown = (file: string) => path.relative(root, file).split(path.sep).join("/");
  if (options.notifications !== false) notifications.push(...configurationNotifications(program, shown), ...unresolvedImports(program, files, shown));
  phase("files");
  const config = options.config ?? DEFAULT_CONFIG;
  const configKey = JSON.stringify(config);
  const previous = options.previous && canResume(options.previous, program, configKey) ? options.previous : undefined;
  const engine = new Engine(program, checker, files, config, previous);
  if (options.keepState && !previous) engine.keepState();
  phase("model");
  const functions = engine.run(files);
  phase("summaries");
  if (options.keepState) state.set(program, engine.state(configKey));
  const untyped = engine.untypedReads.notification(root);
  if (untyped) engine.notifications.push(untyped);
  const forbidden = new Set(config.policy.forbidden);
  const findings = buildFindings(engine.liveFindings().filter((raw) => forbidden.has(raw.sink.purpose)), program);
  const inventory = options.inventory === false ? { sources: [], sinks: [], declassifications: [] } : engine.inventory.build([...engine.sourceList()]);
  phase("findings");
  if (process.env.PURPOSE_LINT_TIMING) {
    const parts = Object.entries(phases).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`);
    process.stderr.write(`purpose-lint engine: ${parts.join(" · ")} · ${engine.contexts} contexts\n`);
  }
  return {
    findings,
    notifications: [...notifications, ...engine.notifications, ...optional(engine.widening.notification(projectDirectory(program)))],
    inventory,
    skippedFiles,
    stats: { files: files.length, functions, contexts: engine.contexts, elapsedMs: performance.now() - started },
  };
}
