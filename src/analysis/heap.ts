/**
 * The heap model: where a variable lives (this activation, an enclosing one's closure cells, module state),
 * reads and writes of variables and destructuring, closures and what they capture. Access paths, aliases and
 * copying a callee's mutations back are in access-paths.ts.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { type AV, compactKey, element, field, type FunctionValue, join, keyOf, type Value, withFunction, withoutFields } from "./values.js";
import { memberName } from "./model.js";
import type { Activation } from "./interpret/activation.js";
import { constructorOf } from "./interpret/classes.js";
import type { State } from "./interpret/state.js";
import { isFunctionLike, positional, readsArguments } from "./interpret/util.js";
import { restFrom } from "./containers.js";
import { declaredConstant } from "./interpret/constants.js";

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

/** A stable number for a node or symbol, for summary keys. */
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

function symbolOfDecl(this: Activation, name: TS.Identifier): TS.Symbol | undefined {
  // A parameter property (`constructor(readonly address: string)`) declares two symbols, and the node keeps the
  // property's; the body's references resolve to the parameter's.
  const param = name.parent;
  if (ts.isParameter(param) && ts.isParameterPropertyDeclaration(param, param.parent)) {
    return this.checker.getSymbolsOfParameterPropertyDeclaration(param, name.text)[0];
  }
  return (name.parent as { symbol?: TS.Symbol }).symbol ?? this.symbolAt(name);
}

/** Binds a declaration's name or destructuring pattern. */
function bindName(this: Activation, name: TS.BindingName, value: AV, st: State): void {
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
    let member = el.dotDotDotToken ? restFrom(value, index) : positional(value, index);
    if (el.initializer) member = join(member, this.eval(el.initializer, st));
    this.bindName(el.name, member, st);
  });
}

/** Where a variable lives: this activation, an enclosing one, or module state. */
function ownerOf(this: Activation, symbol: TS.Symbol): Activation | "global" | undefined {
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

function writeVariable(this: Activation, symbol: TS.Symbol, value: AV, st: State, rebind = true): void {
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
    // Recorded even when clean: a write of an unknown value undoes a boolean constant the creator holds.
    const before = owner.closureWrites.get(symbol);
    const after = join(before, value);
    if (after !== before || !owner.closureWrites.has(symbol)) owner.closureWrites.set(symbol, after);
  }
}

function readVariable(this: Activation, symbol: TS.Symbol, st: State): AV {
  const owner = this.ownerOf(symbol);
  if (owner === this) {
    if (ts.isSourceFile(this.fn)) return join(st.get(symbol), this.solver.readGlobal(symbol));
    return this.closureWrites.has(symbol) ? join(st.get(symbol), this.closureWrites.get(symbol)) : st.get(symbol);
  }
  if (owner === "global") return this.solver.readGlobal(symbol);
  if (owner) return capturedValue(owner, symbol);
  return undefined;
}

/**
 * A closure's read of its creator's variable: while the creator's body runs (it calls the closure), the value now,
 * as a direct read sees it; once the body has run, every value it held. Plus what closures wrote to it.
 */
function capturedValue(owner: Activation, symbol: TS.Symbol): AV {
  const now = owner.liveState ? owner.liveState.get(symbol) : owner.allValues.get(symbol);
  return owner.closureWrites.has(symbol) ? join(now, owner.closureWrites.get(symbol)) : now;
}

function readName(this: Activation, id: TS.Identifier, st: State): AV {
  let symbol = ts.isShorthandPropertyAssignment(id.parent)
    ? this.checker.getShorthandAssignmentValueSymbol(id.parent)
    : this.symbolAt(id);
  // `fbq`, `dataLayer`: a catalogued global the program does not declare itself; `arguments` of the body.
  const global = this.globalRoot(id, symbol);
  if (global) return global;
  if (id.text === "arguments" && !symbol?.valueDeclaration) return this.argumentsValue();
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
  // `const INCLUDE_PHONE = false` decides a branch wherever it is read, before module init has run or not.
  const constant = ts.isVariableDeclaration(decl) ? declaredConstant(decl, (node) => this.symbolAt(node)) : undefined;
  if (constant) return constant;
  let value = this.readVariable(symbol, st);
  // A module-level `const f = () => …` read before module init ran in this pass.
  if (!value && ts.isVariableDeclaration(decl) && decl.initializer && isFunctionLike(decl.initializer) && scopeIsModule(decl)) {
    value = this.functionValue(decl.initializer);
  }
  // A parameter typed as an SDK client (`client: Analytics`, `{ tracker }: Deps`) is that client, whoever passes it.
  if (!value?.api && this.mayBeDeclaredApi(decl)) value = join(value, this.apiOfDeclaredType(id));
  return value;
}

function functionValue(this: Activation, decl: TS.SignatureDeclaration): Value {
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
function captureKeyFor(this: Activation, decl: TS.Node): string {
  let key = "";
  // A shorthand property (`{ phone }`) reads the variable, not the property the checker names at that node.
  const variableAt = (node: TS.Node) => (ts.isShorthandPropertyAssignment(node.parent) ? this.checker.getShorthandAssignmentValueSymbol(node.parent) : this.symbolAt(node));
  for (const symbol of freeVariables(decl, variableAt)) {
    const owner = this.ownerOf(symbol);
    if (!owner || owner === "global") continue;
    const k = keyOf(capturedValue(owner, symbol));
    if (k) key += `${nodeKey(symbol)}=${k};`;
  }
  if (readsArguments(decl)) key += `arguments=${keyOf(this.argumentsValue())};`;
  return compactKey(key);
}

/** Assignment to a variable, a property path, an element or a destructuring pattern. */
function assignTo(this: Activation, target: TS.Expression, value: AV, st: State): void {
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
      if (ts.isSpreadElement(el)) this.assignTo(el.expression, restFrom(value, index), st);
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

export const heapMethods = { symbolOfDecl, bindName, ownerOf, writeVariable, readVariable, readName, functionValue, captureKeyFor, assignTo };
