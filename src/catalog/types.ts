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
 */
import type { Purpose } from "../analysis/findings.js";

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
  purpose: Purpose;
  /**
   * Which arguments carry the identifier (0-based); all arguments when omitted. A carried argument is a sink
   * however deep the value sits inside it.
   */
  arguments?: number[];
  /**
   * Only a sink when argument `argument`'s object literal has property `property` whose string value matches
   * `pattern` (SendGrid's generic `client.request({ url: "/v3/marketing/contacts" })`).
   */
  when?: { argument: number; property: string; pattern: string; /** A value that matches, for the docs and tests. */ example?: string };
  /** One line for the README table: what the API does with the identifier. */
  description: string;
}
