/**
 * The inputs of an export's context-free run (export-summaries.ts): a placeholder source per access path of each
 * parameter and of `this` — `0` for a string parameter, `0.twoFactorPhone` and `0.email` for a `User`, nested to
 * three levels — so a summary says which *field* of an argument reaches a sink or comes back, and a caller whose
 * only security contact sits in another field does not leak through it. A parameter whose type has no fixed set
 * of data fields (a string, an array, a library type, an index signature, a union of records) is one placeholder.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import type { AV, Source, Step, Value } from "../analysis/values.js";

/** Fields deeper than this are covered by their parent's placeholder. */
const MAX_FIELD_DEPTH = 3;
/** A type with more data fields than this is one placeholder (a generated record, an entity with 80 columns). */
const MAX_FIELDS = 24;

export interface PlaceholderSolver {
  readonly checker: TS.TypeChecker;
  source(node: TS.Node, field: string, name: string, kind: Source["kind"]): Source;
}

export interface Placeholders {
  args: AV[];
  thisValue: AV;
  /** The input ("0", "0.email", "this.phone") a placeholder source stands for, by source id. */
  inputOf: ReadonlyMap<number, string>;
  /** The inputs split into fields, deepest first, with their fields' inputs. */
  parents: readonly { input: string; children: readonly string[] }[];
}

export function placeholdersFor(solver: PlaceholderSolver, fn: TS.SignatureDeclaration, withThis: boolean): Placeholders {
  const checker = solver.checker;
  const inputOf = new Map<number, string>();
  const parents: { input: string; children: string[]; depth: number }[] = [];
  const leaf = (node: TS.Node, input: string): Value => {
    const source = solver.source(node, `\u0000input ${input}`, input, "declaration");
    inputOf.set(source.id, input);
    const trace: Step = { node, label: `input ${input}`, kind: "source", prev: undefined, length: 1 };
    return { t: new Map([[source.id, { source, trace }]]) };
  };
  const expand = (node: TS.Node, input: string, type: TS.Type | undefined, depth: number): Value => {
    const fields = type && depth < MAX_FIELD_DEPTH ? dataFields(checker, type) : undefined;
    if (!fields) return leaf(node, input);
    const f = new Map<string, Value>();
    for (const field of fields) f.set(field.name, expand(node, `${input}.${field.name}`, checker.getTypeOfSymbolAtLocation(field, node), depth + 1));
    parents.push({ input, children: fields.map((field) => `${input}.${field.name}`), depth });
    return { f };
  };
  const args = fn.parameters.map((p, i) => (p.dotDotDotToken ? leaf(p, String(i)) : expand(p, String(i), checker.getTypeAtLocation(p), 0)));
  let thisValue: AV;
  if (withThis) {
    const cls = fn.parent;
    const symbol = ts.isClassLike(cls) && cls.name ? checker.getSymbolAtLocation(cls.name) : undefined;
    // UNKNOWN as a root's `this` is: what the class's fields hold (its constructor's writes) is read from their cells.
    thisValue = { ...expand(fn, "this", symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined, 0), u: true };
  }
  parents.sort((a, b) => b.depth - a.depth);
  return { args, thisValue, inputOf, parents };
}

/** The data fields of a first-party record type (no methods, accessors or private names), or `undefined`. */
function dataFields(checker: TS.TypeChecker, declared: TS.Type): TS.Symbol[] | undefined {
  const type = checker.getNonNullableType(declared);
  if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type) || checker.isTupleType(type)) return undefined;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0 || checker.getIndexInfosOfType(type).length > 0) return undefined;
  const declarations = type.getSymbol()?.declarations ?? [];
  if (declarations.some((d) => d.getSourceFile().isDeclarationFile)) return undefined;
  const all = checker.getPropertiesOfType(type);
  const fields = all.filter((p) => !(p.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Accessor)) && !p.name.startsWith("__#"));
  return fields.length > 0 && fields.length <= MAX_FIELDS ? fields : undefined;
}

/** The input's value in a call: `0.email` is the first argument's `email` field; `this` the receiver. */
export function inputPath(input: string): { root: string; fields: string[] } {
  const [root = "", ...fields] = input.split(".");
  return { root, fields };
}

/**
 * Entries for every field of an input, alike but for the input (the same sink argument; the same place in the
 * return value, one level down), become one entry for the input itself: the whole argument reaches the sink or
 * comes back, so a caller's value of a subtype with more fields is covered too. Deepest inputs first.
 */
export function collapseInputs<T extends { input?: string }>(
  entries: T[],
  placeholders: Placeholders,
  keyOf: (entry: T, child: string) => string | undefined,
  merged: (first: T, parent: string) => T,
): T[] {
  let out = entries;
  for (const { input, children } of placeholders.parents) {
    const byKey = new Map<string, Map<string, T>>();
    for (const entry of out) {
      const child = entry.input;
      if (child === undefined || !children.includes(child)) continue;
      const key = keyOf(entry, child);
      if (key === undefined) continue;
      let found = byKey.get(key);
      if (!found) byKey.set(key, (found = new Map<string, T>()));
      if (!found.has(child)) found.set(child, entry);
    }
    for (const found of byKey.values()) {
      if (found.size !== children.length) continue;
      const replaced = new Set(found.values());
      out = [...out.filter((entry) => !replaced.has(entry)), merged(found.get(children[0]!)!, input)];
    }
  }
  return out;
}

/**
 * The input a branded property read inside `fn` reads from, when the syntax says so: `user.twoFactorPhone` with
 * `user` parameter 0 is "0.twoFactorPhone", `this.phone` is "this.phone", `const { phone } = user` is "0.phone".
 * The engine makes such a read a source only where that input carries nothing (a caller's flow explains it
 * otherwise), so a summary's source holds under that condition.
 */
export function readInput(checker: TS.TypeChecker, fn: TS.SignatureDeclaration, name: TS.Node): string | undefined {
  const parent = name.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === name) return joined(pathOf(checker, fn, parent.expression), parent.name.text);
  if (ts.isBindingElement(parent) && ts.isObjectBindingPattern(parent.parent)) {
    const key = parent.propertyName ?? parent.name;
    const text = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
    const holder = parent.parent.parent;
    if (text === undefined) return undefined;
    if (ts.isParameter(holder) && holder.parent === fn) return `${String(fn.parameters.indexOf(holder))}.${text}`;
    if (ts.isVariableDeclaration(holder) && holder.initializer) return joined(pathOf(checker, fn, holder.initializer), text);
  }
  return undefined;
}

function pathOf(checker: TS.TypeChecker, fn: TS.SignatureDeclaration, node: TS.Expression): string | undefined {
  if (node.kind === ts.SyntaxKind.ThisKeyword) return ts.findAncestor(node.parent, (n) => ts.isFunctionLike(n) && !ts.isArrowFunction(n)) === fn ? "this" : undefined;
  if (ts.isIdentifier(node)) {
    const decl = checker.getSymbolAtLocation(node)?.valueDeclaration;
    return decl && ts.isParameter(decl) && decl.parent === fn && ts.isIdentifier(decl.name) ? String(fn.parameters.indexOf(decl)) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) return joined(pathOf(checker, fn, node.expression), node.name.text);
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) return pathOf(checker, fn, node.expression);
  return undefined;
}

function joined(base: string | undefined, name: string): string | undefined {
  return base === undefined ? undefined : `${base}.${name}`;
}
