/**
 * Does a type carry the `SecurityContact` brand, and where? Used by `no-brand-cast` to decide whether an
 * assertion removes it. The package's brand is `T & { readonly [securityContactBrand]: "SecurityContact" }`
 * behind the alias `SecurityContact<T>`; teams may vendor their own alias of the same name, so the alias name is
 * the primary test and the brand member is the fallback for types whose alias TypeScript dropped
 * (`NonNullable<…>`, mapped types).
 */

import type TS from "typescript";

import ts from "../typescript.js";

const BRAND_ALIAS = "SecurityContact";

/** How deep `brandPath` looks into object properties and array elements: `user.twoFactorPhone` is depth 1. */
const MAX_DEPTH = 2;
/** Objects with more properties than this are not searched (DOM, SDK clients): brands live in small records. */
const MAX_PROPERTIES = 64;

/** True when the type itself (or one of its union / intersection members) is branded. */
export function isBrandedType(type: TS.Type, checker: TS.TypeChecker): boolean {
  return isBranded(type, checker, 0);
}

function isBranded(type: TS.Type, checker: TS.TypeChecker, depth: number): boolean {
  if (depth > 8) return false;
  if (type.aliasSymbol?.getName() === BRAND_ALIAS) return true;
  if (type.isUnion()) return type.types.some((member) => isBranded(member, checker, depth + 1));
  if (type.isIntersection()) {
    return type.types.some((member) => isBranded(member, checker, depth + 1) || isBrandMember(member, checker));
  }
  if (type.flags & ts.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint !== undefined && constraint !== type && isBranded(constraint, checker, depth + 1);
  }
  return false;
}

/** `{ readonly [securityContactBrand]: "SecurityContact" }` or a vendored `{ __brand: "SecurityContact" }`. */
function isBrandMember(type: TS.Type, checker: TS.TypeChecker): boolean {
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  for (const property of checker.getPropertiesOfType(type)) {
    const name = String(property.escapedName);
    if (name.startsWith("__@securityContactBrand")) return true;
    if (name === "__brand" || name.startsWith("__@")) {
      const propertyType = checker.getTypeOfSymbol(property);
      if (propertyType.isStringLiteral() && propertyType.value === BRAND_ALIAS) return true;
    }
  }
  return false;
}

/**
 * Where a brand sits inside a type: `""` for the value itself, `".twoFactorPhone"` or `"[].recoveryEmail"` for a
 * branded member, `undefined` when none is found within `MAX_DEPTH`. Types declared in the default library or in
 * dependencies are not searched: they cannot declare a user's branded field.
 */
export function brandPath(type: TS.Type, checker: TS.TypeChecker, program: TS.Program): string | undefined {
  return searchBrand(type, checker, program, 0, new Set());
}

function searchBrand(
  type: TS.Type,
  checker: TS.TypeChecker,
  program: TS.Program,
  depth: number,
  seen: Set<TS.Type>,
): string | undefined {
  if (isBranded(type, checker, 0)) return "";
  if (depth >= MAX_DEPTH || seen.has(type)) return undefined;
  seen.add(type);
  if (type.isUnionOrIntersection()) {
    for (const member of type.types) {
      const found = searchBrand(member, checker, program, depth, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return undefined;
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    for (const element of checker.getTypeArguments(type as TS.TypeReference)) {
      const found = searchBrand(element, checker, program, depth + 1, seen);
      if (found !== undefined) return `[]${found}`;
    }
    return undefined;
  }
  if (isLibraryType(type, program)) return undefined;
  const properties = checker.getPropertiesOfType(type);
  if (properties.length > MAX_PROPERTIES) return undefined;
  for (const property of properties) {
    const found = searchBrand(checker.getTypeOfSymbol(property), checker, program, depth + 1, seen);
    if (found !== undefined) return `.${property.name}${found}`;
  }
  return undefined;
}

/**
 * The type found by following `path` (as produced by `brandPath`) into `type`: `undefined` when the path does not
 * exist there (the target type does not mention that member at all).
 */
export function typeAtPath(type: TS.Type, path: string, checker: TS.TypeChecker): TS.Type | undefined {
  let current: TS.Type | undefined = type;
  for (const segment of path.match(/\[\]|\.[^.[]+/g) ?? []) {
    if (current === undefined) return undefined;
    if (current.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return current;
    const nonNullable: TS.Type = checker.getNonNullableType(current);
    if (segment === "[]") {
      current = checker.getIndexTypeOfType(nonNullable, ts.IndexKind.Number);
    } else {
      const property = nonNullable.getProperty(segment.slice(1));
      current = property === undefined ? undefined : checker.getTypeOfSymbol(property);
    }
  }
  return current;
}

function isLibraryType(type: TS.Type, program: TS.Program): boolean {
  const declarations = type.getSymbol()?.getDeclarations();
  if (declarations === undefined || declarations.length === 0) return false;
  return declarations.every((declaration) => {
    const file = declaration.getSourceFile();
    return program.isSourceFileDefaultLibrary(file) || program.isSourceFileFromExternalLibrary(file);
  });
}

/**
 * Syntactic fallback for when the checker's type lost the alias: does the operand's declaration spell
 * `SecurityContact<…>` in its type annotation (`phone: SecurityContact<string>`, `recoveryEmail?: SecurityContact<string>`)?
 */
export function declaredAsBranded(node: TS.Node, checker: TS.TypeChecker): boolean {
  let target: TS.Node = node;
  while (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target)) target = target.expression;
  if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target)) return false;
  const symbol = checker.getSymbolAtLocation(target);
  const declaration = symbol?.valueDeclaration;
  if (declaration === undefined) return false;
  const typeNode =
    ts.isVariableDeclaration(declaration) ||
    ts.isParameter(declaration) ||
    ts.isPropertySignature(declaration) ||
    ts.isPropertyDeclaration(declaration)
      ? declaration.type
      : undefined;
  return typeNode !== undefined && typeNodeNamesBrand(typeNode);
}

function typeNodeNamesBrand(node: TS.TypeNode): boolean {
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
    return name === BRAND_ALIAS;
  }
  if (ts.isImportTypeNode(node)) {
    const qualifier = node.qualifier;
    return qualifier !== undefined && (ts.isIdentifier(qualifier) ? qualifier.text : qualifier.right.text) === BRAND_ALIAS;
  }
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.some(typeNodeNamesBrand);
  if (ts.isParenthesizedTypeNode(node)) return typeNodeNamesBrand(node.type);
  return false;
}
