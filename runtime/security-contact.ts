/**
 * The SecurityContact brand and `declassify`, with no dependencies: the whole of what application code needs at
 * run time. Import them from "purpose-lint", or copy this file into your project (for example
 * `src/security-contact.ts`) and import them from there, so purpose-lint stays a devDependency: it recognises a
 * local type alias named `SecurityContact` and a local function named `declassify` exactly like its own.
 *
 * Brand a field collected for account security (a two-factor phone, a recovery email) as
 * `SecurityContact<string>`; purpose-lint follows every value read from it and reports each flow into
 * advertising, marketing or analytics code.
 */

declare const securityContactBrand: unique symbol;

/** A value collected for account security only: it must never reach advertising, marketing or analytics. */
export type SecurityContact<T> = T & { readonly [securityContactBrand]: "SecurityContact" };

/**
 * Removes the `SecurityContact` brand after a reviewed decision. The justification is for the reviewer who
 * reads the audit: say why this flow is allowed ("sent to the SMS gateway for the login code", not "ok").
 */
// The justification is for the reader of the code and of the audit; at run time it has no effect.
export function declassify<T>(value: SecurityContact<T>, _justification: string): T {
  return value;
}
