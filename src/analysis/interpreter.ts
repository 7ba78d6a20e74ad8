/**
 * The intraprocedural half of the engine: an abstract interpreter that walks one function body in evaluation
 * order over raw compiler nodes, with a flow-sensitive state for locals (strong updates: reassignment kills
 * taint; branches join; loops iterate to a fixpoint), and hands every call to the solver, which answers with
 * the callee's summary for these abstract inputs.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { CLEAN_PROPERTIES, libraryModel, type LibraryModel } from "./builtins.js";
import type { CatalogMatcher } from "../catalog/match.js";
import type { CatalogEntry } from "../catalog/types.js";
import type { Purpose } from "./findings.js";
import type { Model, SinkInfo } from "./model.js";
import { declarationName, memberName } from "./model.js";
import {
  addElement, addStep, addTaint, apiOf, apiRoot, apiStep, compactKey, member, allLabels, collapse, element, field, functionsOf, isTainted, join, joinAll, keyOf,
  libraryResultOf, onlyFields,
  setField, taintOf, withElements, withFunction, withoutFields, withoutFunctions, type AV, type FunctionValue, type Source,
  type Value,
} from "./values.js";

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
}

/** The solver's side of the interface: summaries, sources, findings and module state. */
export interface Solver {
  readonly checker: TS.TypeChecker;
  readonly model: Model;
  summarize(decl: TS.SignatureDeclaration | TS.ClassLikeDeclaration, closure: Activation | undefined, thisValue: AV, args: AV[]): Summary;
  isFirstParty(node: TS.Node): boolean;
  source(node: TS.Node, field: string, name: string, kind: Source["kind"], declaration?: TS.Node): Source;
  reportSink(call: TS.CallExpression | TS.NewExpression, sink: SinkInfo, args: AV[], argNodes: readonly TS.Expression[]): void;
  readonly catalog: CatalogMatcher;
  readonly configSinks: ReadonlySet<CatalogEntry>;
  /** Symbols by node for this run's checker (see `Activation.symbolAt`). */
  readonly symbols: Map<TS.Node, TS.Symbol | undefined>;
  /** The branded fields of the record an expression names, by node (see `Activation.withBrandedFields`). */
  readonly brandedFieldsAt: Map<TS.Node, readonly TS.Symbol[]>;
  /** The catalogued API instance a declaration's type names, by declaration (see `Activation.apiOfDeclaredType`). */
  readonly declaredApiAt: Map<TS.Node, AV>;
  /** Names declared with a catalogued module's type: the filter before `apiOfDeclaredType` asks the checker. */
  sdkTypedNames(): ReadonlySet<string>;
  /** The classes a call's receiver is typed as, by node (see `Activation.receiverClasses`). */
  readonly receiverClassesAt: Map<TS.Node, readonly TS.Node[]>;
  readGlobal(symbol: TS.Symbol): AV;
  writeGlobal(symbol: TS.Symbol, value: AV): void;
  /** Records a declassification; returns the value to follow onward for the audit (not a violation). */
  declassified(call: TS.CallExpression, value: AV): AV;
  zoneRead(source: Source, node: TS.Node, zone: { purpose: Purpose; glob: string }): void;
  budgetExhausted(activation: Activation): void;
}

const THIS: object = { this: true };
type VarKey = TS.Symbol | object;

/** A flow-sensitive environment for one program point. */
/** A local known to hold the object at an access path (`const list = (this.handlers[k] ??= [])`). */
interface Alias {
  root: VarKey;
  steps: (string | null)[];
}

class State {
  constructor(
    public vars: Map<VarKey, AV> = new Map(),
    public dead = false,
    public aliases: Map<VarKey, Alias> = new Map(),
  ) {}
  clone(): State {
    return new State(new Map(this.vars), this.dead, new Map(this.aliases));
  }
  get(key: VarKey): AV {
    return this.vars.get(key);
  }
  set(key: VarKey, value: AV): void {
    if (value) this.vars.set(key, value);
    else this.vars.delete(key);
  }
  /** Join another state into this one (control-flow merge). */
  merge(other: State): void {
    if (other.dead) return;
    if (this.dead) {
      this.vars = new Map(other.vars);
      this.aliases = new Map(other.aliases);
      this.dead = false;
      return;
    }
    for (const [key, value] of other.vars) this.set(key, join(this.vars.get(key), value));
    for (const [key, alias] of this.aliases) {
      const theirs = other.aliases.get(key);
      if (!theirs || theirs.root !== alias.root || theirs.steps.join(".") !== alias.steps.join(".")) this.aliases.delete(key);
    }
  }
  key(): string {
    if (this.dead) return "dead";
    return [...this.vars.values()].map(keyOf).sort().join("|");
  }
}

/** Limits that keep one function's analysis finite whatever the code looks like. */
const LOOP_ITERATIONS = 4;
const STEP_BUDGET = 200_000;

/** One analysis of one function body under one abstract context. */
export class Activation {
  /** Every value each local held (flow-insensitive), for closures that read it later. */
  readonly allValues = new Map<TS.Symbol, AV>();
  /** Values written to this function's locals by nested closures. */
  readonly closureWrites = new Map<TS.Symbol, AV>();
  ret: AV;
  throws: AV;
  yields: AV;
  calls: AV;
  exit = new State(new Map(), true);
  steps = 0;
  exhausted = false;
  private readonly catchStack: AV[] = [];
  private readonly reassigned: Set<string>;

  constructor(
    readonly solver: Solver,
    readonly fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    readonly closure: Activation | undefined,
    readonly thisValue: AV,
  ) {
    this.reassigned = reassignedNames(fn);
  }

  private get checker() {
    return this.solver.checker;
  }

  /** The checker's symbol for a node, cached for the run: the same nodes are evaluated in many contexts. */
  private symbolAt(node: TS.Node): TS.Symbol | undefined {
    const cache = this.solver.symbols;
    if (cache.has(node)) return cache.get(node);
    const symbol = this.checker.getSymbolAtLocation(node);
    cache.set(node, symbol);
    return symbol;
  }

  // ───────────────────────────── entry points ─────────────────────────────

  /** Runs a function body with the given arguments and returns its summary. */
  run(args: AV[]): Summary {
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
    const params = fn.parameters;
    params.forEach((param, index) => {
      let value: AV;
      if (param.dotDotDotToken) value = withElements(joinAll(args.slice(index)));
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
          st.set(THIS, setField(st.get(THIS), param.name.text, this.readName(param.name, st)));
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
      ts.isIdentifier(param.name) && !this.reassigned.has(param.name.text) ? this.exit.get(this.symbolOfDecl(param.name) ?? THIS) : undefined,
    );
    return this.summary(paramsOut);
  }

  private summary(paramsOut: AV[]): Summary {
    let ret = this.ret;
    const fn = this.fn;
    if (!ts.isSourceFile(fn) && !ts.isClassLike(fn) && (fn as TS.FunctionLikeDeclaration).asteriskToken) {
      ret = join(withElements(this.yields), ret);
    }
    return { ret, throws: this.throws, thisOut: this.exit.get(THIS), paramsOut, calls: this.calls };
  }

  private exitWith(st: State): void {
    this.exit.merge(st);
  }

  private initializeInstance(cls: TS.ClassLikeDeclaration, st: State): void {
    for (const member of cls.members) {
      if (!ts.isPropertyDeclaration(member) || !member.initializer || isStatic(member)) continue;
      const name = memberName(member.name);
      if (name === undefined) continue;
      st.set(THIS, setField(st.get(THIS), name, this.eval(member.initializer, st)));
    }
  }

  private callSuper(base: TS.Expression, args: AV[], st: State): void {
    const decl = this.classDeclarationOf(base);
    if (!decl) {
      // A library base (`class ExportError extends Error`): like `new Error(message)`, the object carries what
      // its constructor was given.
      const given = collapse(joinAll(args.map(withoutFunctions)));
      if (given) st.set(THIS, join(st.get(THIS), this.libraryStep(given, base, `passed to super ${base.getText()}`)));
      return;
    }
    const out = this.solver.summarize(constructorOf(decl) ?? decl, undefined, st.get(THIS), args);
    st.set(THIS, join(st.get(THIS), out.thisOut));
    this.raise(out.throws);
  }

  // ───────────────────────────── statements ─────────────────────────────

  private execStatements(statements: readonly TS.Statement[], st: State): void {
    for (const statement of statements) {
      if (st.dead) return;
      this.exec(statement, st);
    }
  }

  private exec(node: TS.Statement, st: State): void {
    if (this.tick()) return;
    switch (node.kind) {
      case ts.SyntaxKind.Block:
        this.execStatements((node as TS.Block).statements, st);
        return;
      case ts.SyntaxKind.VariableStatement:
        this.declareList((node as TS.VariableStatement).declarationList, st);
        return;
      case ts.SyntaxKind.ExpressionStatement:
        this.eval((node as TS.ExpressionStatement).expression, st);
        return;
      case ts.SyntaxKind.ReturnStatement: {
        const expr = (node as TS.ReturnStatement).expression;
        if (expr) this.ret = join(this.ret, this.eval(expr, st));
        this.exitWith(st);
        st.dead = true;
        return;
      }
      case ts.SyntaxKind.IfStatement: {
        const s = node as TS.IfStatement;
        this.eval(s.expression, st);
        const other = st.clone();
        this.exec(s.thenStatement, st);
        if (s.elseStatement) this.exec(s.elseStatement, other);
        st.merge(other);
        return;
      }
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement: {
        const s = node as TS.ForOfStatement | TS.ForInStatement;
        const collection = this.eval(s.expression, st);
        const item = ts.isForOfStatement(s) ? element(collection) : undefined;
        this.loop(st, (body) => {
          if (ts.isVariableDeclarationList(s.initializer)) {
            const decl = s.initializer.declarations[0];
            if (decl) this.bindName(decl.name, item, body);
          } else {
            this.assignTo(s.initializer, item, body);
          }
          this.exec(s.statement, body);
        });
        return;
      }
      case ts.SyntaxKind.ForStatement: {
        const s = node as TS.ForStatement;
        if (s.initializer) {
          if (ts.isVariableDeclarationList(s.initializer)) this.declareList(s.initializer, st);
          else this.eval(s.initializer, st);
        }
        this.loop(st, (body) => {
          if (s.condition) this.eval(s.condition, body);
          this.exec(s.statement, body);
          if (s.incrementor) this.eval(s.incrementor, body);
        });
        return;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement: {
        const s = node as TS.WhileStatement | TS.DoStatement;
        this.loop(st, (body) => {
          this.eval(s.expression, body);
          this.exec(s.statement, body);
        });
        return;
      }
      case ts.SyntaxKind.TryStatement: {
        const s = node as TS.TryStatement;
        this.catchStack.push(undefined);
        const before = st.clone();
        this.exec(s.tryBlock, st);
        const thrown = this.catchStack.pop();
        if (s.catchClause) {
          const handler = before;
          handler.merge(st);
          handler.dead = false;
          const binding = s.catchClause.variableDeclaration;
          if (binding) this.bindName(binding.name, thrown, handler);
          this.exec(s.catchClause.block, handler);
          st.merge(handler);
        } else {
          this.raise(thrown);
        }
        if (s.finallyBlock) {
          const wasDead = st.dead;
          st.dead = false;
          this.exec(s.finallyBlock, st);
          st.dead = st.dead || wasDead;
        }
        return;
      }
      case ts.SyntaxKind.ThrowStatement: {
        this.raise(this.eval((node as TS.ThrowStatement).expression, st));
        st.dead = true;
        return;
      }
      case ts.SyntaxKind.SwitchStatement: {
        const s = node as TS.SwitchStatement;
        this.eval(s.expression, st);
        const entry = st.clone();
        const out = new State(new Map(), true);
        this.jumpTargets.push({ state: out, loop: false });
        let fall: State | undefined;
        for (const clause of s.caseBlock.clauses) {
          const branch = entry.clone();
          if (fall && !fall.dead) branch.merge(fall);
          if (ts.isCaseClause(clause)) this.eval(clause.expression, branch);
          this.execStatements(clause.statements, branch);
          fall = branch;
          out.merge(branch);
        }
        this.jumpTargets.pop();
        if (!s.caseBlock.clauses.some(ts.isDefaultClause)) out.merge(entry);
        st.vars = out.vars;
        st.aliases = out.aliases;
        st.dead = out.dead;
        return;
      }
      case ts.SyntaxKind.LabeledStatement:
        this.exec((node as TS.LabeledStatement).statement, st);
        return;
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        // The path continues after the loop or switch (a loop also joins it into its next pass).
        const loopOnly = node.kind === ts.SyntaxKind.ContinueStatement;
        const target = [...this.jumpTargets].reverse().find((t) => !loopOnly || t.loop);
        target?.state.merge(st);
        st.dead = true;
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.EmptyStatement:
      case ts.SyntaxKind.DebuggerStatement:
        return;
      case ts.SyntaxKind.ExportAssignment:
        this.eval((node as TS.ExportAssignment).expression, st);
        return;
      case ts.SyntaxKind.ModuleDeclaration: {
        const body = (node as TS.ModuleDeclaration).body;
        if (body && ts.isModuleBlock(body)) this.execStatements(body.statements, st);
        return;
      }
      default:
        ts.forEachChild(node, (child) => {
          if (ts.isExpression(child)) this.eval(child, st);
        });
    }
  }

  private readonly jumpTargets: { state: State; loop: boolean }[] = [];

  /** Runs a loop body to a fixpoint over the locals; the loop may also run zero times. */
  private loop(st: State, body: (state: State) => void): void {
    const exits = new State(new Map(), true);
    this.jumpTargets.push({ state: exits, loop: true });
    let previous = st.key();
    for (let i = 0; i < LOOP_ITERATIONS; i++) {
      const pass = st.clone();
      body(pass);
      st.merge(pass);
      st.merge(exits);
      const now = st.key();
      if (now === previous) break;
      previous = now;
    }
    this.jumpTargets.pop();
  }

  private declareList(list: TS.VariableDeclarationList, st: State): void {
    for (const decl of list.declarations) {
      let value = decl.initializer ? this.eval(decl.initializer, st) : undefined;
      if (!allLabels(value) && this.solver.model.isBrandedDeclaration(decl)) {
        value = join(value, this.sourceValue(decl, decl.name, "declaration"));
      }
      this.bindName(decl.name, value, st);
      if (decl.initializer && ts.isIdentifier(decl.name)) this.recordAlias(decl.name, decl.initializer, st);
    }
  }

  /** Remembers that a local names an object reachable by an access path, so mutations through it reach the path. */
  private recordAlias(name: TS.Identifier, init: TS.Expression, st: State): void {
    let expr = skipOuter(init);
    if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) {
      expr = skipOuter(expr.left);
    }
    if (!ts.isPropertyAccessExpression(expr) && !ts.isElementAccessExpression(expr)) return;
    const path = this.staticPath(expr);
    const symbol = this.symbolOfDecl(name);
    if (path && symbol) st.aliases.set(symbol, path);
  }

  /** An access path with its root resolved to a variable key, without evaluating anything. */
  private staticPath(node: TS.Expression): Alias | undefined {
    const steps: (string | null)[] = [];
    let current: TS.Expression = node;
    for (;;) {
      current = skipOuter(current);
      if (ts.isPropertyAccessExpression(current)) {
        steps.unshift(current.name.text);
        current = current.expression;
      } else if (ts.isElementAccessExpression(current)) {
        const arg = current.argumentExpression;
        steps.unshift(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) ? arg.text : null);
        current = current.expression;
      } else break;
    }
    if (current.kind === ts.SyntaxKind.ThisKeyword) return { root: THIS, steps };
    if (!ts.isIdentifier(current)) return undefined;
    let symbol = this.symbolAt(current);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol ? { root: symbol, steps } : undefined;
  }

  private raise(value: AV): void {
    if (!value) return;
    const top = this.catchStack.length - 1;
    if (top >= 0) this.catchStack[top] = join(this.catchStack[top], value);
    else this.throws = join(this.throws, value);
  }

  // ───────────────────────────── variables ─────────────────────────────

  private symbolOfDecl(name: TS.Identifier): TS.Symbol | undefined {
    return (name.parent as { symbol?: TS.Symbol }).symbol ?? this.symbolAt(name);
  }

  /** Binds a declaration's name or destructuring pattern. */
  private bindName(name: TS.BindingName, value: AV, st: State): void {
    if (ts.isIdentifier(name)) {
      const symbol = this.symbolOfDecl(name);
      if (symbol) this.writeVariable(symbol, value, st);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      const taken = new Set<string>();
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          this.bindName(el.name, withoutFields(this.withBrandedFields(name, value), taken), st);
          continue;
        }
        const key = el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined);
        const keyName = key && (ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key)) ? key.text : undefined;
        if (keyName !== undefined) taken.add(keyName);
        let member = keyName !== undefined ? this.readProperty(value, keyName, key!, () => this.isBrandedBinding(name, keyName)) : element(value);
        if (el.initializer) member = join(member, this.eval(el.initializer, st));
        this.bindName(el.name, member, st);
      }
      return;
    }
    name.elements.forEach((el, index) => {
      if (ts.isOmittedExpression(el)) return;
      let member = el.dotDotDotToken ? value : positional(value, index);
      if (el.initializer) member = join(member, this.eval(el.initializer, st));
      this.bindName(el.name, member, st);
    });
  }

  /** Where a variable lives: this activation, an enclosing one, or module state. */
  private ownerOf(symbol: TS.Symbol): Activation | "global" | undefined {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl) return undefined;
    const scope = scopeOf(decl);
    if (!scope) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the closure chain starts at this activation
    for (let act: Activation | undefined = this; act; act = act.closure) {
      if (act.fn === scope) return act;
      if (ts.isClassLike(act.fn) && scope === constructorOf(act.fn)) return act;
    }
    if (ts.isSourceFile(scope) || ts.isModuleBlock(scope)) return "global";
    return undefined;
  }

  private writeVariable(symbol: TS.Symbol, value: AV, st: State, rebind = true): void {
    const owner = this.ownerOf(symbol);
    if (owner === this) {
      st.set(symbol, value);
      if (rebind) st.aliases.delete(symbol);
      if (value) {
        const before = this.allValues.get(symbol);
        const after = join(before, value);
        if (after !== before) this.allValues.set(symbol, after);
      }
      if (ts.isSourceFile(this.fn)) this.solver.writeGlobal(symbol, value);
    } else if (owner === "global") {
      this.solver.writeGlobal(symbol, value);
    } else if (owner) {
      const before = owner.closureWrites.get(symbol);
      const after = join(before, value);
      if (after !== before) owner.closureWrites.set(symbol, after);
    }
  }

  private readVariable(symbol: TS.Symbol, st: State): AV {
    const owner = this.ownerOf(symbol);
    if (owner === this) {
      if (ts.isSourceFile(this.fn)) return join(st.get(symbol), this.solver.readGlobal(symbol));
      return join(st.get(symbol), this.closureWrites.get(symbol));
    }
    if (owner === "global") return this.solver.readGlobal(symbol);
    if (owner) return join(owner.allValues.get(symbol), owner.closureWrites.get(symbol));
    return undefined;
  }

  private readName(id: TS.Identifier, st: State): AV {
    let symbol = ts.isShorthandPropertyAssignment(id.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(id.parent)
      : this.symbolAt(id);
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const api = this.apiRootOf(symbol);
      if (api) return api;
      symbol = this.checker.getAliasedSymbol(symbol);
    }
    const decl = symbol.valueDeclaration;
    if (!decl) return undefined;
    if (ts.isFunctionDeclaration(decl) && decl.body) return this.functionValue(decl);
    // A class's static fields are module state, kept on the class's own cell.
    if (ts.isClassDeclaration(decl)) return this.solver.isFirstParty(decl) ? this.solver.readGlobal(symbol) : undefined;
    if (ts.isEnumDeclaration(decl) || ts.isModuleDeclaration(decl)) return undefined;
    if (!this.solver.isFirstParty(decl)) return undefined;
    let value = this.readVariable(symbol, st);
    // A module-level `const f = () => …` read before module init ran in this pass.
    if (!value && ts.isVariableDeclaration(decl) && decl.initializer && isFunctionLike(decl.initializer) && scopeIsModule(decl)) {
      value = this.functionValue(decl.initializer);
    }
    // A parameter typed as an SDK client (`client: Analytics`) is that client, whoever passes it.
    if (!value?.api && ts.isParameter(decl) && decl.type && this.solver.sdkTypedNames().has(id.text)) value = join(value, this.apiOfDeclaredType(id));
    return value;
  }

  /**
   * An import of a catalogued module, followed through first-party re-exports: its API path root. Works from the
   * import's module specifier alone, so SDKs whose types are not installed still match.
   */
  private apiRootOf(symbol: TS.Symbol): Value | undefined {
    const modules = this.solver.catalog.modules;
    if (modules.size === 0) return undefined;
    for (let current: TS.Symbol | undefined = symbol, hops = 0; current && hops < 8; hops++) {
      const decl = current.declarations?.[0];
      if (!decl) return undefined;
      let specifier: TS.Expression | undefined;
      let path = "";
      if (ts.isImportSpecifier(decl) || ts.isExportSpecifier(decl)) {
        const owner = ts.isImportSpecifier(decl) ? decl.parent.parent.parent : decl.parent.parent;
        specifier = owner.moduleSpecifier;
        path = (decl.propertyName ?? decl.name).text;
        if (path === "default") path = "";
      } else if (ts.isImportClause(decl) || ts.isNamespaceImport(decl) || ts.isNamespaceExport(decl)) {
        if (ts.isImportClause(decl)) specifier = decl.parent.moduleSpecifier;
        else if (ts.isNamespaceImport(decl)) specifier = decl.parent.parent.moduleSpecifier;
        else specifier = (decl.parent).moduleSpecifier;
      } else if (ts.isImportEqualsDeclaration(decl) && ts.isExternalModuleReference(decl.moduleReference)) {
        specifier = decl.moduleReference.expression;
      } else return undefined;
      if (specifier && ts.isStringLiteral(specifier) && modules.has(specifier.text)) return apiRoot(specifier.text, path);
      current = this.checker.getImmediateAliasedSymbol(current);
    }
    return undefined;
  }

  // ───────────────────────────── expressions ─────────────────────────────

  private tick(): boolean {
    if (this.exhausted) return true;
    if (++this.steps > STEP_BUDGET) {
      this.exhausted = true;
      this.solver.budgetExhausted(this);
      return true;
    }
    return false;
  }

  eval(node: TS.Expression, st: State): AV {
    if (this.tick()) return undefined;
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.readName(node as TS.Identifier, st);
      case ts.SyntaxKind.ThisKeyword:
        return st.get(THIS);
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.RegularExpressionLiteral:
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
      case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.SuperKeyword:
        return undefined;
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.AwaitExpression:
      case ts.SyntaxKind.PartiallyEmittedExpression:
        return this.eval((node as TS.ParenthesizedExpression).expression, st);
      case ts.SyntaxKind.PropertyAccessExpression:
        return this.evalPropertyAccess(node as TS.PropertyAccessExpression, st);
      case ts.SyntaxKind.ElementAccessExpression:
        return this.evalElementAccess(node as TS.ElementAccessExpression, st);
      case ts.SyntaxKind.CallExpression:
        return this.evalCall(node as TS.CallExpression, st);
      case ts.SyntaxKind.NewExpression:
        return this.evalNew(node as TS.NewExpression, st);
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.evalObject(node as TS.ObjectLiteralExpression, st);
      case ts.SyntaxKind.ArrayLiteralExpression: {
        let out: AV;
        for (const el of (node as TS.ArrayLiteralExpression).elements) {
          if (ts.isSpreadElement(el)) out = addElement(out, element(this.eval(el.expression, st)));
          else if (!ts.isOmittedExpression(el)) out = addElement(out, this.eval(el, st));
        }
        return out;
      }
      case ts.SyntaxKind.TemplateExpression: {
        let out: AV;
        for (const span of (node as TS.TemplateExpression).templateSpans) out = join(out, collapse(this.eval(span.expression, st)));
        return out;
      }
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const tagged = node as TS.TaggedTemplateExpression;
        let out: AV;
        if (ts.isTemplateExpression(tagged.template)) {
          for (const span of tagged.template.templateSpans) out = join(out, collapse(this.eval(span.expression, st)));
        }
        return out;
      }
      case ts.SyntaxKind.BinaryExpression:
        return this.evalBinary(node as TS.BinaryExpression, st);
      case ts.SyntaxKind.ConditionalExpression: {
        const c = node as TS.ConditionalExpression;
        this.eval(c.condition, st);
        const other = st.clone();
        const a = this.eval(c.whenTrue, st);
        const b = this.eval(c.whenFalse, other);
        st.merge(other);
        return join(a, b);
      }
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression: {
        const operand = (node as TS.PrefixUnaryExpression).operand;
        this.eval(operand, st);
        return undefined;
      }
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.VoidExpression:
      case ts.SyntaxKind.DeleteExpression:
        this.eval((node as TS.TypeOfExpression).expression, st);
        return undefined;
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return this.functionValue(node as TS.ArrowFunction);
      case ts.SyntaxKind.ClassExpression:
        return undefined;
      case ts.SyntaxKind.YieldExpression: {
        const y = node as TS.YieldExpression;
        if (y.expression) {
          const value = this.eval(y.expression, st);
          this.yields = join(this.yields, y.asteriskToken ? element(value) : value);
        }
        return undefined;
      }
      case ts.SyntaxKind.SpreadElement:
        return this.eval((node as TS.SpreadElement).expression, st);
      case ts.SyntaxKind.CommaListExpression: {
        let last: AV;
        for (const el of (node as TS.CommaListExpression).elements) last = this.eval(el, st);
        return last;
      }
      default: {
        let out: AV;
        ts.forEachChild(node, (child) => {
          if (ts.isExpression(child)) out = join(out, collapse(this.eval(child, st)));
        });
        return out;
      }
    }
  }

  private functionValue(decl: TS.SignatureDeclaration): Value {
    const closure = scopeOf(decl) === undefined || scopeIsModule(decl) ? undefined : this;
    const thisValue = ts.isArrowFunction(decl) ? this.thisValue : undefined;
    const fv: FunctionValue = { decl, closure, key: `${nodeKey(decl)}` };
    const captured = closure ? closure.captureKeyFor(decl) : "";
    const thisKey = thisValue ? keyOf(thisValue) : "";
    if (captured || thisKey) fv.key = `${fv.key}(${compactKey(`${captured}/${thisKey}`)})`;
    (fv as FunctionValue & { thisValue?: AV }).thisValue = thisValue;
    return withFunction(fv);
  }

  /**
   * Identity of what a closure created here captures: the values of the enclosing functions' locals it reads.
   * Only those: in a large function (generated module factories hold hundreds of locals) a key over every local
   * would change with each assignment and give every closure a context of its own.
   */
  captureKeyFor(decl: TS.Node): string {
    let key = "";
    for (const symbol of freeVariables(decl, (node) => this.symbolAt(node))) {
      const owner = this.ownerOf(symbol);
      if (!owner || owner === "global") continue;
      const k = keyOf(join(owner.allValues.get(symbol), owner.closureWrites.get(symbol)));
      if (k) key += `${nodeKey(symbol)}=${k};`;
    }
    return compactKey(key);
  }


  private evalPropertyAccess(node: TS.PropertyAccessExpression, st: State): AV {
    const object = this.eval(node.expression, st);
    const value = this.readProperty(object, node.name.text, node.name);
    // `this.cio.identify(…)` in a method run without its constructor: the field's declared SDK type says what it is.
    if (value?.api || !this.solver.sdkTypedNames().has(node.name.text)) return value;
    return join(value, this.apiOfDeclaredType(node.name));
  }

  /**
   * The catalogued API instance a property or variable is declared as (`private readonly cio: TrackClient`, a
   * `client: Analytics` parameter), from the import its type annotation names: the same path `new TrackClient()`
   * gives, with or without the SDK's types installed.
   */
  private apiOfDeclaredType(name: TS.Node): AV {
    const decl = this.symbolAt(name)?.valueDeclaration;
    if (!decl) return undefined;
    const cache = this.solver.declaredApiAt;
    if (cache.has(decl)) return cache.get(decl);
    let api: AV;
    const typeNode = (ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl) || ts.isVariableDeclaration(decl)) ? decl.type : undefined;
    for (const part of typeNode && ts.isUnionTypeNode(typeNode) ? typeNode.types : typeNode ? [typeNode] : []) {
      if (!ts.isTypeReferenceNode(part)) continue;
      // `TrackClient`, or `sdk.TrackClient` through a namespace import: the import's root, then each name.
      const names: string[] = [];
      let head: TS.EntityName = part.typeName;
      for (; ts.isQualifiedName(head); head = head.left) names.unshift(head.right.text);
      const symbol = this.symbolAt(head);
      const root = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.apiRootOf(symbol) : undefined;
      if (root) api = join(api, apiStep(names.reduce<AV>(apiStep, root), "()"));
    }
    cache.set(decl, api);
    return api;
  }

  /** Destructuring reads a property the checker knows by the pattern's type, not by the binding's name. */
  private isBrandedBinding(pattern: TS.ObjectBindingPattern, name: string): boolean {
    const type = this.checker.getTypeAtLocation(pattern);
    const property = this.checker.getPropertyOfType(this.checker.getApparentType(type), name);
    return property !== undefined && this.solver.model.isBrandedSymbol(property);
  }

  /** Reads a named property: the object's field, a branded property (a source), or a getter's result. */
  private readProperty(object: AV, name: string, nameNode: TS.Node, isBranded?: () => boolean): AV {
    let value = CLEAN_PROPERTIES.has(name) ? undefined : member(object, name);
    const model = this.solver.model;
    if (model.brandedPropertyNames.has(name) && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode))) {
      const branded = isBranded ? isBranded() : model.isBrandedProperty(nameNode);
      if (branded && !allLabels(field(object, name))) {
        value = join(value, this.sourceValue(nameNode, nameNode, "property", isBranded !== undefined));
      }
    }
    if (model.getterNames.has(name)) {
      const symbol = this.symbolAt(nameNode);
      const getter = symbol?.declarations?.find(ts.isGetAccessorDeclaration);
      if (getter?.body && this.solver.isFirstParty(getter)) {
        const out = this.solver.summarize(getter, undefined, object, []);
        value = join(value, addStep(out.ret, nameNode, `returned from getter ${name}`, "return"));
      }
    }
    return value;
  }

  /** A fresh source label at `node`: "read twoFactorPhone". */
  private sourceValue(decl: TS.Node, name: TS.Node, kind: Source["kind"], destructured = false): AV {
    const text = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : name.getText();
    let declaration: TS.Node | undefined = kind === "declaration" ? decl : undefined;
    if (kind === "property") {
      const symbol = destructured
        ? this.checker.getPropertyOfType(this.checker.getApparentType(this.checker.getTypeAtLocation(name.parent.parent)), text)
        : this.symbolAt(name);
      declaration = symbol?.declarations?.[0];
    }
    return this.sourceAt(kind === "property" ? name : decl, name, text, kind, declaration);
  }

  /**
   * The source label for `text` read at `at` (`Account.twoFactorPhone` when the declaration is a member of a named
   * type), or nothing inside a zone, where the read itself is reported.
   */
  private sourceAt(sourceNode: TS.Node, at: TS.Node, text: string, kind: Source["kind"], declaration: TS.Node | undefined): AV {
    const parent = kind === "property" ? declaration?.parent : undefined;
    let owner = "";
    if (parent && (ts.isInterfaceDeclaration(parent) || ts.isClassLike(parent)) && parent.name) owner = `${parent.name.text}.`;
    else if (parent && ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent)) owner = `${parent.parent.name.text}.`;
    const source = this.solver.source(sourceNode, `${owner}${text}`, text, kind, declaration);
    // Read inside a zone (files that serve a purpose, like an ad system): the violation is the read itself.
    const zone = this.solver.model.zoneOf(at.getSourceFile());
    if (zone) {
      // A branded parameter of a zone function is reported where the zone is called, not again inside it.
      if (kind !== "declaration") this.solver.zoneRead(source, at, zone);
      return undefined;
    }
    const label = { source, trace: { node: at, label: kind === "property" ? `read ${text}` : kind === "return" ? `returned by ${text} as a SecurityContact` : `${text} is a SecurityContact`, kind: "source" as const, prev: undefined, length: 1 } };
    return { t: new Map([[source.id, label]]) };
  }

  /**
   * A record consumed whole — spread, rest, read at an unknown key, handed to a library — with its branded
   * fields read: `{ ...user }` copies `user.twoFactorPhone` as surely as `user.twoFactorPhone` reads it. Sources
   * are otherwise created by property reads, so a parameter's value has no such field until then.
   */
  private withBrandedFields(expr: TS.Node, value: AV): AV {
    const model = this.solver.model;
    if (model.brandedPropertyNames.size === 0 || !mayNameRecord(expr)) return value;
    const cache = this.solver.brandedFieldsAt;
    let fields = cache.get(expr);
    if (fields === undefined) {
      fields = model.brandedFieldsOf(this.checker.getTypeAtLocation(expr));
      cache.set(expr, fields);
    }
    let out = value;
    for (const property of fields) {
      if (allLabels(field(out, property.name))) continue;
      const read = this.sourceAt(expr, expr, property.name, "property", property.declarations?.[0]);
      if (read) out = setField(out, property.name, read);
    }
    return out;
  }

  private evalElementAccess(node: TS.ElementAccessExpression, st: State): AV {
    const object = this.eval(node.expression, st);
    const arg = node.argumentExpression;
    if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return this.readProperty(object, arg.text, arg);
    this.eval(arg, st);
    return element(this.withBrandedFields(node.expression, object));
  }

  private evalObject(node: TS.ObjectLiteralExpression, st: State): AV {
    let out: AV;
    for (const prop of node.properties) {
      if (ts.isSpreadAssignment(prop)) {
        out = join(out, this.withBrandedFields(prop.expression, this.eval(prop.expression, st)));
        continue;
      }
      const name = prop.name && memberName(prop.name);
      let value: AV;
      if (ts.isPropertyAssignment(prop)) value = this.eval(prop.initializer, st);
      else if (ts.isShorthandPropertyAssignment(prop)) value = this.readName(prop.name, st);
      else if (ts.isMethodDeclaration(prop) || ts.isAccessor(prop)) value = prop.body ? this.functionValue(prop) : undefined;
      if (prop.name && ts.isComputedPropertyName(prop.name)) {
        this.eval(prop.name.expression, st);
        out = addElement(out, value);
      } else if (name !== undefined) {
        out = setField(out, name, value);
      }
    }
    return out;
  }

  private evalBinary(node: TS.BinaryExpression, st: State): AV {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      const value = this.eval(node.right, st);
      this.assignTo(node.left, value, st);
      return value;
    }
    if (op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) {
      const current = this.eval(node.left, st);
      const right = this.eval(node.right, st);
      const value =
        op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken
          ? join(op === ts.SyntaxKind.PlusEqualsToken ? collapse(current) : current, op === ts.SyntaxKind.PlusEqualsToken ? collapse(right) : right)
          : undefined;
      this.assignTo(node.left, value, st);
      return value;
    }
    const left = this.eval(node.left, st);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      const other = st.clone();
      const right = this.eval(node.right, other);
      st.merge(other);
      // `a && b` is `a` only when `a` is falsy: an empty string or undefined carries nothing worth tracking.
      return op === ts.SyntaxKind.AmpersandAmpersandToken ? right : join(left, right);
    }
    const right = this.eval(node.right, st);
    if (op === ts.SyntaxKind.PlusToken) return join(collapse(left), collapse(right));
    if (op === ts.SyntaxKind.CommaToken) return right;
    // Comparisons, `in`, `instanceof` and arithmetic other than `+` give booleans and numbers.
    return undefined;
  }

  /** Assignment to a variable, a property path, an element or a destructuring pattern. */
  private assignTo(target: TS.Expression, value: AV, st: State): void {
    if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target) || ts.isAsExpression(target)) {
      this.assignTo(target.expression, value, st);
      return;
    }
    if (ts.isIdentifier(target)) {
      const symbol = this.symbolAt(target);
      if (symbol) this.writeVariable(symbol, value, st);
      return;
    }
    if (ts.isObjectLiteralExpression(target)) {
      for (const prop of target.properties) {
        if (ts.isShorthandPropertyAssignment(prop)) this.assignTo(prop.name, field(value, prop.name.text), st);
        else if (ts.isPropertyAssignment(prop)) {
          const name = memberName(prop.name);
          this.assignTo(prop.initializer, name !== undefined ? field(value, name) : element(value), st);
        } else if (ts.isSpreadAssignment(prop)) this.assignTo(prop.expression, value, st);
      }
      return;
    }
    if (ts.isArrayLiteralExpression(target)) {
      target.elements.forEach((el, index) => {
        if (ts.isSpreadElement(el)) this.assignTo(el.expression, value, st);
        else if (!ts.isOmittedExpression(el)) this.assignTo(el, positional(value, index), st);
      });
      return;
    }
    if (ts.isPropertyAccessExpression(target) && this.solver.model.setterNames.has(target.name.text)) {
      const setter = this.symbolAt(target.name)?.declarations?.find(ts.isSetAccessorDeclaration);
      if (setter?.body && this.solver.isFirstParty(setter)) {
        const object = this.eval(target.expression, st);
        const out = this.solver.summarize(setter, undefined, object, [value]);
        this.copyOut(target.expression, object, out.thisOut, st);
        return;
      }
    }
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      const path = this.accessPath(target, st);
      if (!path) {
        this.eval(target.expression, st);
        return;
      }
      this.updatePath(path, value, st, false);
    }
  }

  /** `a.b[i].c` as a root and steps; `undefined` for anything that is not an access path. */
  private accessPath(node: TS.Expression, st: State): { root: TS.Expression; steps: (string | null)[] } | undefined {
    const steps: (string | null)[] = [];
    let current: TS.Expression = node;
    for (;;) {
      if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) {
        current = current.expression;
      } else if (ts.isPropertyAccessExpression(current)) {
        steps.unshift(current.name.text);
        current = current.expression;
      } else if (ts.isElementAccessExpression(current)) {
        const arg = current.argumentExpression;
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) steps.unshift(arg.text);
        else {
          this.eval(arg, st);
          steps.unshift(null);
        }
        current = current.expression;
      } else break;
    }
    if (ts.isIdentifier(current) || current.kind === ts.SyntaxKind.ThisKeyword) return { root: current, steps };
    return undefined;
  }

  /** Writes `value` at an access path: strong for named fields of locals, weak for elements and module state. */
  private updatePath(path: { root: TS.Expression; steps: (string | null)[] }, value: AV, st: State, weak: boolean): void {
    const rootValue = this.eval(path.root, st);
    const write = (current: AV, index: number): AV => {
      if (index === path.steps.length) return weak ? join(current, value) : value;
      const step = path.steps[index];
      if (step === null || step === undefined) return addElement(current, write(element(current), index + 1));
      const inner = write(current?.f?.get(step), index + 1);
      return setField(current, step, inner, index);
    };
    const updated = write(rootValue, 0);
    if (path.root.kind === ts.SyntaxKind.ThisKeyword) st.set(THIS, updated);
    else if (ts.isIdentifier(path.root)) {
      let symbol = this.symbolAt(path.root);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
      if (symbol && this.solver.isFirstParty(symbol.valueDeclaration ?? path.root)) {
        this.writeVariable(symbol, updated, st, false);
        const alias = st.aliases.get(symbol);
        if (alias) this.writeThroughAlias(alias, path.steps, value, st);
      }
    }
  }

  /** A mutation through an alias also reaches the aliased path (weakly: the alias may be stale). */
  private writeThroughAlias(alias: Alias, steps: (string | null)[], value: AV, st: State): void {
    const all = [...alias.steps, ...steps];
    const write = (current: AV, index: number): AV => {
      if (index === all.length) return join(current, value);
      const step = all[index];
      if (step === null || step === undefined) return addElement(current, write(element(current), index + 1));
      return setField(current, step, write(current?.f?.get(step), index + 1), index);
    };
    if (alias.root === THIS) st.set(THIS, write(st.get(THIS), 0));
    else {
      const symbol = alias.root as TS.Symbol;
      this.writeVariable(symbol, write(this.readVariable(symbol, st), 0), st, false);
    }
  }

  /** Merges what a callee did to an argument or receiver back into the caller's access path. */
  private copyOut(expr: TS.Expression | undefined, before: AV, after: AV, st: State): void {
    if (!expr || !after || keyOf(join(before, after)) === keyOf(before)) return;
    if (expr.kind === ts.SyntaxKind.SuperKeyword) {
      st.set(THIS, join(st.get(THIS), after));
      return;
    }
    const path = this.accessPath(expr, st);
    if (path) this.updatePath(path, after, st, true);
  }

  // ───────────────────────────── calls ─────────────────────────────

  private evalArgs(args: readonly TS.Expression[] | undefined, st: State): AV[] {
    const out: AV[] = [];
    for (const arg of args ?? []) {
      if (ts.isSpreadElement(arg)) out.push(element(this.eval(arg.expression, st)));
      else out.push(this.eval(arg, st));
    }
    return out;
  }

  private evalCall(node: TS.CallExpression, st: State): AV {
    const callee = node.expression;
    if (callee.kind === ts.SyntaxKind.SuperKeyword) {
      const args = this.evalArgs(node.arguments, st);
      const cls = ts.findAncestor(node, ts.isClassLike);
      const base = cls && baseClassExpression(cls);
      if (base) this.callSuper(base, args, st);
      return undefined;
    }
    if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require" && node.arguments.length === 1)) {
      // `require("mixpanel")`, `await import("mixpanel")`: a catalogued module's root.
      const specifier = node.arguments[0];
      if (specifier && ts.isStringLiteral(specifier) && this.solver.catalog.modules.has(specifier.text)) return apiRoot(specifier.text, "");
      this.evalArgs(node.arguments, st);
      return undefined;
    }
    let receiverExpr: TS.Expression | undefined;
    let receiver: AV;
    let calleeValue: AV;
    let nameNode: TS.Node | undefined;
    const unwrapped = skipOuter(callee);
    if (ts.isPropertyAccessExpression(unwrapped)) {
      receiverExpr = unwrapped.expression;
      receiver = this.eval(receiverExpr, st);
      nameNode = unwrapped.name;
      calleeValue = CLEAN_PROPERTIES.has(unwrapped.name.text) ? undefined : field(receiver, unwrapped.name.text);
    } else if (ts.isElementAccessExpression(unwrapped)) {
      receiverExpr = unwrapped.expression;
      receiver = this.eval(receiverExpr, st);
      const arg = unwrapped.argumentExpression;
      if (ts.isStringLiteral(arg)) {
        nameNode = arg;
        calleeValue = field(receiver, arg.text);
      } else calleeValue = element(receiver);
    } else {
      nameNode = ts.isIdentifier(unwrapped) ? unwrapped : undefined;
      calleeValue = this.eval(unwrapped, st);
    }
    const args = this.evalArgs(node.arguments, st);
    const result = this.call(node, nameNode, receiverExpr, receiver, calleeValue, args, st);
    return result;
  }

  private evalNew(node: TS.NewExpression, st: State): AV {
    const args = this.evalArgs(node.arguments, st);
    const decl = this.classDeclarationOf(node.expression);
    if (decl) {
      const sink = this.solver.model.sinkOf(decl);
      if (sink) this.solver.reportSink(node, sink, args, node.arguments ?? []);
      const out = this.solver.summarize(constructorOf(decl) ?? decl, undefined, undefined, args);
      this.raise(out.throws);
      return out.thisOut;
    }
    const calleeValue = this.eval(node.expression, st);
    if (calleeValue?.api) {
      this.reportCatalogSinks(node, calleeValue, args);
      return join(collapse(joinAll(args.map(withoutFunctions))), apiStep(calleeValue, "()"));
    }
    const fns = functionsOf(calleeValue);
    if (fns.length > 0) return joinAll(fns.map((fv) => this.invokeFunctionValue(fv, undefined, args, node).thisOut));
    // A library constructor (Map, Set, URL, Error, …): the new object carries its arguments' taint. Function
    // arguments are run (a Promise executor), and what they hand to the library's callbacks (`resolve(x)`) is kept.
    const name = ts.isIdentifier(node.expression) ? node.expression.text : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : "constructor";
    let handed: AV;
    for (const arg of args) {
      for (const fv of functionsOf(arg)) handed = join(handed, this.invokeFunctionValue(fv, undefined, [], node).calls);
    }
    // Containers built from API clients (`new Map([["us", new TrackClient(…)]])`) hand the clients back.
    const value = join(join(collapse(joinAll(args.map(withoutFunctions))), handed), withElements(apiOf(joinAll(args))));
    return this.libraryStep(value, node, `passed through new ${name}`);
  }

  private classDeclarationOf(expr: TS.Expression): TS.ClassLikeDeclaration | undefined {
    let symbol = this.symbolAt(skipOuter(expr));
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const decl = symbol.declarations?.find(ts.isClassLike);
    return decl && this.solver.isFirstParty(decl) ? decl : undefined;
  }

  /** Resolves and runs a call: function values first, then the checker's static target, then library models. */
  private call(
    node: TS.CallExpression,
    nameNode: TS.Node | undefined,
    receiverExpr: TS.Expression | undefined,
    receiver: AV,
    calleeValue: AV,
    args: AV[],
    st: State,
  ): AV {
    if (calleeValue?.api) return this.apiCall(node, calleeValue, nameNode, receiverExpr, receiver, args, st);
    const fns = functionsOf(calleeValue);
    const named = nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode)) ? nameNode.text : undefined;
    if (fns.length === 0 && receiverExpr && named !== undefined && !this.solver.model.callableNames.has(named)) {
      return this.libraryCall(node, nameNode, receiverExpr, receiver, args, undefined, st);
    }
    const targets = fns.length > 0 ? [] : this.staticTargets(nameNode);
    let ret: AV;
    let thisOut: AV;
    const paramsOut: AV[] = [];
    const merge = (out: Summary) => {
      ret = join(ret, out.ret);
      thisOut = join(thisOut, out.thisOut);
      out.paramsOut.forEach((value, i) => (paramsOut[i] = join(paramsOut[i], value)));
      this.raise(out.throws);
    };
    if (fns.length > 0) {
      for (const fv of fns) {
        const out = this.invokeFunctionValue(fv, receiver, args, node);
        merge(this.writeLexicalThis(fv, out, st));
      }
    } else if (targets.length > 0) {
      for (const decl of targets) {
        const handled = this.invokeDeclaration(decl, receiver, args, node, st);
        if (handled) merge(handled);
      }
    } else {
      return this.libraryCall(node, nameNode, receiverExpr, receiver, args, undefined, st);
    }
    if (receiverExpr) this.copyOut(receiverExpr, receiver, thisOut, st);
    node.arguments.forEach((arg, i) => {
      if (!ts.isSpreadElement(arg)) this.copyOut(arg, args[i], paramsOut[i], st);
    });
    return ret;
  }

  /** A call on a third-party API object: a catalog sink if its path matches; otherwise a library call that keeps the path. */
  private apiCall(
    node: TS.CallExpression,
    calleeValue: Value,
    nameNode: TS.Node | undefined,
    receiverExpr: TS.Expression | undefined,
    receiver: AV,
    args: AV[],
    st: State,
  ): AV {
    // A vendor's response (ids, statuses) is not the identifier that was sent; a builder (`Identify().set(…)`,
    // `UserData().setPhone(…)`) keeps what it was given, and other API calls pass taint on.
    const matched = this.reportCatalogSinks(node, calleeValue, args);
    if (matched.length > 0 && !matched.some((entry) => entry.fluent === true || entry.path.endsWith("*"))) return apiStep(calleeValue, "()");
    const result = this.libraryCall(node, nameNode, receiverExpr, receiver, args, undefined, st);
    return join(result, apiStep(calleeValue, "()"));
  }

  private reportCatalogSinks(node: TS.CallExpression | TS.NewExpression, calleeValue: Value, args: AV[]): CatalogEntry[] {
    const reported = new Set<CatalogEntry>();
    for (const path of calleeValue.api ?? []) {
      for (const entry of this.solver.catalog.match(path)) {
        if (reported.has(entry) || !conditionHolds(entry, node)) continue;
        reported.add(entry);
        const sink: SinkInfo = { purpose: entry.purpose, callee: `${entry.vendor} ${entry.path}`, origin: this.solver.configSinks.has(entry) ? "config" : "catalog" };
        if (entry.arguments) sink.arguments = entry.arguments;
        this.solver.reportSink(node, sink, args, node.arguments ?? []);
      }
    }
    return [...reported];
  }

  /** Declarations a call's name resolves to (overloads folded to the implementation). */
  private staticTargets(nameNode: TS.Node | undefined): TS.Declaration[] {
    if (!nameNode) return [];
    let symbol = this.symbolAt(nameNode);
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const decls = symbol.declarations ?? [];
    const withBody = decls.filter((d) => (d as TS.FunctionLikeDeclaration).body !== undefined);
    return withBody.length > 0 && withBody.length < decls.length ? [...withBody, ...decls.filter((d) => !withBody.includes(d) && this.solver.model.sinkOf(d))] : decls;
  }

  /** Runs one resolved declaration; `undefined` when the call was fully handled here (sink, library). */
  private invokeDeclaration(decl: TS.Declaration, receiver: AV, args: AV[], node: TS.CallExpression, st: State): Summary | undefined {
    const model = this.solver.model;
    if (this.isSanitizer(decl)) return { ...EMPTY_SUMMARY, ret: this.solver.declassified(node, args[0]) };
    const sink = model.sinkOf(decl);
    if (sink) {
      this.solver.reportSink(node, sink, args, node.arguments);
      return EMPTY_SUMMARY;
    }
    let fn: TS.SignatureDeclaration | undefined;
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isGetAccessorDeclaration(decl) || ts.isSetAccessorDeclaration(decl)) fn = decl;
    else if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer && isFunctionLike(skipOuter(decl.initializer))) {
      fn = skipOuter(decl.initializer) as TS.SignatureDeclaration;
    }
    if (fn && (fn as TS.FunctionLikeDeclaration).body && this.solver.isFirstParty(fn)) {
      const own = model.sinkOf(fn);
      if (own) {
        this.solver.reportSink(node, own, args, node.arguments);
        return EMPTY_SUMMARY;
      }
      const base = this.invokeBody(fn, undefined, ts.isArrowFunction(fn) ? undefined : receiver, args, node);
      // A method a subclass overrides runs the override when the object is that subclass (virtual dispatch).
      if (!ts.isMethodDeclaration(fn) || !this.mayBeSubclassInstance(node)) return base;
      return this.dispatch(model.implementationsOf(fn), receiver, args, node, base);
    }
    if ((ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl) || ts.isPropertySignature(decl)) && this.solver.isFirstParty(decl)) {
      // An interface or abstract member: dispatch to every implementation (class-hierarchy analysis).
      return this.dispatch(model.implementationsOf(decl), receiver, args, node, undefined) ?? EMPTY_SUMMARY;
    }
    if (ts.isParameter(decl) || ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl) || ts.isBindingElement(decl)) {
      // A function-typed variable we know nothing about: like a library call, it passes its inputs on, and a
      // library that handed us this function (a Promise executor's `resolve`) may read what we passed.
      if (this.solver.isFirstParty(decl)) this.calls = join(this.calls, collapse(joinAll(args.map(withoutFunctions))));
      if (this.solver.isFirstParty(decl)) return { ret: this.libraryCall(node, undefined, undefined, receiver, args, decl, st), throws: undefined, thisOut: undefined, paramsOut: [] };
    }
    return { ret: this.libraryCall(node, nameOfCall(node), skipOuterReceiver(node), receiver, args, decl, st), throws: undefined, thisOut: undefined, paramsOut: [] };
  }

  /** Runs each implementation a call may dispatch to (a tagged one is a sink), merged with `base` if given. */
  private dispatch(impls: readonly TS.SignatureDeclaration[], receiver: AV, args: AV[], node: TS.CallExpression, base: Summary | undefined): Summary | undefined {
    let out = base;
    const receiverTypes = impls.length > 0 ? this.receiverClasses(node) : [];
    for (const impl of impls) {
      if (receiverTypes.length > 0 && !this.isSubtypeOfAny(impl.parent, receiverTypes)) continue;
      const sink = this.solver.model.sinkOf(impl);
      if (sink) {
        this.solver.reportSink(node, sink, args, node.arguments);
        continue;
      }
      const s = this.invokeBody(impl, undefined, receiver, args, node);
      out = out ? mergeSummaries(out, s) : s;
    }
    return out;
  }

  /**
   * The classes and interfaces the receiver's static type names (`registry.securityChannel()` → SecurityChannel):
   * a call dispatches only to implementations below them, not to every implementation of the declaring class.
   * Empty when the type names none (any, an object literal type): then nothing is filtered.
   */
  private receiverClasses(node: TS.CallExpression): readonly TS.Node[] {
    const receiver = skipOuterReceiver(node);
    if (!receiver) return [];
    const cache = this.solver.receiverClassesAt;
    let classes = cache.get(receiver);
    if (classes === undefined) {
      const type = this.checker.getTypeAtLocation(receiver);
      const parts = type.isUnion() ? type.types : [type];
      const found: TS.Node[] = [];
      for (const part of parts) {
        const decls = part.getSymbol()?.declarations?.filter((d) => ts.isClassLike(d) || ts.isInterfaceDeclaration(d)) ?? [];
        if (decls.length === 0) {
          found.length = 0; // a member we cannot name: keep every implementation
          break;
        }
        found.push(...decls);
      }
      classes = found;
      cache.set(receiver, classes);
    }
    return classes;
  }

  private isSubtypeOfAny(owner: TS.Node, types: readonly TS.Node[]): boolean {
    if (types.includes(owner)) return true;
    if (!ts.isClassLike(owner) && !ts.isInterfaceDeclaration(owner)) return true;
    return this.solver.model.baseDeclarations(owner).some((base) => types.includes(base));
  }

  /**
   * Whether the receiver of a method call may be an instance of a subclass. Not for `super.m()` (the base's own
   * method, by definition) nor for an object visibly created from the method's class: `new C().m()`, or a
   * `const c = new C()` local.
   */
  private mayBeSubclassInstance(node: TS.CallExpression): boolean {
    const receiver = skipOuterReceiver(node);
    if (!receiver) return false;
    if (receiver.kind === ts.SyntaxKind.SuperKeyword || ts.isNewExpression(skipOuter(receiver))) return false;
    if (!ts.isIdentifier(receiver)) return true;
    const decl = this.symbolAt(receiver)?.valueDeclaration;
    return !(
      decl !== undefined &&
      ts.isVariableDeclaration(decl) &&
      decl.initializer !== undefined &&
      ts.isNewExpression(skipOuter(decl.initializer)) &&
      ts.isVariableDeclarationList(decl.parent) &&
      (decl.parent.flags & ts.NodeFlags.Const) !== 0 &&
      decl.type === undefined
    );
  }

  /**
   * An arrow function's writes to `this` are writes to the `this` of the function that created it: a
   * `values.forEach((v) => this.seen.add(v))` callback fills the method's own object. Applied when the arrow runs
   * inside its creator (the usual callback); returns the summary without `thisOut`, which is not the receiver's.
   */
  private writeLexicalThis(fv: FunctionValue, out: Summary, st: State): Summary {
    if (!ts.isArrowFunction(fv.decl) || !out.thisOut) return out;
    if (fv.closure === this) st.set(THIS, join(st.get(THIS), out.thisOut));
    return { ...out, thisOut: undefined };
  }

  /** `declassify`, or a sanitizer the config names. */
  private isSanitizer(decl: TS.Node): boolean {
    const name = sanitizerName(decl);
    return name !== undefined && this.solver.model.isSanitizer(name);
  }

  private invokeFunctionValue(fv: FunctionValue, receiver: AV, args: AV[], node: TS.CallExpression | TS.NewExpression): Summary {
    const decl = fv.decl;
    if (this.isSanitizer(decl) && ts.isCallExpression(node)) return { ...EMPTY_SUMMARY, ret: this.solver.declassified(node, args[0]) };
    const sink = this.solver.model.sinkOf(decl);
    if (sink) {
      this.solver.reportSink(node, sink, args, node.arguments ?? []);
      return EMPTY_SUMMARY;
    }
    const thisValue = ts.isArrowFunction(decl) ? (fv as FunctionValue & { thisValue?: AV }).thisValue : receiver;
    return this.invokeBody(decl, fv.closure as Activation | undefined, thisValue, args, node);
  }

  private invokeBody(fn: TS.SignatureDeclaration, closure: Activation | undefined, thisValue: AV, args: AV[], node: TS.Node): Summary {
    const name = declarationName(fn);
    const passed = args.map((arg, i) => addStep(arg, argumentNode(node, i) ?? node, `passed to ${name}`, "call"));
    const out = this.solver.summarize(fn, closure, thisValue, passed);
    if (!out.ret || !isTainted(out.ret)) return out;
    return { ...out, ret: addStep(out.ret, node, `returned from ${name}`, "return") };
  }

  /** A call into code without source: the model decides where taint goes; callbacks are called with the elements. */
  private libraryCall(
    node: TS.CallExpression,
    nameNode: TS.Node | undefined,
    receiverExpr: TS.Expression | undefined,
    receiver: AV,
    args: AV[],
    decl: TS.Declaration | undefined,
    st: State,
  ): AV {
    const name = nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode)) ? nameNode.text : "call";
    const owner = ownerName(decl) ?? (receiverExpr && ts.isIdentifier(receiverExpr) ? receiverExpr.text : undefined);
    let model: LibraryModel = libraryModel(name, owner);
    if (model.mutates === "receiver" && ABSORBING_NAMES.has(name)) {
      // Only these two names need the declared owner; other calls are modelled without a checker query.
      const declared = decl ?? (nameNode ? this.symbolAt(nameNode)?.declarations?.[0] : undefined);
      model = absorbingModel(model, ownerName(declared), receiver);
    }
    // A record handed to a library is read whole by it (`JSON.stringify(user)`, `pick(user, …)`).
    const data = args.map((arg, i) => {
      const argNode = node.arguments[i];
      return argNode && !ts.isSpreadElement(argNode) ? this.withBrandedFields(argNode, withoutFunctions(arg)) : withoutFunctions(arg);
    });
    // Callbacks get the receiver's elements, or what the other arguments carry.
    let callbackReturns: AV;
    let calledBack = false;
    const callbackInput = join(element(withoutFunctions(receiver)), collapse(joinAll(data.filter((_, i) => functionsOf(args[i]).length === 0))));
    for (const [i, arg] of args.entries()) {
      if (model.mutates) break;
      for (const fv of functionsOf(arg)) {
        const params = fv.decl.parameters.length;
        const inputs: AV[] = [];
        for (let p = 0; p < params; p++) inputs.push(name === "reduce" && p === 0 ? join(data[i + 1], callbackReturns) : callbackInput);
        const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, inputs, node), st);
        callbackReturns = join(callbackReturns, out.ret);
        this.calls = join(this.calls, out.calls);
        calledBack = true;
      }
    }
    let result: AV;
    switch (model.result) {
      case "clean":
        result = undefined;
        break;
      case "receiver":
        result = join(receiver, collapse(joinAll(data)));
        break;
      case "element":
        result = element(receiver);
        break;
      case "mapped":
        result = withElements(calledBack ? callbackReturns : element(receiver));
        break;
      case "flatMapped":
        result = withElements(element(callbackReturns));
        break;
      case "callback":
        result = join(callbackReturns, name === "then" ? undefined : data[1]);
        break;
      case "first-argument":
        result = joinAll(data);
        break;
      case "entries":
        result = withElements(pair(owner?.includes("Map") ? element(receiver) : undefined, element(receiver)));
        break;
      case "entries-of-first":
        result = withElements(pair(undefined, element(data[0])));
        break;
      case "picked":
      case "omitted": {
        // lodash `pick(object, keys…)`, ramda `pick(keys, object)`: names from literals, or no model at all.
        const keyArgs = node.arguments.map(literalKeys);
        const objectIndex = keyArgs.findIndex((keys) => keys === undefined);
        const keys = new Set(keyArgs.flatMap((k) => k ?? []));
        const complete = objectIndex >= 0 && keyArgs.every((k, i) => i === objectIndex || k !== undefined);
        if (complete) result = model.result === "picked" ? onlyFields(data[objectIndex], keys) : withoutFields(data[objectIndex], keys);
        else result = joinAll(data.map(libraryResultOf));
        break;
      }
      case "values-of-first":
        result = withElements(calledBack ? callbackReturns : element(data[0]));
        break;
      default:
        // A hash, an encoding or a serialisation is one string built from everything it was given; any other
        // call keeps object arguments field-sensitive (see libraryResultOf).
        result =
          model.verb === "passed through"
            ? joinAll([collapse(withoutFunctions(receiver)), ...data.map(libraryResultOf), collapse(callbackReturns)])
            : join(collapse(join(withoutFunctions(receiver), joinAll(data))), collapse(callbackReturns));
    }
    // An SDK client's `update(…)` / `set(…)` sends data away; it does not keep it in the client.
    if (model.mutates === "receiver" && receiverExpr) {
      // Containers keep what is put in them, functions included (a listener registry); a hash keeps only taint.
      const incoming = name === "update" || name === "write" ? collapse(joinAll(data)) : joinAll(args);
      if (incoming) {
        const updated = name === "update" || name === "write" ? addTaint(receiver, incoming.t) : addElement(receiver, incoming);
        this.copyOut(receiverExpr, receiver, this.libraryStep(updated, node, `${model.verb} ${name}`), st);
        // A library object's part written in place (`url.searchParams.set(…)`) changes the whole (`url.href`).
        const part = skipOuter(receiverExpr);
        if (ts.isPropertyAccessExpression(part) && this.isLibraryMember(part.name)) {
          const whole = this.eval(part.expression, st);
          this.copyOut(part.expression, whole, addTaint(whole, incoming.t ?? allLabels(incoming)), st);
        }
      }
    } else if (model.mutates === "first-argument" && node.arguments[0]) {
      this.copyOut(node.arguments[0], args[0], joinAll(data), st);
    }
    if (result && isTainted(result) && this.returnsBoolean(node)) return undefined;
    // A library declared to return a security contact (`lookupTwoFactorPhone(): Promise<SecurityContact<string>>`).
    const declaredType = decl && (ts.isFunctionLike(decl) ? decl.type : undefined);
    if (declaredType && !allLabels(result) && this.solver.model.typeNodeMentionsBrand(declaredType)) {
      result = join(result, this.sourceValue(node, nameNode ?? node, "return"));
    }
    const chain = chainName(node, name);
    const verb =
      model.verb === "serialised by JSON."
        ? `serialised by JSON.${name}`
        : chain === "createHash" || chain === "createHmac"
          ? `hashed by ${chain}`
          : `${model.verb} ${chain}`;
    return this.libraryStep(result, node, verb);
  }

  private isLibraryMember(name: TS.Node): boolean {
    const declaration = this.symbolAt(name)?.declarations?.[0];
    return declaration !== undefined && !this.solver.isFirstParty(declaration);
  }

  private libraryStep(value: AV, node: TS.Node, label: string): AV {
    if (!value || !isTainted(value)) return value;
    return addStep(value, node, label, "transform");
  }

  /** Predicates carry no identifier: asked only when the result would be tainted, so the checker is rarely involved. */
  private returnsBoolean(node: TS.CallExpression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    return (type.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
  }
}

/** Element `index` of an array or tuple value: its own slot if tracked, and the elements. */
function positional(value: AV, index: number): AV {
  if (!value) return undefined;
  return join(join(taintOf(value.t), value.f?.get(String(index))), value.e);
}

/** A `[first, second]` tuple value. */
function pair(first: AV, second: AV): AV {
  return setField(setField(undefined, "0", first), "1", second);
}

/** A catalog entry's `when`: the argument's object literal has the property with a matching string value. */
function conditionHolds(entry: CatalogEntry, node: TS.CallExpression | TS.NewExpression): boolean {
  if (!entry.when) return true;
  const arg = node.arguments?.[entry.when.argument];
  if (!arg || !ts.isObjectLiteralExpression(skipOuter(arg))) return false;
  const property = (skipOuter(arg) as TS.ObjectLiteralExpression).properties.find(
    (p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && memberName(p.name) === entry.when?.property,
  );
  const value = property && skipOuter(property.initializer);
  const text = value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) ? value.text : value && ts.isTemplateExpression(value) ? value.head.text : undefined;
  return text !== undefined && new RegExp(entry.when.pattern).test(text);
}

const PARAMETER_PROPERTY_MODIFIERS = new Set<TS.SyntaxKind>([
  ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword, ts.SyntaxKind.OverrideKeyword,
]);

const EMPTY_SUMMARY: Summary = { ret: undefined, throws: undefined, thisOut: undefined, paramsOut: [] };

function mergeSummaries(a: Summary, b: Summary): Summary {
  const paramsOut: AV[] = [];
  for (let i = 0; i < Math.max(a.paramsOut.length, b.paramsOut.length); i++) paramsOut.push(join(a.paramsOut[i], b.paramsOut[i]));
  return { ret: join(a.ret, b.ret), throws: join(a.throws, b.throws), thisOut: join(a.thisOut, b.thisOut), paramsOut };
}

function argumentNode(node: TS.Node, index: number): TS.Node | undefined {
  return ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments?.[index] : undefined;
}

function skipOuter(node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

/** Expressions that can name a record (a variable, a property, a call's result); not literals or operators. */
function mayNameRecord(node: TS.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.ObjectBindingPattern:
      return true;
    default:
      return false;
  }
}

/** The property names a `pick` / `omit` argument lists: `"a"`, `["a", "b"]`; undefined for anything else. */
function literalKeys(arg: TS.Expression): string[] | undefined {
  const node = skipOuter(arg);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  const keys: string[] = [];
  for (const element of node.elements) {
    const inner = skipOuter(element);
    if (!ts.isStringLiteral(inner) && !ts.isNoSubstitutionTemplateLiteral(inner)) return undefined;
    keys.push(inner.text);
  }
  return keys;
}

function skipOuterReceiver(node: TS.CallExpression): TS.Expression | undefined {
  const callee = skipOuter(node.expression);
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
}

function nameOfCall(node: TS.CallExpression): TS.Node | undefined {
  const callee = skipOuter(node.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  if (ts.isIdentifier(callee)) return callee;
  return undefined;
}

/**
 * `update` / `write` keep their input in the receiver only for objects that absorb it: a hash, a cipher, or an
 * object whose type is unknown. On a third-party object whose declared type or API path has no such step (an
 * ORM's `db.user.update(…)`, an HTTP client's `write`) the data goes to the database or the network; keeping it
 * in the receiver would taint every later query's result, so it is an ordinary call echoing its arguments.
 */
function absorbingModel(model: LibraryModel, declaredOwner: string | undefined, receiver: AV): LibraryModel {
  if (model.verb !== "passed through") return model; // a Hash's update, by its declared type
  const known = [...(receiver?.api ?? []), ...(declaredOwner === undefined ? [] : [declaredOwner])];
  if (known.length === 0 || known.some((p) => ABSORBING.test(p))) return model;
  return { result: "collapse", verb: model.verb };
}

const ABSORBING_NAMES = new Set(["update", "write"]);
/** Types and API paths of objects that digest what they are given: `Hash`, `createCipheriv()`, `sha256.create()`. */
const ABSORBING = /hash|hmac|cipher|sha\d|md5|crc|blake|digest|sign|verify/i;

/** The innermost call of a fluent chain names the step: `createHash("sha256").update(x).digest()` is createHash's. */
function chainName(node: TS.CallExpression, name: string): string {
  let current: TS.Expression = node.expression;
  let root = name;
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) {
    if (ts.isCallExpression(current)) {
      const callee = current.expression;
      if (ts.isIdentifier(callee)) root = callee.text;
      else if (ts.isPropertyAccessExpression(callee)) root = callee.name.text;
      current = callee;
    } else current = current.expression;
  }
  if (ts.isIdentifier(current) && current.text === "Buffer") root = "Buffer.from";
  return root === "createHash" || root === "createHmac" || root === "Buffer.from" ? root : name;
}

function ownerName(decl: TS.Declaration | undefined): string | undefined {
  const parent = decl?.parent;
  if (!parent) return undefined;
  if ((ts.isInterfaceDeclaration(parent) || ts.isClassLike(parent)) && parent.name) return parent.name.text;
  if (ts.isModuleBlock(parent) && ts.isIdentifier(parent.parent.name)) return parent.parent.name.text;
  return undefined;
}

function sanitizerName(decl: TS.Node): string | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl)) return decl.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  if ((ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) && ts.isVariableDeclaration(decl.parent) && ts.isIdentifier(decl.parent.name)) return decl.parent.name.text;
  return undefined;
}

function isFunctionLike(node: TS.Node): node is TS.ArrowFunction | TS.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

function isStatic(member: TS.ClassElement): boolean {
  return ts.getModifiers(member as TS.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

export function constructorOf(cls: TS.ClassLikeDeclaration): TS.ConstructorDeclaration | undefined {
  return cls.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
}

function baseClassExpression(cls: TS.ClassLikeDeclaration): TS.Expression | undefined {
  const clause = cls.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
  return clause?.types[0]?.expression;
}

function containsSuperCall(body: TS.Node | undefined): boolean {
  if (!body) return false;
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || (ts.isFunctionLike(node) && !ts.isArrowFunction(node))) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The function (or module) whose activation holds a declaration's variable. */
export function scopeOf(decl: TS.Node): TS.Node | undefined {
  let node: TS.Node | undefined = decl.parent;
  if (ts.isParameter(decl)) return decl.parent;
  while (node) {
    if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body) return node;
    if (ts.isSourceFile(node) || ts.isModuleBlock(node)) return ts.isModuleBlock(node) ? node.getSourceFile() : node;
    if (ts.isClassStaticBlockDeclaration(node)) return undefined;
    node = node.parent;
  }
  return undefined;
}

function scopeIsModule(decl: TS.Node): boolean {
  const scope = scopeOf(decl);
  return scope !== undefined && ts.isSourceFile(scope);
}

const nodeIds = new WeakMap<object, number>();
let nextNodeId = 1;
export function nodeKey(node: object): number {
  let id = nodeIds.get(node);
  if (id === undefined) {
    id = nextNodeId++;
    nodeIds.set(node, id);
  }
  return id;
}

const freeVariableCache = new WeakMap<TS.Node, TS.Symbol[]>();

/** Variables a function reads or writes that are declared outside it (in enclosing functions or the module). */
function freeVariables(decl: TS.Node, symbolAt: (node: TS.Node) => TS.Symbol | undefined): TS.Symbol[] {
  let found = freeVariableCache.get(decl);
  if (found) return found;
  const out = new Set<TS.Symbol>();
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent)) && parent.name === node);
      if (!isName) {
        const symbol = symbolAt(node);
        const declaration = symbol?.valueDeclaration;
        if (symbol && declaration && !(declaration.pos >= decl.pos && declaration.end <= decl.end && declaration.getSourceFile() === decl.getSourceFile())) {
          out.add(symbol);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(decl, visit);
  found = [...out];
  freeVariableCache.set(decl, found);
  return found;
}

const reassignedCache = new WeakMap<TS.Node, Set<string>>();

/** Names assigned anywhere in a function body: such parameters are rebound, so callers see none of their updates. */
function reassignedNames(fn: TS.Node): Set<string> {
  const cached = reassignedCache.get(fn);
  if (cached) return cached;
  const names = new Set<string>();
  reassignedCache.set(fn, names);
  if (ts.isSourceFile(fn)) return names;
  const visit = (node: TS.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left)) {
      names.add(node.left.text);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand)) {
      names.add(node.operand.text);
    }
    ts.forEachChild(node, visit);
  };
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return names;
}
