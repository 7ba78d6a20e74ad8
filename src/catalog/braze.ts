/**
 * Braze. Two SDKs:
 * - `@braze/web-sdk` (types: index.d.ts, v6), a module of functions: `import * as braze from "@braze/web-sdk"`.
 *   `changeUser(externalId)` names the user; `getUser()` returns the `User` whose setters (setEmail,
 *   setPhoneNumber, setCustomUserAttribute, addAlias, …) all write profile data; `logCustomEvent` and
 *   `logPurchase` carry event properties.
 * - `braze-api` (types: cjs/Braze.d.ts, v2), the REST API: `new Braze(apiUrl, apiKey)` -> "Braze()". Not
 *   catalogued: `transactional.v1.campaigns.send` (transactional email).
 */
import type { CatalogEntry } from "./types.js";

const web = (path: string, description: string, args?: number[]): CatalogEntry => ({
  vendor: "Braze",
  module: "@braze/web-sdk",
  path,
  purpose: "marketing",
  ...(args ? { arguments: args } : {}),
  description,
});

const rest = (path: string, description: string): CatalogEntry => ({
  vendor: "Braze",
  module: "braze-api",
  path: `Braze().${path}`,
  purpose: "marketing",
  arguments: [0],
  description,
});

export const BRAZE: readonly CatalogEntry[] = [
  web("changeUser", "identifies the current user by external id", [0]),
  web("getUser().*", "writes the current user's profile (setEmail, setPhoneNumber, custom attributes, aliases)"),
  web("logCustomEvent", "records a custom event with its properties"),
  web("logPurchase", "records a purchase with its properties"),
  rest("users.track", "writes user attributes (email, phone), events and purchases"),
  rest("users.identify", "merges alias-only profiles into identified users"),
  rest("users.alias.new", "creates user aliases"),
  rest("campaigns.trigger.send", "triggers an API campaign for recipients with their attributes"),
  rest("canvas.trigger.send", "triggers a Canvas for recipients with their attributes"),
  rest("subscription.status.set", "subscribes emails or phone numbers to a subscription group"),
  rest("v2.subscription.status.set", "subscribes emails or phone numbers to subscription groups"),
];
