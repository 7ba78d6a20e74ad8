/**
 * Sources: where taint is born. A branded declaration or property read gets a source label (or, inside a zone,
 * is reported as a read); a record consumed whole gets its branded fields read.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { allLabels, type AV, field, join, setField, type Source } from "../values.js";
import type { Activation } from "./activation.js";
import { receiverOfName } from "../untyped-reads.js";
import { parametersOf, skipOuter } from "./util.js";
import { memberName } from "../declarations.js";
import { prismaModelOf } from "../prisma-columns.js";

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

/** Destructuring reads a property the checker knows by the pattern's type, not by the binding's name. */
function isBrandedBinding(this: Activation, pattern: TS.ObjectBindingPattern, name: string): boolean {
  const type = this.checker.getTypeAtLocation(pattern);
  const property = this.checker.getPropertyOfType(this.checker.getApparentType(type), name);
  return property !== undefined && this.solver.model.isBrandedSymbol(property);
}

/** A fresh source label at `node`: "read twoFactorPhone". */
function sourceValue(this: Activation, decl: TS.Node, name: TS.Node, kind: Source["kind"], destructured = false): AV {
  const text = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : name.getText();
  let declaration: TS.Node | undefined = kind === "declaration" ? decl : undefined;
  if (kind === "property") {
    const symbol = destructured
      ? this.checker.getPropertyOfType(this.checker.getApparentType(this.checker.getTypeAtLocation(name.parent.parent)), text)
      : this.symbolAt(name);
    declaration = symbol && this.solver.model.declarationOfProperty(symbol);
  }
  return this.sourceAt(kind === "property" ? name : decl, name, text, kind, declaration);
}

/**
 * The source label for `text` read at `at` (`Account.twoFactorPhone` when the declaration is a member of a named
 * type), or nothing inside a zone, where the read itself is reported.
 */
function sourceAt(this: Activation, sourceNode: TS.Node, at: TS.Node, text: string, kind: Source["kind"], declaration: TS.Node | undefined): AV {
  const parent = kind === "property" ? declaration?.parent : undefined;
  let owner = "";
  if (parent && (ts.isInterfaceDeclaration(parent) || ts.isClassLike(parent)) && parent.name) owner = `${parent.name.text}.`;
  else if (parent && ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent)) owner = `${parent.parent.name.text}.`;
  else if (declaration && prismaModelOf(declaration)) owner = `${prismaModelOf(declaration)}.`;
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
function withBrandedFields(this: Activation, expr: TS.Node, value: AV, only?: ReadonlySet<string>): AV {
  const model = this.solver.model;
  if (model.brandedPropertyNames.size === 0) return value;
  const cache = this.solver.brandedFieldsAt;
  let out = value;
  for (const operand of recordOperands(expr)) {
    let paths = cache.get(operand);
    if (paths === undefined) {
      paths = model.brandedPathsOf(this.checker.getNonNullableType(this.checker.getTypeAtLocation(operand)));
      cache.set(operand, paths);
    }
    for (const { steps, property } of paths) {
      // A parameter that erases a brand names its own fields only (`withArgumentBrands`).
      if (only && (steps.length > 1 || !only.has(property.name))) continue;
      if (allLabels(fieldAt(out, steps))) continue;
      const read = this.sourceAt(operand, operand, property.name, "property", this.solver.model.declarationOfProperty(property));
      if (read) out = setFieldAt(out, steps, read);
    }
  }
  return out;
}

function fieldAt(value: AV, steps: readonly string[]): AV {
  return steps.reduce<AV>((current, step) => field(current, step), value);
}

function setFieldAt(value: AV, steps: readonly string[], member: AV): AV {
  const first = steps[0];
  if (first === undefined) return value;
  const rest = steps.slice(1);
  return setField(value, first, rest.length === 0 ? member : setFieldAt(field(value, first), rest, member));
}

/**
 * The expressions whose record a value may be: a fallback's or a conditional's branches each
 * (`member.security ?? {}` is the security record or an empty one, whose union type declares no field).
 */
function recordOperands(expr: TS.Node): TS.Node[] {
  if (ts.isParenthesizedExpression(expr)) return recordOperands(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...recordOperands(expr.whenTrue), ...recordOperands(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...recordOperands(expr.left), ...recordOperands(expr.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return recordOperands(expr.right);
  }
  return mayNameRecord(expr) ? [expr] : [];
}

const assertsBrand = new WeakMap<TS.Node, boolean>();

/**
 * `toE164(raw) as TwoFactorPhone`, or in JavaScript `/** @type {Phone} *\/ (toE164(raw))`: an assertion to a
 * branded type is how a program brands a value it computed, so the asserted value is a source where nothing it
 * was computed from carries one already.
 */
function assertedBrand(this: Activation, node: TS.Expression, type: TS.TypeNode, value: AV): AV {
  if (allLabels(value) || this.solver.model.brandNames.size === 0) return value;
  let branded = assertsBrand.get(node);
  if (branded === undefined) {
    const isConst = ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === "const";
    branded = !isConst && this.solver.model.typeNodeDeclaresBrand(type);
    assertsBrand.set(node, branded);
  }
  if (!branded) return value;
  const text = ts.isTypeReferenceNode(type) ? type.typeName.getText() : type.getText();
  return join(value, this.sourceAt(node, node, text, "declaration", node));
}

/**
 * The type a JavaScript type assertion names: a parenthesized expression with its own `@type` comment. Only the
 * comment attached to the parentheses counts (a `@type` on the enclosing declaration annotates the variable).
 */
export function jsdocAssertedType(node: TS.ParenthesizedExpression): TS.TypeNode | undefined {
  const docs = (node as { jsDoc?: readonly TS.JSDoc[] }).jsDoc;
  if (!docs) return undefined;
  for (const doc of docs) for (const tag of doc.tags ?? []) if (ts.isJSDocTypeTag(tag)) return tag.typeExpression.type;
  return undefined;
}

const erasedCache = new WeakMap<TS.ParameterDeclaration, readonly string[]>();

/**
 * Names some type declares branded that a parameter's declared type declares without the brand
 * (`user: { twoFactorPhone: string }`, an interface of its own): a structural type that erases the brand.
 */
function erasedBrandNames(this: Activation, param: TS.ParameterDeclaration): readonly string[] {
  let names = erasedCache.get(param);
  if (names) return names;
  const branded = this.solver.model.declaredBrandedNames;
  const out: string[] = [];
  if (branded.size > 0 && param.type && !param.dotDotDotToken && ts.isTypeNode(param.type) && !isKeywordType(param.type)) {
    const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(param));
    const parts = type.isUnion() ? type.types : [type];
    for (const name of branded) {
      const properties = parts.map((part) => (part.flags & ts.TypeFlags.Object ? part.getProperty(name) : undefined));
      // A union that brands the name in one variant keeps it (`{ op: "set"; data: Phone } | { op: "tz"; data: string }`):
      // the callee's reads decide by the variant the checker narrows to.
      if (properties.some((property) => isUnbranded(this, property)) && !properties.some((property) => property && this.solver.model.isBrandedSymbol(property))) out.push(name);
    }
  }
  names = out.length > 0 ? out : NO_NAMES;
  erasedCache.set(param, names);
  return names;
}

const NO_NAMES: readonly string[] = [];

function isUnbranded(act: Activation, property: TS.Symbol | undefined): boolean {
  return property !== undefined && !act.solver.model.isBrandedSymbol(property);
}

function isKeywordType(node: TS.TypeNode): boolean {
  return node.kind >= ts.SyntaxKind.FirstKeyword && node.kind <= ts.SyntaxKind.LastKeyword;
}

/**
 * The brand follows the value, not the parameter: an argument whose own type brands a field that the parameter's
 * structural type declares plainly (`superProperties(user)` with `user: { twoFactorPhone: string }`) has that field
 * read at the call, so the callee's `user.twoFactorPhone` carries it even when the argument is an object the analysis
 * has no fields for (a context's user, an unknown parameter). Only parameters that erase a brand ask for the
 * argument's type.
 */
function withArgumentBrands(this: Activation, fn: TS.SignatureDeclaration, args: AV[], nodes: readonly TS.Node[]): AV[] {
  let out = args;
  parametersOf(fn).forEach((param, i) => {
    const node = nodes[i];
    if (!node || i >= args.length || this.erasedBrandNames(param).length === 0) return;
    const value = this.withBrandedFields(node, args[i], new Set(this.erasedBrandNames(param)));
    if (value === args[i]) return;
    if (out === args) out = [...args];
    out[i] = value;
  });
  return out;
}

/**
 * A read of a branded field's name that the checker cannot resolve to a declaration: a source when the receiver
 * is typed `any`; on an index-signature type it is not. Both are counted for one notification (untyped-reads.ts).
 */
function isUntypedBrandedRead(this: Activation, name: TS.Node & { text: string }): boolean {
  // Only names a type declares branded: a generic member's name (`data` of `Envelope<T>`) says nothing.
  if (!this.solver.model.declaredBrandedNames.has(name.text)) return false;
  const receiver = receiverOfName(name);
  const destructured = ts.isBindingElement(name.parent);
  // A declared property decides, branded or not (a destructured one is found through the pattern's type).
  if (!receiver || (!destructured && this.symbolAt(name))) return false;
  const type = this.checker.getTypeAtLocation(receiver);
  const untyped = (type.flags & ts.TypeFlags.Any) !== 0;
  if (!untyped && destructured && this.checker.getPropertyOfType(this.checker.getApparentType(type), name.text)) return false;
  this.solver.untypedRead(name, untyped);
  return untyped;
}

/**
 * The arguments a sink's own body runs with: a record an argument holds whole (`{ at, by: shift.operator }`) is
 * sent whole, so its branded fields are read at the call — where `reportSink` already reports it — and the body's
 * SDK call sends them too. Only arguments whose type holds a branded field are looked into.
 */
function withSentRecords(this: Activation, args: AV[], nodes: readonly TS.Node[]): AV[] {
  let out = args;
  nodes.forEach((node, i) => {
    if (i >= args.length || ts.isSpreadElement(node) || !this.solver.heldRecordIn(node)) return;
    const value = sentRecord(this, node, args[i], 2);
    if (value === args[i]) return;
    if (out === args) out = [...args];
    out[i] = value;
  });
  return out;
}

/** An argument's value with the branded fields of the records it holds read, through object literals. */
function sentRecord(act: Activation, node: TS.Node, value: AV, depth: number): AV {
  const expr = ts.isExpression(node) ? skipOuter(node) : node;
  if (!ts.isObjectLiteralExpression(expr)) return act.withBrandedFields(expr, value);
  if (depth === 0) return value;
  let out = value;
  for (const prop of expr.properties) {
    if (ts.isShorthandPropertyAssignment(prop)) out = setField(out, prop.name.text, act.withBrandedFields(prop.name, field(out, prop.name.text)));
    else if (ts.isPropertyAssignment(prop)) {
      const name = memberName(prop.name);
      if (name !== undefined) out = setField(out, name, sentRecord(act, prop.initializer, field(out, name), depth - 1));
    }
  }
  return out;
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const sourceMethods = { withSentRecords, assertedBrand, isBrandedBinding, sourceValue, sourceAt, withBrandedFields, erasedBrandNames, withArgumentBrands, isUntypedBrandedRead };
