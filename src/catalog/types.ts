/**
 * The SDK sink catalog's data model. An entry names a third-party API by the module a program imports and the
 * access path from that import to the call — whatever local names, aliases or re-exports the program uses:
 *
 *   import { Analytics } from "@segment/analytics-node";      module "@segment/analytics-node"
 *   const analytics = new Analytics({ writeKey });             path   "Analytics()"      (construction = call)
 *   analytics.identify({ userId, traits });                    path   "Analytics().identify"
 *
 * Path segments: `.name` reads a property (the leading dot is omitted at the start), `()` calls or constructs.
 * A default import and a namespace import both stand for the module itself (`import mailchimp from "…"` then
 * `mailchimp.lists.addListMember(…)` is path "lists.addListMember"); a named import `{ X }` starts with "X".
 *
 * Globals a page's snippets define (`fbq`, `gtag`, `window.analytics`) hang off the pseudo-module `GLOBAL`: the
 * global scope is a module like any other, so `fbq(…)`, `window.fbq(…)`, `globalThis.fbq(…)` and a local alias
 * of any of them all reach path "fbq".
 */
import type { SinkPurpose } from "../analysis/findings.js";

/** The pseudo-module of the global scope: `{ module: GLOBAL, path: "dataLayer.push" }`. Not a valid npm name. */
export const GLOBAL = "(global)";

export interface CatalogEntry {
  /** Vendor, for reports and docs: "Segment". */
  vendor: string;
  /** Module specifier as imported: "@segment/analytics-node", "facebook-nodejs-business-sdk". */
  module: string;
  /**
   * Access path from the import to the sink method, as above. `*` as the last segment matches any method
   * ("Analytics().*"). With `fluent`, a receiver path may be followed by any chain of calls returning the same
   * builder: "UserData().setEmail().setPhone" matches entry path "UserData().setPhone".
   */
  path: string;
  fluent?: boolean;
  /** A policy purpose; "security" only in the security-use catalog (src/catalog/security-uses/). */
  purpose: SinkPurpose;
  /**
   * Which arguments carry the identifier (0-based); all arguments when omitted. A carried argument is a sink
   * however deep the value sits inside it.
   */
  arguments?: number[];
  /**
   * Only a sink when argument `argument`'s object literal has property `property` whose string value matches
   * `pattern` (SendGrid's generic `client.request({ url: "/v3/marketing/contacts" })`); without `property`, when
   * the argument itself is a matching string (jsforce's `conn.create("Lead", record)`).
   */
  when?: {
    argument: number;
    property?: string;
    pattern: string;
    /**
     * Match `pattern` against every word the argument's expression spells out — string and template text, and the
     * names of identifiers and properties in it (`text: \`${otp} is your code\``) — instead of one literal.
     */
    anyText?: boolean;
    /** A value that matches, for the docs and tests. */
    example?: string;
  };
  /** Only what these properties of a carried argument hold counts (dotted paths; see SinkInfo.destinationKeys). */
  destinationKeys?: readonly string[];
  /** One line for the README table: what the API does with the identifier. */
  description: string;
  /** Object keys the vendor documents for identifiers in the carried arguments (docs only: every key is a sink). */
  keys?: string[];
}
