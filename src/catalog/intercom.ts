/**
 * Intercom's Messenger, purpose marketing (the profile it builds feeds Intercom's outbound messages, product
 * tours and campaigns). `boot` and `update` take the intercomSettings object (user_id, email, phone, name,
 * custom attributes); `trackEvent(name, metadata)` records an event.
 * - the snippet's global `Intercom('boot' | 'update' | 'trackEvent', …)`;
 * - `@intercom/messenger-js-sdk` (types: dist/index.d.ts, v0.0.14): the default (and named) export `Intercom(
 *   settings)` boots, and `boot`, `update`, `trackEvent` are named exports;
 * - `react-use-intercom` (v5): `const { boot, update, trackEvent } = useIntercom()`.
 * Not sinks: show, hide, shutdown, showNewMessage.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const entry = (module: string, path: string, description: string): CatalogEntry => ({
  vendor: "Intercom",
  module,
  path,
  purpose: "marketing",
  description,
  keys: ["user_id", "email", "phone", "name"],
});

const SDK = "@intercom/messenger-js-sdk";

export const INTERCOM: readonly CatalogEntry[] = [
  entry(GLOBAL, "Intercom", "boot, update, trackEvent: the user's settings and events go to Intercom"),
  entry(SDK, "", "boots the Messenger with the user's settings"),
  entry(SDK, "Intercom", "boots the Messenger with the user's settings"),
  ...["boot", "update", "trackEvent"].flatMap((method) => [
    entry(SDK, method, `${method} with the user's settings or event metadata`),
    entry("react-use-intercom", `useIntercom().${method}`, `${method} with the user's settings or event metadata`),
  ]),
];
