/**
 * The brand as the checker resolves it, for annotations whose text does not name it: an indexed access
 * (`User["twoFactorPhone"]`, `Pick<User, "twoFactorPhone">["twoFactorPhone"]`), a `typeof` query, and members
 * of generic types instantiated with a branded type (`Envelope<Phone>["body"]`). The model asks only where
 * syntax says the brand may hide (see `mayHideBrand`); every other annotation is decided from its text.
 */
import type TS from "typescript";
import ts from "../typescript.js";

/**
 * An annotation that may resolve to a branded type although it does not name one: it contains an indexed access
 * or a `typeof` query. Object type literals are not entered: their members are decided one by one.
 */
export function mayHideBrand(node: TS.Node): boolean {
  if (ts.isIndexedAccessTypeNode(node) || ts.isTypeQueryNode(node)) return true;
  if (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node)) return false;
  return ts.forEachChild(node, (child) => (mayHideBrand(child) ? true : undefined)) === true;
}

/**
 * Whether a resolved type carries the brand: an instantiation of a brand alias, the intersection such an alias
 * builds (`string & { [brand]: … }`, also after `NonNullable` or an indexed access dropped the alias), a union
 * with such a member, or an array, tuple or promise of one (as a branded annotation's text would say).
 */
export function isBrandedType(checker: TS.TypeChecker, type: TS.Type, brandNames: ReadonlySet<string>, depth = 2): boolean {
  if (type.aliasSymbol && brandNames.has(type.aliasSymbol.name)) return true;
  if (type.isUnion()) return type.types.some((member) => isBrandedType(checker, member, brandNames, depth));
  if (type.isIntersection()) return type.types.some((member) => isBrandMarker(member, brandNames));
  if (depth > 0 && type.flags & ts.TypeFlags.Object) {
    const name = type.getSymbol()?.name;
    if (checker.isArrayType(type) || checker.isTupleType(type) || name === "Promise" || name === "PromiseLike") {
      return checker.getTypeArguments(type as TS.TypeReference).some((arg) => isBrandedType(checker, arg, brandNames, depth - 1));
    }
  }
  return false;
}

/** The object half of a brand's intersection: a type literal declared inside a brand alias's definition. */
function isBrandMarker(type: TS.Type, brandNames: ReadonlySet<string>): boolean {
  if (type.aliasSymbol && brandNames.has(type.aliasSymbol.name)) return true;
  for (let node: TS.Node | undefined = type.getSymbol()?.declarations?.[0]; node; node = node.parent) {
    if (ts.isTypeAliasDeclaration(node)) return brandNames.has(node.name.text);
    if (ts.isSourceFile(node) || ts.isInterfaceDeclaration(node) || ts.isClassLike(node)) return false;
  }
  return false;
}

/**
 * A property member typed with its owner's type parameter (`body: T` in `interface Envelope<T>`): whether a read
 * of it is a source depends on the instantiation, so the checker is asked at such reads.
 */
export function isGenericMember(node: TS.Node): boolean {
  if (!(ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) || !node.type) return false;
  const owner = node.parent;
  const params =
    ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)
      ? owner.typeParameters
      : ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent)
        ? owner.parent.typeParameters
        : undefined;
  if (!params || params.length === 0) return false;
  const names = new Set(params.map((param) => param.name.text));
  const refers = (type: TS.Node): boolean => {
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && names.has(type.typeName.text)) return true;
    if (ts.isTypeLiteralNode(type)) return false;
    return ts.forEachChild(type, (child) => (refers(child) ? true : undefined)) === true;
  };
  return refers(node.type);
}
