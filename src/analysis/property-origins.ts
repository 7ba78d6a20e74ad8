/**
 * Which declaration a property read resolves to when the checker made the property up. A mapped type's member
 * copies its key's declaration (`Pick<User, "phone">`, `Readonly<User>`, zod's `z.infer`), which is the column
 * when the value comes from the same object. But a mapped type may take its keys from one object and its values
 * from another: Prisma types `findUnique({ select: { phone: true } })` as a mapping over the `select` argument's
 * keys whose values are looked up in the model's payload (`$UserPayload["scalars"]`), so the member has no
 * declaration, or the `select` literal's (`phone: true`). Then the property the value was copied from is found
 * among the types the mapped type was instantiated with (its mapper's targets): a member of the same name and the
 * same value type, on a target or on one of a target's own members (the payload's `scalars`).
 *
 * TypeScript keeps these links internally (`symbol.links.mappedType`, its `mapper`, `CheckFlags.Mapped`); they
 * are read defensively, and a shape that is not recognised resolves to the symbol's own declarations.
 */
import type TS from "typescript";
import ts from "../typescript.js";

interface TypeMapper {
  kind: number;
  source?: TS.Type;
  target?: TS.Type;
  targets?: readonly TS.Type[];
  mapper1?: TypeMapper;
  mapper2?: TypeMapper;
}

interface MappedLinks {
  checkFlags?: number;
  mappedType?: { mapper?: TypeMapper };
  syntheticOrigin?: TS.Symbol;
}

const internals = ts as unknown as { CheckFlags?: { Mapped?: number }; TypeMapKind?: Record<string, number> };
const MAPPED = internals.CheckFlags?.Mapped ?? 1 << 18;
const MAP_KIND = internals.TypeMapKind ?? { Simple: 0, Array: 1, Composite: 4, Merged: 5 };
/** Bounds on the search, so an odd instantiation (a huge argument type) costs little. */
const MAX_TARGETS = 24;
const MAX_MEMBERS = 48;

/** Types with members: objects, and intersections of them (Prisma's `scalars` is `Omit<…> & {…}`). */
const RECORD = ts.TypeFlags.Object | ts.TypeFlags.Intersection;

/** Values no contact is kept in: a mapped member of one of these types is no copy of a string column. */
const FLAG = ts.TypeFlags.BooleanLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null;

const NONE: readonly TS.Declaration[] = [];

/** Per checker: transient symbols belong to the checker that made them. */
const caches = new WeakMap<TS.TypeChecker, WeakMap<TS.Symbol, readonly TS.Declaration[]>>();

/**
 * The declarations a property symbol stands for: its own, or for a mapped member whose value was copied from
 * another type's member (see the module comment), that member's; none for a mapped member holding a flag or a
 * number where its key's member held something else (it copies no value). Cached per symbol.
 */
export function originDeclarations(checker: TS.TypeChecker, symbol: TS.Symbol): readonly TS.Declaration[] {
  let cache = caches.get(checker);
  if (!cache) caches.set(checker, (cache = new WeakMap()));
  let found = cache.get(symbol);
  if (found === undefined) {
    cache.set(symbol, NONE); // a cycle through recursive mapped types resolves to nothing
    found = resolve(checker, symbol);
    cache.set(symbol, found);
  }
  return found;
}

function resolve(checker: TS.TypeChecker, symbol: TS.Symbol): readonly TS.Declaration[] {
  const own = symbol.declarations ?? NONE;
  const links = (symbol as { links?: MappedLinks }).links;
  if (!links?.checkFlags || !(links.checkFlags & MAPPED)) return own;
  const type = checker.getTypeOfSymbol(symbol);
  // The member copies the key's property with its value (Readonly, Pick, Partial): that declaration is the column.
  const origin = links.syntheticOrigin;
  if (own.length > 0 && (origin === undefined || sameValue(checker, checker.getTypeOfSymbol(origin), type))) return own;
  // A flag or a count per key (Prisma's `select` argument type, `{ [K in keyof User]?: boolean }`) copies nothing.
  if (type.flags & FLAG) return NONE;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return own;
  const copied = copiedFrom(checker, symbol.name, type, mapperTargets(links.mappedType?.mapper));
  if (copied.length === 0) return own;
  return copied.flatMap((member) => originDeclarations(checker, member));
}

/**
 * Members named `name` holding a value of `type` on the instantiation's types, or else on their members (one
 * level: the payload's `scalars`); the shallowest level that has any.
 */
function copiedFrom(checker: TS.TypeChecker, name: string, type: TS.Type, targets: readonly TS.Type[]): TS.Symbol[] {
  const direct: TS.Symbol[] = [];
  const nested: TS.Symbol[] = [];
  for (const target of targets) {
    const member = checker.getPropertyOfType(target, name);
    if (member && sameValue(checker, checker.getTypeOfSymbol(member), type)) direct.push(member);
  }
  if (direct.length > 0) return direct;
  for (const target of targets) {
    const members = checker.getPropertiesOfType(target);
    if (members.length > MAX_MEMBERS) continue;
    for (const holder of members) {
      const held = checker.getTypeOfSymbol(holder);
      if (!(held.flags & RECORD)) continue;
      const member = checker.getPropertyOfType(held, name);
      if (member && sameValue(checker, checker.getTypeOfSymbol(member), type)) nested.push(member);
    }
  }
  return nested;
}

/** The same value: one type, or one type apart from `null`/`undefined` (an optional or nullable copy). */
function sameValue(checker: TS.TypeChecker, a: TS.Type, b: TS.Type): boolean {
  return a === b || checker.getNonNullableType(a) === checker.getNonNullableType(b);
}

/** The object types a mapper substitutes for type parameters (the instantiation's arguments). */
function mapperTargets(mapper: TypeMapper | undefined): TS.Type[] {
  const out = new Set<TS.Type>();
  const visit = (m: TypeMapper | undefined, depth: number): void => {
    if (!m || depth > 8 || out.size >= MAX_TARGETS) return;
    if (m.kind === MAP_KIND.Simple && m.target) out.add(m.target);
    else if (m.kind === MAP_KIND.Array) for (const target of m.targets ?? []) out.add(target);
    else if (m.kind === MAP_KIND.Composite || m.kind === MAP_KIND.Merged) {
      visit(m.mapper1, depth + 1);
      visit(m.mapper2, depth + 1);
    }
    // Function and Deferred mappers compute their targets on demand: not asked for.
  };
  visit(mapper, 0);
  return [...out].filter((type) => (type.flags & RECORD) !== 0);
}
