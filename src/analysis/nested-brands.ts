/**
 * The branded fields a record holds through its own fields (`security.phone` of a `Profile`), for a record
 * consumed whole: `JSON.stringify(profile)` writes the nested phone as surely as a direct one. Bounded depth, and
 * decided once per type: only fields declared in the program's own files (or in typings that declare a brand)
 * are entered, so a library object's hundreds of members are never asked about. Also the first branded property a
 * record passed whole to a sink holds anywhere inside it (`heldBrandIn`), which names the finding's source.
 */
import type TS from "typescript";
import ts from "../typescript.js";

/** A branded property reached from a record by named steps: `["security", "phone"]`. */
export interface BrandedPath {
  steps: readonly string[];
  property: TS.Symbol;
}

/** What the search needs from the model. */
export interface BrandFacts {
  readonly brandedPropertyNames: ReadonlySet<string>;
  isBrandedSymbol(symbol: TS.Symbol): boolean;
  /** The fields a type declares branded directly (cached by the model). */
  brandedFieldsOf(type: TS.Type): readonly TS.Symbol[];
  /** Whether records declared in this file may hold branded fields (first-party, or typings with a brand). */
  mayDeclareBrandedRecords(file: TS.SourceFile): boolean;
}

const NONE: readonly BrandedPath[] = [];
/** By depth: a type met one level down has fewer levels left than when a record of it is consumed itself. */
const caches = new Map<number, WeakMap<TS.Type, readonly BrandedPath[]>>();

export function brandedPathsOf(facts: BrandFacts, checker: TS.TypeChecker, type: TS.Type, depth = 3): readonly BrandedPath[] {
  if (facts.brandedPropertyNames.size === 0 || !(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.UnionOrIntersection))) return NONE;
  let cache = caches.get(depth);
  if (!cache) caches.set(depth, (cache = new WeakMap()));
  const cached = cache.get(type);
  if (cached) return cached;
  cache.set(type, NONE); // a recursive type (`parent: Profile`) ends here
  const out: BrandedPath[] = facts.brandedFieldsOf(type).map((property) => ({ steps: [property.name], property }));
  if (depth > 1 && !(type.flags & ts.TypeFlags.Object && (checker.isArrayType(type) || checker.isTupleType(type)))) {
    for (const property of checker.getPropertiesOfType(type)) {
      if (out.some((path) => path.property === property)) continue;
      const declaration = property.valueDeclaration;
      if (!declaration || !isRecordField(declaration) || !facts.mayDeclareBrandedRecords(declaration.getSourceFile())) continue;
      const inner = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      for (const path of brandedPathsOf(facts, checker, inner, depth - 1)) out.push({ steps: [property.name, ...path.steps], property: path.property });
    }
  }
  const paths = out.length > 0 ? out : NONE;
  cache.set(type, paths);
  return paths;
}

function isRecordField(node: TS.Node): boolean {
  return ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node) || ts.isJSDocPropertyLikeTag(node) || ts.isParameter(node);
}

/** A branded property a record holds somewhere inside, named for messages: `{ field: "User.twoFactorPhone", name }`. */
export interface HeldBrand {
  field: string;
  name: string;
}

/** Per model (what is branded depends on it) and by depth, like `caches` above. */
const heldCaches = new WeakMap<BrandFacts, Map<number, WeakMap<TS.Type, HeldBrand | undefined>>>();

/**
 * A branded property reachable inside a type (a `User`, `{ user }`, `User[]`), for records passed whole to a
 * sink. Bounded depth in named fields (four: an SDK's envelope, `{ event, properties: { users } }`, costs two), where
 * an array's or tuple's elements are at their container's depth; primitives, `any` and index signatures hold
 * nothing we can name. Cached per depth: a type first met deep in one argument is searched again, deeper,
 * when it is met nearer the top of another (the answer does not depend on the order of the program's sinks).
 */
export function heldBrandIn(facts: BrandFacts, checker: TS.TypeChecker, type: TS.Type, depth = 4): HeldBrand | undefined {
  if (depth === 0 || facts.brandedPropertyNames.size === 0) return undefined;
  let byDepth = heldCaches.get(facts);
  if (!byDepth) heldCaches.set(facts, (byDepth = new Map<number, WeakMap<TS.Type, HeldBrand | undefined>>()));
  let cache = byDepth.get(depth);
  if (!cache) byDepth.set(depth, (cache = new WeakMap<TS.Type, HeldBrand | undefined>()));
  const cached = cache.get(type);
  if (cached !== undefined || cache.has(type)) return cached;
  cache.set(type, undefined); // a recursive type ends here
  let found: { field: string; name: string } | undefined;
  if (type.isUnionOrIntersection()) {
    for (const member of type.types) if ((found = heldBrandIn(facts, checker, member, depth))) break;
  } else if (type.flags & ts.TypeFlags.Object) {
    const args = checker.isArrayType(type) || checker.isTupleType(type) ? checker.getTypeArguments(type as TS.TypeReference) : [];
    for (const arg of args) if ((found = heldBrandIn(facts, checker, arg, depth))) break;
    if (!found && args.length === 0) {
      for (const property of checker.getPropertiesOfType(type)) {
        if (facts.brandedPropertyNames.has(property.name) && facts.isBrandedSymbol(property)) {
          const owner = property.declarations?.[0]?.parent;
          const ownerName = owner && (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name ? `${owner.name.text}.` : "";
          found = { field: `${ownerName}${property.name}`, name: property.name };
          break;
        }
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        // A member the checker made without a declaration (a mapped `select` result's relation) is a field too.
        if (declaration ? ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) : !(property.flags & ts.SymbolFlags.Property)) continue;
        if ((found = heldBrandIn(facts, checker, checker.getTypeOfSymbol(property), depth - 1))) break;
      }
    }
  }
  cache.set(type, found);
  return found;
}
