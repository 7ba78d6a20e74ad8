/**
 * The intraprocedural half of the engine: an abstract interpreter that walks one function body in evaluation
 * order over raw compiler nodes, with a flow-sensitive state for locals (strong updates: reassignment kills
 * taint; branches join; loops iterate to a fixpoint), and hands every call to the solver, which answers with
 * the callee's summary for these abstract inputs.
 *
 * This file holds the `Activation` core: construction, `run` and the summary, and the step budget. The rules
 * live in rooms, by what they interpret, and are attached to the class below:
 *   statements.ts   control flow, loops, try/catch/finally, throw
 *   expressions.ts  operators, literals, templates, property and element reads, object literals, yield
 *   sources.ts      where taint is born: branded declarations and properties, records consumed whole
 *   calls.ts        call evaluation, callee resolution, first-party bodies, declassifiers, sink reports
 *   call-forms.ts   call / apply / bind, Reflect, spread arguments, tagged templates, import()
 *   dispatch.ts     virtual dispatch to implementations allowed by the receiver's type
 *   classes.ts      `new`, field initialisers, `super`, lexical `this` of arrow functions
 *   jsx.ts          elements as calls: components with their props, handlers of the page's elements, children
 *   ../heap.ts      variables, closure cells, access paths, aliases, copy-out of callee mutations
 *   ../models/      library behaviour: builtins, library calls, catalogued SDK roots, the global scope's roots, HTTP requests to vendor endpoints, callback
 *                   registries (registries.ts, registry-calls.ts, registry-index.ts), middleware chains (chains.ts,
 *                   chain-calls.ts: what handlers throw reaches the handlers that catch), stateful libraries such as
 *                   React's hooks (react.ts, stateful-calls.ts)
 *   ../field-cells.ts  the field-based fallback: what any object of a class holds, for unknown receivers
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { tuple } from "../containers.js";
import type { CatalogMatcher, PathMatcher } from "../../catalog/match.js";
import type { EndpointEntry, HttpClientEntry } from "../../catalog/http/types.js";
import type { EndpointMatcher } from "../../catalog/http/match.js";
import type { StaticUrls } from "../static-url.js";
import type { CatalogEntry } from "../../catalog/types.js";
import type { Purpose } from "../findings.js";
import type { Model, SinkInfo } from "../model.js";
import type { BrandedPath } from "../nested-brands.js";
import { allLabels, join, setField, withElements, type AV, type CellKey, type Source } from "../values.js";
import { fieldCellMethods } from "../field-cells.js";
import { heapMethods } from "../heap.js";
import { accessPathMethods } from "../access-paths.js";
import { apiRootMethods } from "../models/api-roots.js";
import { globalMethods } from "../models/globals.js";
import { httpRequestMethods } from "../models/http-requests.js";
import { libraryCallMethods } from "../models/library-calls.js";
import { registryCallMethods } from "../models/registry-calls.js";
import { chainCallMethods } from "../models/chain-calls.js";
import { statefulCallMethods } from "../models/stateful-calls.js";
import { callMethods } from "./calls.js";
import { apiCallMethods } from "./api-calls.js";
import { callFormMethods } from "./call-forms.js";
import { baseClassExpression, classMethods, containsSuperCall, PARAMETER_PROPERTY_MODIFIERS } from "./classes.js";
import { dispatchMethods } from "./dispatch.js";
import { jsxMethods } from "./jsx.js";
import { expressionMethods } from "./expressions.js";
import { sourceMethods } from "./sources.js";
import { State, STEP_BUDGET, THIS } from "./state.js";
import { statementMethods } from "./statements.js";
import { parametersOf, reassignedNames } from "./util.js";
import { symbolOfExpressionName } from "./expression-symbols.js";

/** What a call to a function, in one abstract context, does. */
export interface Summary {
  ret: AV;
  throws: AV;
  /** The receiver's value at exit (fields written by a constructor or method). */
  thisOut: AV;
  /** Each parameter's value at exit, for parameters never reassigned (mutations the caller sees). */
  paramsOut: AV[];
  /** What was passed to functions the analysis cannot see (a Promise executor's `resolve`). */
  calls?: AV;
  /** Requests whose URL comes from parameters (see models/http-requests.ts): the caller's arguments complete it. */
  forwards?: readonly RequestForward[];
}

/** A request a function makes to a URL built from its parameters: `fetch(url, …)` in `post(url, body)`. */
export interface RequestForward {
  /** The URL with PARAM markers where the parameters go. */
  template: string;
  /** The HTTP client, for the trace ("fetch"). */
  client: string;
}

/** The solver's side of the interface: summaries, sources, findings and module state. */
export interface Solver {
  readonly checker: TS.TypeChecker;
  readonly model: Model;
  summarize(decl: TS.SignatureDeclaration | TS.ClassLikeDeclaration, closure: Activation | undefined, thisValue: AV, args: AV[]): Summary;
  isFirstParty(node: TS.Node): boolean;
  source(node: TS.Node, field: string, name: string, kind: Source["kind"], declaration?: TS.Node): Source;
  /** `call` is the call site (a call, `new`, a tagged template, a JSX element); `argNodes` align with `args`. */
  reportSink(call: TS.Node, sink: SinkInfo, args: AV[], argNodes: readonly TS.Node[]): void;
  /** A branded field some record in a sink argument holds, by the argument's type; cached by node. */
  heldRecordIn(argExpr: TS.Node): { field: string; name: string } | null;
  /** For the audit's coverage: a catalogued API's call that is no sink, a tracking-looking request that matched nothing. */
  otherApiCall(apiPath: string, call: TS.Node): void;
  uncoveredRequest(url: string, client: string, call: TS.Node): void;
  readonly catalog: CatalogMatcher;
  readonly configSinks: ReadonlySet<CatalogEntry>;
  /** Modules whose imports, and global names whose reads, get API paths (see models/api-roots.ts, models/globals.ts). */
  readonly apiModules: ReadonlySet<string>;
  readonly apiGlobals: ReadonlySet<string>;
  /** HTTP clients, vendor endpoints (built-in and configured) and the URL evaluator (see models/http-requests.ts). */
  readonly http: PathMatcher<HttpClientEntry>;
  readonly endpoints: EndpointMatcher;
  readonly configEndpoints: ReadonlySet<EndpointEntry>;
  readonly staticUrls: StaticUrls;
  /** Symbols by node for this run's checker (see `Activation.symbolAt`). */
  readonly symbols: Map<TS.Node, TS.Symbol | undefined>;
  /** The branded fields of the record an expression names, by node (see `Activation.withBrandedFields`). */
  readonly brandedFieldsAt: Map<TS.Node, readonly BrandedPath[]>;
  /** Calls whose type says they answer a boolean (or nothing), by node: asked once per run, not per context. */
  readonly booleanCalls: Map<TS.Node, boolean>;
  /** The catalogued API instance a declaration's type names, by declaration (see `Activation.apiOfDeclaredType`). */
  readonly declaredApiAt: Map<TS.Node, AV>;
  /** Names declared with a catalogued module's type: the filter before `apiOfDeclaredType` asks the checker. */
  sdkTypedNames(): ReadonlySet<string>;
  /** Whether the program imports a callback registry's module (models/registries.ts): gates checker queries. */
  usesRegistries(): boolean;
  /** The classes a call's receiver is typed as, by node (see `Activation.receiverClasses`). */
  readonly receiverClassesAt: Map<TS.Node, readonly TS.Node[]>;
  /** Module state and heap cells (a module variable's symbol, a field's member symbol, a field name, a registry channel). */
  readGlobal(cell: CellKey): AV;
  writeGlobal(cell: CellKey, value: AV): void;
  /** Evaluates a container that is only added to, without making the current summary depend on its cells. */
  peekGlobals<T>(evaluate: () => T): T;
  /** Records a declassification; returns the value to follow onward for the audit (not a violation). */
  declassified(call: TS.CallExpression, value: AV): AV;
  zoneRead(source: Source, node: TS.Node, zone: { purpose: Purpose; glob: string }): void;
  budgetExhausted(activation: Activation): void;
  /** A branded name read on a value whose type does not resolve it (see untyped-reads.ts). */
  untypedRead(name: TS.Node, treatedAsSource: boolean): void;
}

type StatementMethods = typeof statementMethods;
type ExpressionMethods = typeof expressionMethods;
type SourceMethods = typeof sourceMethods;
type CallMethods = typeof callMethods;
type ApiCallMethods = typeof apiCallMethods;
type CallFormMethods = typeof callFormMethods;
type DispatchMethods = typeof dispatchMethods;
type ClassMethods = typeof classMethods;
type HeapMethods = typeof heapMethods;
type AccessPathMethods = typeof accessPathMethods;
type LibraryCallMethods = typeof libraryCallMethods;
type ApiRootMethods = typeof apiRootMethods;
type GlobalMethods = typeof globalMethods;
type HttpRequestMethods = typeof httpRequestMethods;
type FieldCellMethods = typeof fieldCellMethods;
type RegistryCallMethods = typeof registryCallMethods;
type ChainCallMethods = typeof chainCallMethods;
type JsxMethods = typeof jsxMethods;
type StatefulCallMethods = typeof statefulCallMethods;

/** The rooms' methods, as members of `Activation` (each is a function taking `this: Activation`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- implemented by attachRooms below
export interface Activation
  extends StatementMethods, ExpressionMethods, SourceMethods, CallMethods, ApiCallMethods, CallFormMethods, DispatchMethods, ClassMethods, HeapMethods, AccessPathMethods, LibraryCallMethods, ApiRootMethods, GlobalMethods, HttpRequestMethods, FieldCellMethods, RegistryCallMethods, ChainCallMethods, JsxMethods, StatefulCallMethods {}

/** One analysis of one function body under one abstract context. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the rooms' methods, see the interface above
export class Activation {
  /** Every value each local held (flow-insensitive), for closures that read it later. */
  readonly allValues = new Map<TS.Symbol, AV>();
  /** Values written to this function's locals by nested closures. */
  readonly closureWrites = new Map<TS.Symbol, AV>();
  /**
   * The state of the expression being evaluated, while the body runs: a closure called from here (a callback run
   * during the call) sees its variables' values as they are now. Undefined once the body has run (see `capturedValue`).
   */
  liveState: State | undefined;
  ret: AV;
  throws: AV;
  yields: AV;
  calls: AV;
  exit = new State(new Map(), true);
  /** The arguments this body was run with (for `arguments`). */
  args: AV[] = [];
  /** Requests to URLs built from this function's parameters. */
  forwards: RequestForward[] = [];
  steps = 0;
  exhausted = false;
  // Internal to the engine's rooms (statements.ts, calls.ts, …), which run as this class's methods.
  readonly catchStack: AV[] = [];
  readonly jumpTargets: { state: State; loop: boolean }[] = [];
  readonly reassigned: ReadonlySet<string>;

  constructor(
    readonly solver: Solver,
    readonly fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    readonly closure: Activation | undefined,
    readonly thisValue: AV,
  ) {
    this.reassigned = reassignedNames(fn);
  }

  get checker(): TS.TypeChecker {
    return this.solver.checker;
  }

  /** The checker's symbol for a node, cached for the run: the same nodes are evaluated in many contexts. */
  symbolAt(node: TS.Node): TS.Symbol | undefined {
    const cache = this.solver.symbols;
    if (cache.has(node)) return cache.get(node);
    const symbol = symbolOfExpressionName(node, (at) => this.checker.getSymbolAtLocation(at));
    cache.set(node, symbol);
    return symbol;
  }

  /** Runs a function body with the given arguments and returns its summary. */
  run(args: AV[]): Summary {
    this.args = args;
    const st = new State();
    st.set(THIS, this.thisValue);
    const fn = this.fn;
    if (ts.isSourceFile(fn)) {
      this.execStatements(fn.statements, st);
      this.exitWith(st);
      return this.summary([]);
    }
    if (ts.isClassLike(fn)) {
      this.initializeInstance(fn, st);
      const base = baseClassExpression(fn);
      if (base) this.callSuper(base, args, st);
      this.exitWith(st);
      return this.summary([]);
    }
    const params = parametersOf(fn);
    params.forEach((param, index) => {
      let value: AV;
      // A rest parameter keeps its arguments' positions: a wrapper's `fn(...args)` passes each where it was.
      if (param.dotDotDotToken) value = tuple(args.slice(index));
      else value = args[index];
      if (param.initializer) value = join(value, this.eval(param.initializer, st));
      if (!allLabels(value) && this.solver.model.isBrandedDeclaration(param)) {
        value = this.sourceValue(param, param.name, "declaration");
      }
      this.bindName(param.name, value, st);
    });
    if (ts.isConstructorDeclaration(fn) && ts.isClassLike(fn.parent)) {
      // Parameter properties and field initialisers run before the body (after super() in derived classes).
      for (const param of params) {
        if (ts.getModifiers(param)?.some((m) => PARAMETER_PROPERTY_MODIFIERS.has(m.kind)) && ts.isIdentifier(param.name)) {
          const symbol = this.symbolOfDecl(param.name);
          st.set(THIS, setField(st.get(THIS), param.name.text, symbol ? this.readVariable(symbol, st) : undefined));
        }
      }
      this.initializeInstance(fn.parent, st);
      if (baseClassExpression(fn.parent) && !containsSuperCall(fn.body)) this.callSuper(baseClassExpression(fn.parent)!, args, st);
    }
    const body = (fn as TS.FunctionLikeDeclaration).body;
    if (body) {
      if (ts.isBlock(body)) this.execStatements(body.statements, st);
      else this.ret = join(this.ret, this.eval(body, st));
    }
    this.exitWith(st);
    const paramsOut = params.map((param) =>
      // A rest parameter is an array the callee made: nothing to copy back into the argument at its position.
      ts.isIdentifier(param.name) && !param.dotDotDotToken && !this.reassigned.has(param.name.text) ? this.exit.get(this.symbolOfDecl(param.name) ?? THIS) : undefined,
    );
    return this.summary(paramsOut);
  }

  summary(paramsOut: AV[]): Summary {
    this.liveState = undefined;
    let ret = this.ret;
    const fn = this.fn;
    if (!ts.isSourceFile(fn) && !ts.isClassLike(fn) && (fn as TS.FunctionLikeDeclaration).asteriskToken) {
      ret = join(withElements(this.yields), ret);
    }
    return { ret, throws: this.throws, thisOut: this.exit.get(THIS), paramsOut, calls: this.calls, ...(this.forwards.length > 0 ? { forwards: this.forwards } : {}) };
  }

  exitWith(st: State): void {
    this.exit.merge(st);
  }

  /** A thrown value: caught by the innermost `try` being run, else thrown out of the function. */
  raise(value: AV): void {
    if (!value) return;
    const top = this.catchStack.length - 1;
    if (top >= 0) this.catchStack[top] = join(this.catchStack[top], value);
    else this.throws = join(this.throws, value);
  }

  /** Counts one step against the budget; true once it is spent (then nothing more is evaluated). */
  tick(): boolean {
    if (this.exhausted) return true;
    if (++this.steps > STEP_BUDGET) {
      this.exhausted = true;
      this.solver.budgetExhausted(this);
      return true;
    }
    return false;
  }
}

/** Attaches each room's functions as methods: non-enumerable, like methods declared in the class body. */
function attachRooms(rooms: readonly object[]): void {
  for (const room of rooms) {
    for (const [name, method] of Object.entries(room)) {
      Object.defineProperty(Activation.prototype, name, { value: method, writable: true, configurable: true });
    }
  }
}

attachRooms([statementMethods, expressionMethods, sourceMethods, callMethods, apiCallMethods, callFormMethods, dispatchMethods, classMethods, heapMethods, accessPathMethods, libraryCallMethods, apiRootMethods, globalMethods, httpRequestMethods, fieldCellMethods, registryCallMethods, chainCallMethods, jsxMethods, statefulCallMethods]);
