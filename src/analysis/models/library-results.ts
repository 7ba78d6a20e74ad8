/**
 * What a library call without a model gives back for its arguments (DESIGN's default: argument taint reaches the
 * result), kept field-sensitive, and refined by the result's declared type.
 *
 * A call that answers asynchronously with a record — a database lookup, an API request — answers from the store,
 * not from its arguments: `findUnique({ where: { email } })` or `findByEmail(email)` selects a row whose name and
 * id are not the email. Such a record keeps only what the query put in fields the record declares: an object
 * argument's fields by name (`where.email` → `row.email`) and a plain argument under its parameter's name
 * (`findByEmail(email)` → `row.email`); a list of records (`findMany`), each of its rows. Any other result — a
 * string, `any`, binary data, an array of strings, a record computed synchronously (`parsePhone(phone).national`)
 * — takes the arguments' taint whole, as before. The receiver counts as part of the query (argumentsIntoResult).
 * An asynchronous answer that is a number, a boolean or nothing (`await redis.incr(key)`) is the store's counter
 * or verdict and carries nothing of the query.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { projectOnType } from "../type-projection.js";
import { type AV, collapse, isPosition, isTainted, join, joinAll, KEYS, MAX_DEPTH, setField, taintOf, withElements, withoutFunctions } from "../values.js";

/**
 * One argument as a library echoes it. Taint on the argument itself or its elements (a phone, a list of phones)
 * taints the whole result: `parsePhone(phone).national`. Taint inside an object stays under its field's name, at
 * the path it had and hoisted to the top, because a library echoes records back by field names:
 * `prisma.user.update({ where: { id }, data: { twoFactorPhone } })` returns a record whose `twoFactorPhone` is
 * the phone and whose `id` is not.
 */
export function libraryResultOf(argument: AV): AV {
  const { whole, fields } = echoed(argument);
  return join(whole, fields);
}

function echoed(argument: AV): { whole: AV; fields: AV } {
  if (!argument) return { whole: undefined, fields: undefined };
  let fields: AV;
  let contents: AV;
  const hoist = (object: AV, depth: number): void => {
    if (!object?.f || depth > MAX_DEPTH) return;
    for (const [name, member] of object.f) {
      if (!isTainted(member)) continue;
      // Positions and keys are a container's contents (like its elements), not a record's named fields.
      if (name === KEYS || isPosition(name)) {
        if (depth === 0) contents = join(contents, collapse(member));
        continue;
      }
      fields = join(fields, setField(undefined, name, withoutFunctions(member)));
      hoist(member, depth + 1);
    }
  };
  hoist(argument, 0);
  return { whole: joinAll([taintOf(argument.t), collapse(argument.e), contents]), fields };
}

/**
 * What the receiver and arguments of a library call give its result (see the module comment). A receiver the
 * library built from earlier arguments is part of the query (`lookups.phoneNumbers(phone).fetch()`): a record
 * answered for it keeps the receiver's fields by name and its whole value under the names of the parameters it
 * was built from (`phoneNumbers(phoneNumber)` → `info.phoneNumber`), so `info.valid` is the server's, not the phone.
 */
export function argumentsIntoResult(checker: TS.TypeChecker, node: TS.CallExpression, decl: TS.Declaration | undefined, data: readonly AV[], receiver: AV): AV {
  const all = data.map(echoed);
  const result = join(collapse(receiver), joinAll(all.map(({ whole, fields }) => join(whole, fields))));
  if (!result || !isTainted(result)) return result;
  if (answersCount(checker, node)) return undefined;
  const answer = answeredRecords(checker, node);
  if (!answer) return result;
  let kept: AV;
  const keep = (whole: AV, names: readonly string[]) => {
    for (const name of names) kept = join(kept, setField(undefined, name, whole));
  };
  const parameters = decl && ts.isFunctionLike(decl) ? decl.parameters : [];
  all.forEach(({ whole, fields }, i) => {
    kept = join(kept, fields);
    if (whole) keep(whole, plainNames(parameters.slice(i, i + 1)));
  });
  const query = echoed(receiver);
  kept = join(kept, query.fields);
  if (query.whole) keep(query.whole, plainNames(builderParameters(checker, node)));
  const record = projectOnType(checker, kept, answer.record);
  return answer.list ? withElements(record) : record;
}

/** The names of parameters that take one plain value each (not a rest, not a destructuring pattern). */
function plainNames(parameters: readonly TS.ParameterDeclaration[]): string[] {
  return parameters.flatMap((p) => (!p.dotDotDotToken && ts.isIdentifier(p.name) ? [p.name.text] : []));
}

/** The parameters of the library call that built a call's receiver in the same chain (`phoneNumbers(n).fetch()`). */
function builderParameters(checker: TS.TypeChecker, node: TS.CallExpression): readonly TS.ParameterDeclaration[] {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return [];
  let receiver: TS.Expression = callee.expression;
  while (ts.isParenthesizedExpression(receiver) || ts.isNonNullExpression(receiver) || ts.isAsExpression(receiver)) receiver = receiver.expression;
  if (!ts.isCallExpression(receiver)) return [];
  const declaration = checker.getResolvedSignature(receiver)?.declaration;
  return declaration && !ts.isJSDocSignature(declaration) ? declaration.parameters : [];
}

/** Binary data is the data it was built from, whatever its declared shape. */
const BINARY = new Set(["ArrayBuffer", "SharedArrayBuffer", "Buffer", "Blob", "DataView", "Uint8Array", "Uint16Array", "Uint32Array", "Uint8ClampedArray", "Int8Array", "Int16Array", "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]);

/**
 * The record type a call answers with asynchronously: a promise or a thenable query of a record (or null), or of
 * a list of records (`findMany`), whose elements then hold what the query put in their fields.
 */
function answeredRecords(checker: TS.TypeChecker, node: TS.CallExpression): { record: TS.Type; list: boolean } | undefined {
  const type = checker.getTypeAtLocation(node);
  if (!checker.getPropertyOfType(checker.getApparentType(type), "then")) return undefined;
  const awaited = checker.getAwaitedType(type);
  if (!awaited || awaited === type) return undefined;
  if (checker.isArrayType(awaited)) {
    const [item] = checker.getTypeArguments(awaited as TS.TypeReference);
    return item && isRecordOrNothing(checker, item) ? { record: item, list: true } : undefined;
  }
  return isRecordOrNothing(checker, awaited) ? { record: awaited, list: false } : undefined;
}

/**
 * Whether a call answers asynchronously with a number, a boolean or nothing (`redis.incr(key)`,
 * `db.count({ where })`, `cache.exists(key)`, `Promise<void>`): the store's counter or verdict, not the query.
 * A synchronous number stays tainted (`murmur(phone)` is a hash of it; `parseInt(phone)` the phone itself).
 */
function answersCount(checker: TS.TypeChecker, node: TS.CallExpression): boolean {
  const type = checker.getTypeAtLocation(node);
  if (!checker.getPropertyOfType(checker.getApparentType(type), "then")) return false;
  const awaited = checker.getAwaitedType(type);
  if (!awaited || awaited === type) return false;
  const parts = awaited.isUnion() ? awaited.types : [awaited];
  return parts.every((part) => (part.flags & COUNT_OR_NOTHING) !== 0);
}

const COUNT_OR_NOTHING = ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null;

/** A record, or a union of records with null or undefined (`findUnique` answers `User | null`). */
function isRecordOrNothing(checker: TS.TypeChecker, type: TS.Type): boolean {
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
  return parts.length > 0 && parts.every((part) => isRecord(checker, part));
}

function isRecord(checker: TS.TypeChecker, type: TS.Type): boolean {
  if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type) || checker.isTupleType(type)) return false;
  if (type.getCallSignatures().length > 0 || BINARY.has(type.getSymbol()?.getName() ?? "")) return false;
  return type.getProperties().length > 0;
}

/**
 * Whether a library function hands back what its callback returns, by its declared signature: a type parameter
 * that is both the result (or what the result's promise resolves to) and a callback parameter's result —
 * `run<T>(name: string, fn: () => T | Promise<T>): Promise<T>`, `retry<T>(fn: () => Promise<T>): Promise<T>`.
 * Such a call's result is the callback's result, field by field, not a blend of everything it was given.
 */
export function returnsCallbackResult(checker: TS.TypeChecker, node: TS.CallExpression, decl: TS.Declaration | undefined): boolean {
  const declared = decl && ts.isFunctionLike(decl) ? decl : checker.getResolvedSignature(node)?.declaration;
  if (!declared || ts.isJSDocSignature(declared) || !declared.typeParameters || !declared.type) return false;
  const result = resolvedName(declared.type);
  if (result === undefined || !declared.typeParameters.some((p) => p.name.text === result)) return false;
  return declared.parameters.some((p) => p.type !== undefined && ts.isFunctionTypeNode(p.type) && typeNames(p.type.type).includes(result));
}

const PROMISES = new Set(["Promise", "PromiseLike", "Awaited"]);

/** `T`, `Promise<T>`, `PromiseLike<T>`: the name of T; undefined for anything else. */
function resolvedName(type: TS.TypeNode): string | undefined {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  if (!type.typeArguments) return type.typeName.text;
  return PROMISES.has(type.typeName.text) && type.typeArguments.length === 1 ? resolvedName(type.typeArguments[0]!) : undefined;
}

/** The names a callback's declared result resolves to: `T | Promise<T>` → ["T"]. */
function typeNames(type: TS.TypeNode): string[] {
  if (ts.isUnionTypeNode(type)) return type.types.flatMap(typeNames);
  const name = resolvedName(type);
  return name === undefined ? [] : [name];
}
