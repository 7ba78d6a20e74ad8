// A vendored brand: teams may declare their own one-line `SecurityContact` alias instead of importing the package's.
declare const vendoredBrand: unique symbol;

export type SecurityContact<T> = T & { readonly [vendoredBrand]: "SecurityContact" };

export function declassify<T>(value: SecurityContact<T>, justification: string): T {
  void justification;
  return value as T;
}
