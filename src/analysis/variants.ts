/**
 * Records of a discriminated union kept apart. A record literal with literal-valued properties
 * (`{ kind: "security", value: phone }`) remembers, under its discriminant signature (`kind="security"`), what it
 * holds; joining records keeps one entry per signature (and what came without one under ""), so an array of
 * contact points of several kinds still knows which kind each field came from. A read narrowed by the checker
 * (`if (p.kind === "marketing") p.value`, `switch (p.kind)`, a type-guard `filter`) cannot see records whose
 * literal discriminant the narrowed type excludes: their labels are dropped from what it reads, unless a record
 * the narrowed type admits holds them too. Nothing is decided from a declared type alone: a record written under
 * the admitted discriminant carries whatever was written into it.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { allLabels, type AV, join, type Label, make, member, type Value } from "./values.js";
import { keyOf } from "./value-keys.js";

/** Signatures kept apart per value; a join past this many forgets them all (the plain join is what remains). */
const MAX_VARIANTS = 8;

/** The signature of records that had no literal-valued property (or joined in without variants). */
const UNTAGGED = "";

/** A literal's text as a discriminant value: `s:security`, `n:2`, `b:true`; undefined for anything else. */
function literalText(node: TS.Expression): string | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return `s:${(node as TS.StringLiteral).text}`;
    case ts.SyntaxKind.NumericLiteral:
      return `n:${Number((node as TS.NumericLiteral).text)}`;
    case ts.SyntaxKind.TrueKeyword:
      return "b:true";
    case ts.SyntaxKind.FalseKeyword:
      return "b:false";
    default:
      return undefined;
  }
}

/** `kind=s:security;channel=s:sms`: the literal-valued properties of a record literal, sorted by name. */
function signatureOf(node: TS.ObjectLiteralExpression): string | undefined {
  const parts: string[] = [];
  for (const prop of node.properties) {
    if (!ts.isPropertyAssignment(prop) || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
    const text = literalText(prop.initializer);
    if (text !== undefined) parts.push(`${prop.name.text}=${text}`);
  }
  return parts.length > 0 ? parts.sort().join(";") : undefined;
}

/** A record literal's value, remembering its signature when it holds taint (clean records need no tracking). */
export function recordVariant(node: TS.ObjectLiteralExpression, value: AV): AV {
  if (!value || value.d || !allLabels(value)) return value;
  const signature = signatureOf(node);
  if (signature === undefined) return value;
  return make(value.t, value.f, value.e, value.fn, value.api, value.u, value.b, new Map([[signature, value]]));
}

/** The variants of a join (values.ts `join`): per signature; a value without variants joins the untagged entry. */
export function joinVariants(a: Value, b: Value): ReadonlyMap<string, Value> | undefined {
  if (!a.d && !b.d) return undefined;
  const left = a.d ?? new Map([[UNTAGGED, a]]);
  const right = b.d ?? new Map([[UNTAGGED, b]]);
  let out: Map<string, Value> | undefined;
  for (const [signature, value] of right) {
    const mine = (out ?? left).get(signature);
    const merged = mine === undefined ? value : (join(mine, value) as Value);
    if (merged === mine) continue;
    out ??= new Map(left);
    out.set(signature, merged);
  }
  if (out && out.size > MAX_VARIANTS) return undefined;
  return out ?? left;
}

/** The variants' part of a memo key (value-keys.ts): which signature holds what. */
export function variantsKey(d: ReadonlyMap<string, Value>): string {
  return `<${[...d].map(([signature, value]) => `${signature}>${keyOf(value)}`).sort().join("|")}>`;
}

/** Per read site and signature: does the narrowed receiver type admit records of that signature? */
const admitted = new WeakMap<TS.Node, Map<string, boolean>>();

/**
 * What a property read at `nameNode` sees of `read` (the member of `object` named there), given the receiver type
 * the checker narrowed to: labels only records of excluded signatures hold are dropped.
 */
export function narrowedRead(checker: TS.TypeChecker, object: Value, nameNode: TS.Node, name: string, read: AV): AV {
  const d = object.d;
  const receiver = receiverOf(nameNode);
  if (!d || !receiver) return read;
  const labels = allLabels(read);
  if (!labels) return read;
  let cache = admitted.get(receiver);
  if (!cache) admitted.set(receiver, (cache = new Map<string, boolean>()));
  let kept: ReadonlyMap<number, Label> | undefined;
  let excluded = false;
  for (const [signature, value] of d) {
    let admits = cache.get(signature);
    if (admits === undefined) {
      admits = signature === UNTAGGED || admitsSignature(checker, checker.getTypeAtLocation(receiver), signature);
      cache.set(signature, admits);
    }
    if (!admits) excluded = true;
    else kept = joinLabelMaps(kept, allLabels(member(value, name)));
  }
  if (!excluded) return read;
  const drop = new Set([...labels.keys()].filter((id) => !kept?.has(id)));
  return drop.size === 0 ? read : withoutLabels(read, drop);
}

function joinLabelMaps(a: ReadonlyMap<number, Label> | undefined, b: ReadonlyMap<number, Label> | undefined): ReadonlyMap<number, Label> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Map([...a, ...b]);
}

/** The receiver expression of a property read (`p` of `p.value`, `p["value"]`); not a destructuring. */
function receiverOf(nameNode: TS.Node): TS.Expression | undefined {
  const parent = nameNode.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === nameNode) return parent.expression;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === nameNode) return parent.expression;
  return undefined;
}

/** Whether a value of `type` may have every property of the signature equal to its literal. */
function admitsSignature(checker: TS.TypeChecker, type: TS.Type, signature: string): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return true;
  for (const part of signature.split(";")) {
    const eq = part.indexOf("=");
    const property = checker.getPropertyOfType(checker.getApparentType(type), part.slice(0, eq));
    if (property && !admitsLiteral(checker.getTypeOfSymbol(property), part.slice(eq + 1))) return false;
  }
  return true;
}

/** Whether a property type may hold the literal: some member is that literal or not a literal type at all. */
function admitsLiteral(type: TS.Type, literal: string): boolean {
  const members = type.isUnion() ? type.types : [type];
  return members.some((t) => {
    if (t.isStringLiteral()) return literal === `s:${t.value}`;
    if (t.isNumberLiteral()) return literal === `n:${t.value}`;
    if (t.flags & ts.TypeFlags.BooleanLiteral) return literal === `b:${(t as { intrinsicName?: string }).intrinsicName}`;
    // `undefined` of an optional property is not the literal; anything wider may be.
    return !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never | ts.TypeFlags.Void));
  });
}

/** The value without the given sources' labels, anywhere inside. */
function withoutLabels(value: AV, drop: ReadonlySet<number>): AV {
  if (!value) return undefined;
  let t = value.t;
  if (t && [...t.keys()].some((id) => drop.has(id))) t = new Map([...t].filter(([id]) => !drop.has(id)));
  let f = value.f;
  if (f) {
    const next = new Map<string, Value>();
    for (const [name, inner] of f) {
      const kept = withoutLabels(inner, drop);
      if (kept) next.set(name, kept);
    }
    f = next;
  }
  return make(t, f, withoutLabels(value.e, drop), value.fn, value.api, value.u, value.b);
}
