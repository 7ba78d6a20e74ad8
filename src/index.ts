/**
 * purpose-lint's public brand. Application code imports only this module, so it has no dependencies and loads
 * no analyzer code.
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
