/**
 * Segment. Three ways in, the same six calls (identify, track, page, screen, group, alias):
 * - `@segment/analytics-node` (types: dist/types/app/analytics-node.d.ts, v3). The client is the class
 *   `Analytics`, exported by name and as the default export, so both paths are listed:
 *   `new Analytics({ writeKey })` -> "Analytics()" or "()". Each method takes one params object (userId,
 *   traits, properties, …) and an optional callback; only the params object leaves the process.
 * - `@segment/analytics-next` (types: dist/types/browser/index.d.ts, v1): `AnalyticsBrowser.load({ writeKey })`
 *   or `new AnalyticsBrowser()` then `.load(…)`; methods take (userId | event, traits | properties, options,
 *   callback), all sent but the callback (which carries nothing).
 * - `analytics-node` (v3–v6, the library before `@segment/analytics-node`; @types/analytics-node): the module is
 *   the client class (`export =`), `new Analytics(writeKey)` -> "()"; each call takes one message object.
 * - the analytics.js snippet's global `analytics` (`window.analytics.identify(…)`), same signatures.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const METHODS: ReadonlyArray<[string, string]> = [
  ["identify", "ties a userId to user traits (email, phone) in Segment and every downstream destination"],
  ["track", "records an event with its properties for the user"],
  ["page", "records a page view with its properties for the user"],
  ["screen", "records a mobile screen view with its properties for the user"],
  ["group", "associates the user with a group and the group's traits"],
  ["alias", "merges two user identities (previousId into userId)"],
];

const clients: ReadonlyArray<[string, string, number[] | undefined]> = [
  ["@segment/analytics-node", "Analytics()", [0]],
  ["@segment/analytics-node", "()", [0]],
  ["analytics-node", "()", [0]],
  ["@segment/analytics-next", "AnalyticsBrowser.load()", undefined],
  ["@segment/analytics-next", "AnalyticsBrowser()", undefined],
  [GLOBAL, "analytics", undefined],
];

export const SEGMENT: readonly CatalogEntry[] = clients.flatMap(([module, client, args]) =>
  METHODS.map(([method, description]): CatalogEntry => ({
    vendor: "Segment",
    module,
    path: `${client}.${method}`,
    purpose: "analytics",
    ...(args ? { arguments: args } : {}),
    description,
    keys: ["userId", "traits.email", "traits.phone"],
  })),
);
