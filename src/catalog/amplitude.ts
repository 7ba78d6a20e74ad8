/**
 * Amplitude, `@amplitude/analytics-node` (types: lib/esm/index.d.ts, v1) and `@amplitude/analytics-browser`
 * (types: lib/esm/index.d.ts, v2; the browser also has `setUserId(userId)` and `init(apiKey, userId, options)`,
 * and the snippet's global `amplitude` has the same functions). A module of functions on a default
 * instance (`import * as amplitude from "@amplitude/analytics-node"; amplitude.init(key); amplitude.track(…)`)
 * or on `createInstance()`. User properties are staged on an `Identify` (or `Revenue`) builder whose methods
 * return the builder (`new Identify().set("phone", p).setOnce(…)`). Each builder call is listed, so the value
 * is caught where it is staged even when the builder is filled statement by statement (`id.setOnce(…)` on its
 * own line) and no later `identify(…)` argument shows it. `eventOptions` carries user_id and device_id, so
 * every argument counts.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const FUNCTIONS: ReadonlyArray<[string, string]> = [
  ["track", "records an event with its properties and user_id"],
  ["logEvent", "alias of track"],
  ["identify", "sends the staged user properties of an Identify for user_id"],
  ["groupIdentify", "sends the staged properties of an Identify for a group"],
  ["setGroup", "assigns the user to a group"],
  ["revenue", "records a revenue event with its properties"],
];

const entry = (path: string, description: string, fluent = false, module = "@amplitude/analytics-node", args?: number[]): CatalogEntry => ({
  vendor: "Amplitude",
  module,
  ...(args ? { arguments: args } : {}),
  path,
  ...(fluent ? { fluent } : {}),
  purpose: "analytics",
  description,
});

const BROWSER = "@amplitude/analytics-browser";
const BROWSER_FUNCTIONS: ReadonlyArray<[string, string]> = [...FUNCTIONS, ["setUserId", "names the user for every later event"]];

export const AMPLITUDE: readonly CatalogEntry[] = [
  ...["", "createInstance()."].flatMap((client) => FUNCTIONS.map(([fn, description]) => entry(`${client}${fn}`, description))),
  entry("Identify().*", "stages user properties (set, setOnce, append, prepend, …) for identify", true),
  entry("Revenue().*", "stages revenue fields and event properties for revenue", true),
  ...[[BROWSER, ""], [BROWSER, "createInstance()."], [GLOBAL, "amplitude."]].flatMap(([module = "", client = ""]) => [
    ...BROWSER_FUNCTIONS.map(([fn, description]) => entry(`${client}${fn}`, description, false, module)),
    entry(`${client}init`, "initialises the SDK with a user id and options (userId in the options too)", false, module, [1, 2]),
  ]),
  entry("Identify().*", "stages user properties for identify (browser SDK)", true, BROWSER),
  entry("Revenue().*", "stages revenue fields for revenue (browser SDK)", true, BROWSER),
];
