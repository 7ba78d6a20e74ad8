/**
 * PostHog. Two SDKs and a global:
 * - `posthog-node` (types: dist/client.d.ts, dist/types.d.ts, v5). `new PostHog(apiKey, { host })` ->
 *   "PostHog()"; every method takes one message object (distinctId, properties, …). The `…Immediate` twins send
 *   at once instead of queueing.
 * - `posthog-js` (types: dist/module.d.ts, v1): the default export is the browser instance (`posthog.init(…)`
 *   then `posthog.identify(id, $set, $set_once)`, `capture(event, properties)`, `register(superProperties)`
 *   which rides on every later event); `posthog-js/react`'s `usePostHog()` returns the same instance.
 * - the snippet's global `posthog` (`window.posthog.identify(…)`), same methods.
 * Not sinks: feature-flag reads (`isFeatureEnabled`, `getFeatureFlag`), `reset`, opt-in/out.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const NODE_METHODS: ReadonlyArray<[string, string]> = [
  ["capture", "records an event with its properties for a distinctId"],
  ["identify", "sets person properties (email, phone) on a distinctId"],
  ["alias", "links an alias to a distinctId"],
  ["groupIdentify", "sets properties on a group"],
];

const BROWSER_METHODS: ReadonlyArray<[string, string]> = [
  ["identify", "names the person (distinct id) and sets person properties ($set, $set_once)"],
  ["capture", "records an event with its properties"],
  ["alias", "links an alias to the current distinct id"],
  ["group", "associates the person with a group and its properties"],
  ["register", "sets super properties sent with every later event"],
  ["register_once", "sets super properties once"],
  ["register_for_session", "sets super properties for the session"],
  ["setPersonProperties", "sets person properties"],
  ["setPersonPropertiesForFlags", "sends person properties for flag evaluation"],
  ["people.set", "sets person properties (legacy people API)"],
  ["people.set_once", "sets person properties once (legacy people API)"],
];

const node = (path: string, description: string): CatalogEntry => ({ vendor: "PostHog", module: "posthog-node", path, purpose: "analytics", arguments: [0], description });

const browser: ReadonlyArray<[string, string]> = [
  ["posthog-js", ""],
  ["posthog-js/react", "usePostHog()."],
  [GLOBAL, "posthog."],
];

export const POSTHOG: readonly CatalogEntry[] = [
  ...NODE_METHODS.flatMap(([method, description]) => ["", "Immediate"].map((suffix) => node(`PostHog().${method}${suffix}`, description))),
  node("PostHog().setPersonProperties", "sets person properties on a distinctId"),
  ...browser.flatMap(([module, prefix]) =>
    BROWSER_METHODS.map(([method, description]): CatalogEntry => ({ vendor: "PostHog", module, path: `${prefix}${method}`, purpose: "analytics", description, keys: ["email", "$set", "$set_once"] })),
  ),
];
