/**
 * The branded fields a record holds through its own fields (`security.phone` of a `Profile`), for a record
 * consumed whole: `JSON.stringify(profile)` writes the nested phone as surely as a direct one. Bounded depth, and
 * decided once per type: only fields declared in the program's own files (or in typings that declare a brand)
 * are entered, so a library object's hundreds of members are never asked about.
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
