/**
 * Statements: blocks, declarations, control flow (if, switch, labels, break/continue), loops run to a fixpoint,
 * try/catch/finally and throw. (`yield` is an expression: see expressions.ts; generators' results: activation.ts.)
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { allLabels, join } from "../values.js";
import { iterated } from "../containers.js";
import type { Activation } from "./activation.js";
import { LOOP_ITERATIONS, State } from "./state.js";

function execStatements(this: Activation, statements: readonly TS.Statement[], st: State): void {
  for (const statement of statements) {
    if (st.dead) return;
    this.exec(statement, st);
  }
}

function exec(this: Activation, node: TS.Statement, st: State): void {
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
      // A condition that is a boolean constant on every path (`if (opts.includeSms)` given `{ includeSms: false }`).
      const condition = this.eval(s.expression, st)?.b;
      if (condition !== undefined) {
        const taken = condition ? s.thenStatement : s.elseStatement;
        if (taken) this.exec(taken, st);
        return;
      }
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
      const item = ts.isForOfStatement(s) ? iterated(collection) : undefined;
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

/** Runs a loop body to a fixpoint over the locals; the loop may also run zero times. */
function loop(this: Activation, st: State, body: (state: State) => void): void {
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

function declareList(this: Activation, list: TS.VariableDeclarationList, st: State): void {
  for (const decl of list.declarations) {
    let value = decl.initializer ? this.eval(decl.initializer, st) : undefined;
    if (!allLabels(value) && this.solver.model.isBrandedDeclaration(decl)) {
      value = join(value, this.sourceValue(decl, decl.name, "declaration"));
    }
    this.bindName(decl.name, value, st);
    if (decl.initializer && ts.isIdentifier(decl.name)) this.recordAlias(decl.name, decl.initializer, st);
  }
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const statementMethods = { execStatements, exec, loop, declareList };
