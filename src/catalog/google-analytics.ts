/**
 * Google Analytics 4 through `react-ga4` (types: types/ga4.d.ts, v2): the default export `ReactGA` wraps gtag.
 * `initialize(id, { gaOptions: { userId } })`, `set(fields)`, `event(name | options, params)`,
 * `send(fields)` and `gtag(…)` all pass their arguments to Google. (The gtag global itself is in pixels.ts.)
 */
import type { CatalogEntry } from "./types.js";

const METHODS: ReadonlyArray<[string, string]> = [
  ["initialize", "initialises GA4 with options (gaOptions.userId, gtagOptions)"],
  ["set", "sets fields (user_id, user properties) sent with every hit"],
  ["event", "sends an event with its parameters"],
  ["send", "sends a hit with its fields"],
  ["gtag", "passes a raw gtag command and its parameters"],
];

export const GOOGLE_ANALYTICS: readonly CatalogEntry[] = METHODS.map(([method, description]) => ({
  vendor: "Google Analytics",
  module: "react-ga4",
  path: method,
  purpose: "analytics",
  description,
  keys: ["userId", "user_id", "user_properties"],
}));
