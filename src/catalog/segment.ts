/**
 * Segment, `@segment/analytics-node` (types: dist/types/app/analytics-node.d.ts, v3). The client is the class
 * `Analytics`, exported both by name and as the module's default export, so both access paths are listed:
 *   import { Analytics } from "@segment/analytics-node";  new Analytics({ writeKey })  -> "Analytics()"
 *   import Analytics from "@segment/analytics-node";      new Analytics({ writeKey })  -> "()"
 * Every event method takes one params object (userId, anonymousId, traits, properties, context…) and an optional
 * callback; only the params object leaves the process.
 */
import type { CatalogEntry } from "./types.js";

const METHODS: ReadonlyArray<[string, string]> = [
  ["identify", "ties a userId to user traits (email, phone) in Segment and every downstream destination"],
  ["track", "records an event with its properties for the user"],
  ["page", "records a page view with its properties for the user"],
  ["screen", "records a mobile screen view with its properties for the user"],
  ["group", "associates the user with a group and the group's traits"],
  ["alias", "merges two user identities (previousId into userId)"],
];

export const SEGMENT: readonly CatalogEntry[] = ["Analytics()", "()"].flatMap((client) =>
  METHODS.map(([method, description]): CatalogEntry => ({
    vendor: "Segment",
    module: "@segment/analytics-node",
    path: `${client}.${method}`,
    purpose: "analytics",
    arguments: [0],
    description,
  })),
);
