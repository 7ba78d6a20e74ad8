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
import { Activation, type Solver, type Summary } from "./interpret/activation.js";
import { buildFindings, isPolicyFinding, type RawFinding } from "./report-findings.js";
import type { DiscoveryHooks } from "./discovery-hooks.js";
import type { BrandedPath } from "./nested-brands.js";
import { rootContext } from "./root-context.js";
import { decoratedHandlerInputs, importsRegistryModule, REGISTRY_API_MODULES, REGISTRY_GLOBALS, thrownToCells } from "./models/registry-index.js";
import { STATEFUL_MODULES } from "./models/react.js";
import type { AnalysisResult, Notification } from "./findings.js";
import { unresolvedImports } from "./unresolved-imports.js";
import { configurationNotifications } from "./program-diagnostics.js";
import { CatalogMatcher, PathMatcher } from "../catalog/match.js";
import { CATALOG } from "../catalog/index.js";
import { ENDPOINTS, HTTP_CLIENTS, type EndpointEntry, type HttpClientEntry } from "../catalog/http/index.js";
import { EndpointMatcher } from "../catalog/http/match.js";
import { StaticUrls } from "./static-url.js";
import { Model, declarationName } from "./model.js";
import { DEFAULT_CONFIG, type PurposeConfig } from "../config/types.js";
import type { CatalogEntry } from "../catalog/types.js";
import { addStep, join, type AV, type CellKey, withoutUnknown } from "./values.js";
import { canResume, rememberState, type EngineState } from "./engine-state.js";
import { isStackOverflow } from "./nesting.js";
import { analysableFiles, functionsIn, projectDirectory } from "./program-files.js";
import { SolverReports } from "./solver-reports.js";
import { addTraceFiles, MAX_CONTEXTS_PER_FUNCTION, type MemoEntry } from "./summary-memo.js";
import { summarizeExports } from "./export-summaries.js";
import type { SummarisedPackages } from "../summaries/apply.js";

function isWithin(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

export { engineStateOf, type EngineState } from "./engine-state.js";

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
  /** Summarise the exports of the files under this directory after the analysis (a package summary). */
  exportsOf?: string;
  /** Dependencies read from their package summaries: their bodies do not run (src/summaries/apply.ts). */
  summaries?: SummarisedPackages;
}

/** A candidate-discovery run (src/discovery/): unbranded fields as sources, security uses as targets. */
export interface DiscoveryRun {
  /** Every flow found, to security uses and to policy sinks alike, with its witness. */
  flows: RawFinding[];
  notifications: Notification[];
  skippedFiles: string[];
}

const MAX_GLOBAL_PASSES = 6;

/**
 * The Solver the interpreter runs against: the program's catalogues and caches, the driver that runs every root
 * until module state is stable, and incremental resumption. Memo and reporting live in the classes it extends.
 */
class Engine extends SolverReports implements Solver {
  model: Model;
  readonly catalog: CatalogMatcher;
  readonly apiModules: ReadonlySet<string>;
  readonly apiGlobals: ReadonlySet<string>;
  readonly http = new PathMatcher<HttpClientEntry>(HTTP_CLIENTS);
  readonly endpoints: EndpointMatcher;
  readonly configEndpoints: ReadonlySet<EndpointEntry>;
  readonly staticUrls: StaticUrls;
  readonly symbols = new Map<TS.Node, TS.Symbol | undefined>();
  readonly brandedFieldsAt = new Map<TS.Node, readonly BrandedPath[]>();
  readonly booleanCalls = new Map<TS.Node, boolean>();
  readonly receiverClassesAt = new Map<TS.Node, readonly TS.Node[]>();
  readonly declaredApiAt = new Map<TS.Node, AV>();
  readonly notifications: Notification[] = [];
  private readonly firstPartyFiles = new Set<TS.SourceFile>();
  /** Catalog-format sinks that came from the config file, to label their findings' origin. */
  readonly configSinks: ReadonlySet<CatalogEntry>;

  private sdkTypedNamesCache: ReadonlySet<string> | undefined;
  /** Packages whose summaries stand for their bodies (`--summaries`). */
  summaries: SummarisedPackages | undefined;

  constructor(
    readonly program: TS.Program,
    readonly checker: TS.TypeChecker,
    readonly files: readonly TS.SourceFile[],
    readonly config: PurposeConfig,
    previous?: EngineState,
    discovery?: DiscoveryHooks,
  ) {
    super();
    this.catalog = new CatalogMatcher([...CATALOG, ...config.sinks, ...(discovery?.securityUses ?? [])]);
    this.apiModules = new Set([...this.catalog.modules, ...this.http.modules, ...REGISTRY_API_MODULES, ...STATEFUL_MODULES]);
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
      this.model = new Model(checker, files, typings, config, discovery);
    }
  }

  /**
   * Names of properties and parameters declared with a type imported from a catalogued module
   * (`private readonly cio: TrackClient`), or fields initialised with `new` of one (`client = new PostHog(…)`): the
   * only reads worth asking the checker for a declared SDK type.
   * One syntactic pass over the files that import such a module.
   */
  sdkTypedNames(): ReadonlySet<string> {
    if (this.sdkTypedNamesCache) return this.sdkTypedNamesCache;
    const names = new Set<string>();
    for (const file of this.files) {
      const imported = new Set<string>();
      for (const statement of file.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        if (!this.apiModules.has(statement.moduleSpecifier.text) || STATEFUL_MODULES.has(statement.moduleSpecifier.text)) continue;
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
        } else if (ts.isPropertyDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isNewExpression(node.initializer) || ts.isCallExpression(node.initializer))) {
          // `client = new PostHog(…)`, `segment = AnalyticsBrowser.load(…)`: the field is what its initialiser makes (api-roots.ts).
          const text = node.initializer.expression.getText(file);
          if (importedNames.some((name) => text === name || text.startsWith(`${name}.`))) names.add(node.name.text);
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
    this.contextBudget = Math.max(MAX_CONTEXTS_PER_FUNCTION, roots.reduce((all, file) => all + functionsIn(file).length, 0));
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
            const out = this.summarizeAt(fn, undefined, root.thisValue, args);
            // A controller's route handler: what it throws goes to the framework's exception filters.
            if (out.throws && this.usesRegistries()) {
              for (const cell of thrownToCells(fn, this.checker)) this.writeGlobal(cell, addStep(withoutUnknown(out.throws), fn, `thrown by ${declarationName(fn)} to the exception filters`, "store"));
            }
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

  summarize(decl: TS.SignatureDeclaration | TS.ClassLikeDeclaration, closure: Activation | undefined, thisValue: AV, args: AV[]): Summary {
    this.lastEntry = undefined;
    const summary = this.summarizeAt(decl, closure, thisValue, args);
    // A summary reused from another call site: its sink findings, with this call's witnesses (solver-reports.ts).
    const entry = this.lastEntry as MemoEntry | undefined;
    if (entry) this.carryFindings(entry, [thisValue, ...args]);
    return summary;
  }

  protected analyse(fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile, closure: Activation | undefined, thisValue: AV, args: AV[]): Summary {
    if (this.summaries?.covers(fn.getSourceFile())) return this.summaries.apply(this, fn, thisValue, args);
    try {
      return new Activation(this, fn, closure, thisValue).run(args);
    } catch (error) {
      // Past the depth guard (program-files.ts), a body the stack still cannot hold: widened, reported, not lost.
      if (!isStackOverflow(error)) throw error;
      return this.widened(fn, thisValue, args, "depth");
    }
  }

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
    this.invalidate((entry) => !entry.files || edited.some((file) => entry.files!.has(file)) || [...entry.globalsRead, ...(entry.globalsAdded ?? [])].some((cell) => dropped.has(cell)));
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
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
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
  const { files, skippedFiles, notifications } = analysableFiles(program);
  const root = projectDirectory(program);
  const shown = (file: string) => path.relative(root, file).split(path.sep).join("/");
  if (options.notifications !== false) notifications.push(...configurationNotifications(program, shown), ...unresolvedImports(program, files, shown));
  phase("files");
  const config = options.config ?? DEFAULT_CONFIG;
  const configKey = JSON.stringify(config);
  const previous = options.previous && canResume(options.previous, program, configKey) ? options.previous : undefined;
  const engine = new Engine(program, checker, files, config, previous);
  if (options.keepState && !previous) engine.keepState();
  const summaries = options.summaries;
  if (summaries) {
    engine.summaries = summaries;
    summaries.seed(engine.globals, engine);
  }
  phase("model");
  const functions = engine.run(summaries ? files.filter((file) => !summaries.covers(file)) : files);
  phase("summaries");
  if (options.keepState) rememberState(program, engine.state(configKey));
  const untyped = engine.untypedReads.notification(root);
  if (untyped) engine.notifications.push(untyped);
  const forbidden = new Set(config.policy.forbidden);
  const findings = buildFindings(engine.liveFindings().filter(isPolicyFinding).filter((raw) => forbidden.has(raw.sink.purpose)), program);
  const inventory = options.inventory === false ? { sources: [], sinks: [], declassifications: [] } : engine.inventory.build(engine.sourceList());
  phase("findings");
  // After the findings are built: the placeholder runs add flows of their own, which are not findings.
  const exportsOf = options.exportsOf;
  const exports = exportsOf === undefined ? undefined : summarizeExports(engine, files.filter((file) => isWithin(exportsOf, file.fileName)), exportsOf);
  if (process.env.PURPOSE_LINT_TIMING) {
    const parts = Object.entries(phases).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`);
    process.stderr.write(`purpose-lint engine: ${parts.join(" · ")} · ${engine.contexts} contexts\n`);
    if (process.env.PURPOSE_LINT_TIMING === "contexts") process.stderr.write(`${engine.mostContexts(15).join("\n")}\n`);
  }
  return {
    findings,
    notifications: [...notifications, ...engine.notifications, ...optional(engine.widening.notification(projectDirectory(program)))],
    inventory,
    skippedFiles,
    ...(exports ? { exports } : {}),
    stats: { files: files.length, functions, contexts: engine.contexts, elapsedMs: performance.now() - started },
  };
}

/**
 * Candidate discovery: the same analysis with unbranded fields as sources and security uses as targets, run only
 * when asked (`purpose-lint candidates`, the audit). Returns every flow, policy sinks' included, for dual use.
 */
export function discoverFlows(program: TS.Program, discovery: DiscoveryHooks, config: PurposeConfig = DEFAULT_CONFIG): DiscoveryRun {
  const checker = program.getTypeChecker();
  const { files, skippedFiles, notifications } = analysableFiles(program);
  const engine = new Engine(program, checker, files, config, undefined, discovery);
  engine.run(files);
  return { flows: engine.liveFindings(), notifications: [...notifications, ...engine.notifications], skippedFiles };
}
