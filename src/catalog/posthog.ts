/**
 * PostHog, `posthog-node` (types: dist/client.d.ts, dist/types.d.ts, v5). `new PostHog(apiKey, { host })` ->
 * "PostHog()"; every method takes one message object (distinctId, properties, …). The `…Immediate` twins send
 * at once instead of queueing.
 */
import type { CatalogEntry } from "./types.js";

const METHODS: ReadonlyArray<[string, string]> = [
  ["capture", "records an event with its properties for a distinctId"],
  ["identify", "sets person properties (email, phone) on a distinctId"],
  ["alias", "links an alias to a distinctId"],
  ["groupIdentify", "sets properties on a group"],
];

export const POSTHOG: readonly CatalogEntry[] = [
  ...METHODS.flatMap(([method, description]) =>
    ["", "Immediate"].map((suffix): CatalogEntry => ({
      vendor: "PostHog",
      module: "posthog-node",
      path: `PostHog().${method}${suffix}`,
      purpose: "analytics",
      arguments: [0],
      description,
    })),
  ),
  {
    vendor: "PostHog",
    module: "posthog-node",
    path: "PostHog().setPersonProperties",
    purpose: "analytics",
    arguments: [0],
    description: "sets person properties on a distinctId",
  },
];
