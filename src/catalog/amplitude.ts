/**
 * Amplitude, `@amplitude/analytics-node` (types: lib/esm/index.d.ts, v1). A module of functions on a default
 * instance (`import * as amplitude from "@amplitude/analytics-node"; amplitude.init(key); amplitude.track(…)`)
 * or on `createInstance()`. User properties are staged on an `Identify` (or `Revenue`) builder whose methods
 * return the builder (`new Identify().set("phone", p).setOnce(…)`). Each builder call is listed, so the value
 * is caught where it is staged even when the builder is filled statement by statement (`id.setOnce(…)` on its
 * own line) and no later `identify(…)` argument shows it. `eventOptions` carries user_id and device_id, so
 * every argument counts.
 */
import type { CatalogEntry } from "./types.js";

const FUNCTIONS: ReadonlyArray<[string, string]> = [
  ["track", "records an event with its properties and user_id"],
  ["logEvent", "alias of track"],
  ["identify", "sends the staged user properties of an Identify for user_id"],
  ["groupIdentify", "sends the staged properties of an Identify for a group"],
  ["setGroup", "assigns the user to a group"],
  ["revenue", "records a revenue event with its properties"],
];

const entry = (path: string, description: string, fluent = false): CatalogEntry => ({
  vendor: "Amplitude",
  module: "@amplitude/analytics-node",
  path,
  ...(fluent ? { fluent } : {}),
  purpose: "analytics",
  description,
});

export const AMPLITUDE: readonly CatalogEntry[] = [
  ...["", "createInstance()."].flatMap((client) => FUNCTIONS.map(([fn, description]) => entry(`${client}${fn}`, description))),
  entry("Identify().*", "stages user properties (set, setOnce, append, prepend, …) for identify", true),
  entry("Revenue().*", "stages revenue fields and event properties for revenue", true),
];
