/**
 * RudderStack (Segment-compatible event streams), purpose analytics:
 * - `@rudderstack/analytics-js` (types: dist/npm/index.d.ts, v3): `new RudderAnalytics()` then `.load(writeKey,
 *   dataPlaneUrl)`; identify(userId, traits, options, callback), track(event, properties, …), page, group, alias.
 * - `rudder-sdk-js` (v2, deprecated): the same calls as module functions (`rudderanalytics.identify(…)`), and
 *   the snippet's global `rudderanalytics`.
 * - `@rudderstack/rudder-sdk-node` (types: index.d.ts, v2): `new Analytics(writeKey, { dataPlaneUrl })`, the
 *   default export -> "()"; each method takes one message object ({ userId, traits }) and a callback.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const METHODS = ["identify", "track", "page", "screen", "group", "alias"];

const clients: ReadonlyArray<[string, string, number[] | undefined]> = [
  ["@rudderstack/analytics-js", "RudderAnalytics().", undefined],
  ["rudder-sdk-js", "", undefined],
  [GLOBAL, "rudderanalytics.", undefined],
  ["@rudderstack/rudder-sdk-node", "().", [0]],
];

export const RUDDERSTACK: readonly CatalogEntry[] = clients.flatMap(([module, client, args]) =>
  METHODS.map((method): CatalogEntry => ({
    vendor: "RudderStack",
    module,
    path: `${client}${method}`,
    purpose: "analytics",
    ...(args ? { arguments: args } : {}),
    description: `${method} call, forwarded to every connected destination`,
    keys: ["userId", "traits.email", "traits.phone"],
  })),
);
