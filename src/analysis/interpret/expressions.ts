/**
 * Expressions: the evaluator's dispatch (`eval`), literals, templates, operators (assignment, logical, `+`),
 * property and element reads (with getters and branded properties), object literals, `yield`.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { addElement, addStep, allLabels, type AV, collapse, element, FALSE, field, join, member, setField, TRUE, UNKNOWN, withoutConstant } from "../values.js";
import { iterated, positionName, tuple } from "../containers.js";
import { memberName } from "../model.js";
import { CLEAN_PROPERTIES } from "../models/builtins.js";
import type { Activation } from "./activation.js";
import { type State, THIS } from "./state.js";
import { jsdocAssertedType } from "./sources.js";
import { narrowedRead, recordVariant } from "../variants.js";

/**
 * `Activation.eval`: the value of an expression (`eval` cannot name a function in a module). The state it is
 * evaluated in is the activation's live state meanwhile (closures called from it read their variables there),
 * and the enclosing expression's again afterwards.
 */
function evaluate(this: Activation, node: TS.Expression, st: State): AV {
  const enclosing = this.liveState;
  this.liveState = st;
  const value = evaluateIn.call(this, node, st);
  this.liveState = enclosing;
  return value;
}

function evaluateIn(this: Activation, node: TS.Expression, st: State): AV {
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
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.SuperKeyword:
      return undefined;
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      return this.assertedBrand(node, (node as TS.AsExpression).type, this.eval((node as TS.AsExpression).expression, st));
    case ts.SyntaxKind.TrueKeyword:
      return TRUE;
    case ts.SyntaxKind.FalseKeyword:
      return FALSE;
    case ts.SyntaxKind.ParenthesizedExpression: {
      const value = this.eval((node as TS.ParenthesizedExpression).expression, st);
      const asserted = jsdocAssertedType(node as TS.ParenthesizedExpression);
      return asserted ? this.assertedBrand(node, asserted, value) : value;
    }
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
    case ts.SyntaxKind.ArrayLiteralExpression:
      return this.evalArrayLiteral(node as TS.ArrayLiteralExpression, st);
    case ts.SyntaxKind.TemplateExpression: {
      let out: AV;
      for (const span of (node as TS.TemplateExpression).templateSpans) out = join(out, collapse(this.eval(span.expression, st)));
      return out;
    }
    case ts.SyntaxKind.TaggedTemplateExpression:
      return this.evalTaggedTemplate(node as TS.TaggedTemplateExpression, st);
    case ts.SyntaxKind.BinaryExpression:
      return this.evalBinary(node as TS.BinaryExpression, st);
    case ts.SyntaxKind.ConditionalExpression: {
      const c = node as TS.ConditionalExpression;
      // A condition that is a boolean constant on every path takes one branch (`opts.includeSms ? … : row`).
      const condition = this.eval(c.condition, st)?.b;
      if (condition !== undefined) return this.eval(condition ? c.whenTrue : c.whenFalse, st);
      const other = st.clone();
      const a = this.eval(c.whenTrue, st);
      const b = this.eval(c.whenFalse, other);
      st.merge(other);
      return join(a, b);
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression: {
      const operand = (node as TS.PrefixUnaryExpression).operand;
      const value = this.eval(operand, st);
      if (node.kind === ts.SyntaxKind.PrefixUnaryExpression && (node as TS.PrefixUnaryExpression).operator === ts.SyntaxKind.ExclamationToken && value?.b !== undefined) return value.b ? FALSE : TRUE;
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
    case ts.SyntaxKind.JsxElement:
    case ts.SyntaxKind.JsxSelfClosingElement:
    case ts.SyntaxKind.JsxFragment:
      return this.evalJsx(node as TS.JsxElement, st);
    case ts.SyntaxKind.YieldExpression: {
      const y = node as TS.YieldExpression;
      if (y.expression) {
        const value = this.eval(y.expression, st);
        this.yields = join(this.yields, y.asteriskToken ? iterated(value) : value);
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

function evalPropertyAccess(this: Activation, node: TS.PropertyAccessExpression, st: State): AV {
  const object = this.eval(node.expression, st);
  const global = this.globalMember(node.expression, node.name.text);
  if (global) return global;
  const value = this.readProperty(object, node.name.text, node.name);
  // `this.cio.identify(…)` in a method run without its constructor: the field's declared SDK type says what it is.
  if (value?.api || !this.solver.sdkTypedNames().has(node.name.text)) return value;
  return join(value, this.apiOfDeclaredType(node.name));
}

/** `[a, b, ...rest]`: items before the first spread keep their positions; the rest are elements. */
function evalArrayLiteral(this: Activation, node: TS.ArrayLiteralExpression, st: State): AV {
  const items: AV[] = [];
  let rest: AV;
  let positional = true;
  for (const el of node.elements) {
    if (ts.isSpreadElement(el)) {
      positional = false;
      rest = join(rest, iterated(this.eval(el.expression, st)));
    } else if (ts.isOmittedExpression(el)) {
      if (positional) items.push(undefined);
    } else {
      const value = this.eval(el, st);
      if (positional) items.push(value);
      else rest = join(rest, value);
    }
  }
  return tuple(items, rest);
}

function evalElementAccess(this: Activation, node: TS.ElementAccessExpression, st: State): AV {
  const object = this.eval(node.expression, st);
  const arg = node.argumentExpression;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return this.globalMember(node.expression, arg.text) ?? this.readProperty(object, arg.text, arg);
  // `row[0]`: the element at that position (and elements at unknown indices).
  const position = ts.isNumericLiteral(arg) ? positionName(arg.text) : undefined;
  if (position !== undefined) return this.readProperty(object, position, arg);
  this.eval(arg, st);
  return element(this.withBrandedFields(node.expression, object));
}

/** Reads a named property: the object's field, a branded property (a source), or a getter's result. */
function readProperty(this: Activation, object: AV, name: string, nameNode: TS.Node, isBranded?: () => boolean): AV {
  let value = CLEAN_PROPERTIES.has(name) ? undefined : member(object, name);
  // A record of a discriminated union the checker narrowed away is not read (`if (p.kind === "marketing") p.value`).
  if (object?.d) value = narrowedRead(this.checker, object, nameNode, name, value);
  // A receiver that may be any object of its type: its field holds whatever the program writes there.
  if (object?.u) {
    value = join(value, this.fieldCell(nameNode, name));
    // A field of an object the framework made, typed as a first-party class that keeps state, holds an object the
    // framework made (an injected service): its own fields are read from their cells in turn (field-cells.ts).
    if (this.isStatefulService(nameNode, name)) value = join(value, UNKNOWN);
  }
  const model = this.solver.model;
  if (model.brandedPropertyNames.has(name) && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode))) {
    const branded = isBranded ? isBranded() : model.isBrandedProperty(nameNode);
    if (!allLabels(field(object, name)) && (branded || this.isUntypedBrandedRead(nameNode))) {
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

function evalObject(this: Activation, node: TS.ObjectLiteralExpression, st: State): AV {
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
  return recordVariant(node, out);
}

function evalBinary(this: Activation, node: TS.BinaryExpression, st: State): AV {
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
    // A boolean constant on the left decides whether the right runs: `false && x` is false, `true || x` true.
    if (left?.b !== undefined) {
      const decided = op === ts.SyntaxKind.QuestionQuestionToken || (op === ts.SyntaxKind.AmpersandAmpersandToken ? !left.b : left.b);
      return decided ? left : this.eval(node.right, st);
    }
    const other = st.clone();
    const right = this.eval(node.right, other);
    st.merge(other);
    // `a && b` is `a` only when `a` is falsy: an empty string or undefined carries nothing worth tracking (but
    // it is not `b`'s constant: `a && true` may be `a`).
    return op === ts.SyntaxKind.AmpersandAmpersandToken ? withoutConstant(right) : join(left, right);
  }
  const right = this.eval(node.right, st);
  if (op === ts.SyntaxKind.PlusToken) return join(collapse(left), collapse(right));
  if (op === ts.SyntaxKind.CommaToken) return right;
  // Comparisons, `in`, `instanceof` and arithmetic other than `+` give booleans and numbers.
  return undefined;
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const expressionMethods = { eval: evaluate, evalArrayLiteral, evalPropertyAccess, evalElementAccess, readProperty, evalObject, evalBinary };
