/**
 * Type-directed filtering of what the field-based fallback yields (field-cells.ts). A cell is per field, not per
 * instance, so a generic class's field (`InMemoryRepository<T>.items`) holds what every instantiation stored: the
 * users of the user repository and the orders of the order repository. Where such a value meets a type that knows
 * the instantiation — a call on an unknown receiver typed `OrderRepository`, a read typed `Map<string, Order>` —
 * only what that type can hold is kept: the fields it declares, elements of its element type, a string's own taint;
 * numbers and booleans carry none (as for comparisons and counts).
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { isTainted, taintOf, join, setField, type AV } from "./values.js";
import { parametersOf } from "./interpret/util.js";

const MAX_DEPTH = 4;

const CLEAN_FLAGS =
  ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never;
const OPAQUE_FLAGS = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution;

/** `value` as far as a value of `type` can hold it. Only tainted values are worth the checker's time. */
export function projectOnType(checker: TS.TypeChecker, value: AV, type: TS.Type, depth = 0): AV {
  if (!value || !isTainted(value) || depth > MAX_DEPTH) return value;
  if (type.flags & OPAQUE_FLAGS || type.flags & ts.TypeFlags.Intersection) return value;
  if (type.isUnion()) {
    let out: AV;
    for (const part of type.types) out = join(out, projectOnType(checker, value, part, depth));
    return out;
  }
  if (type.flags & CLEAN_FLAGS) return undefined;
  // A string has no fields: taint on fields of a record that cannot be this value is no taint of it.
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.ESSymbolLike)) return taintOf(value.t);
  if (!(type.flags & ts.TypeFlags.Object)) return value;
  if (type.getCallSignatures().length > 0 && type.getProperties().length === 0) return value;
  const elementTypes = elementTypesOf(checker, type);
  let out: AV = { ...(value.t ? { t: value.t } : {}), ...(value.fn ? { fn: value.fn } : {}), ...(value.api ? { api: value.api } : {}) };
  if (value.e) {
    const e = elementTypes.length > 0 ? projectOnEach(checker, value.e, elementTypes, depth + 1) : value.e;
    if (e) out = { ...out, e };
  }
  for (const [name, member] of value.f ?? []) {
    const property = type.getProperty(name);
    const memberTypes = property ? [checker.getTypeOfSymbol(property)] : elementTypes;
    if (memberTypes.length === 0) continue;
    out = setField(out, name, projectOnEach(checker, member, memberTypes, depth + 1));
  }
  return out && (out.t || out.f || out.e || out.fn || out.api) ? out : undefined;
}

function projectOnEach(checker: TS.TypeChecker, value: AV, types: readonly TS.Type[], depth: number): AV {
  let out: AV;
  for (const type of types) out = join(out, projectOnType(checker, value, type, depth));
  return out;
}

/** What a container or an index signature holds: an array's or tuple's elements, `T` of `Set<T>`, a Map's keys and values. */
function elementTypesOf(checker: TS.TypeChecker, type: TS.Type): readonly TS.Type[] {
  const index = checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? checker.getIndexTypeOfType(type, ts.IndexKind.String);
  if (index) return [index];
  return (type as TS.TypeReference).target ? checker.getTypeArguments(type as TS.TypeReference) : [];
}

/**
 * Arguments as far as a function's declared parameters can hold them, for a callback a heap cell joined from many
 * registrations (values.ts `typedArguments`): a listener of one event of a typed bus (`(e: Events["signup"]) => …`)
 * never sees the fields of another event's payload. A rest parameter, or one typed `any`, takes what it is given.
 */
export function projectOnParameters(checker: TS.TypeChecker, fn: TS.SignatureDeclaration, args: readonly AV[]): AV[] {
  const params = parametersOf(fn);
  return args.map((arg, i) => {
    const param = params[i];
    if (!param || param.dotDotDotToken || !isTainted(arg)) return arg;
    return projectOnType(checker, arg, checker.getTypeAtLocation(param));
  });
}
