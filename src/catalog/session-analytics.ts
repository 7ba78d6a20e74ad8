/**
 * Product-analytics and session-replay tools whose browser APIs attach identities and user properties to
 * sessions: Heap, FullStory, Hotjar. Purpose analytics.
 * - Heap: the snippet's global `heap` (identify(identity), addUserProperties(props), track(event, props),
 *   addEventProperties(props)).
 * - FullStory, `@fullstory/browser`: v1 module functions (`import * as FullStory`; identify(uid, vars),
 *   setUserVars(vars), event(name, props)); v2 named export `FullStory`, the same object as the snippet's
 *   global `FS`: callable (`FS('setIdentity', { uid, properties })`) with the v1 methods kept.
 * - Hotjar, `@hotjar/browser` (default export: identify(userId, attributes), event(name)), `react-hotjar`
 *   (`hotjar.identify(userId, attributes)`), and the snippet's global `hj('identify', userId, attributes)`.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const entry = (vendor: string, module: string, path: string, description: string): CatalogEntry => ({ vendor, module, path, purpose: "analytics", description });

const FULLSTORY_METHODS: ReadonlyArray<[string, string]> = [
  ["identify", "names the session's user (uid) with user variables (displayName, email)"],
  ["setUserVars", "sets user variables (displayName, email, custom)"],
  ["event", "records a custom event with its properties"],
];

export const SESSION_ANALYTICS: readonly CatalogEntry[] = [
  entry("Heap", GLOBAL, "heap.identify", "names the user (identity: often an email)"),
  entry("Heap", GLOBAL, "heap.addUserProperties", "sets user properties"),
  entry("Heap", GLOBAL, "heap.track", "records an event with its properties"),
  entry("Heap", GLOBAL, "heap.addEventProperties", "sets properties sent with every later event"),
  ...FULLSTORY_METHODS.flatMap(([method, description]) => [
    entry("FullStory", "@fullstory/browser", method, description),
    entry("FullStory", "@fullstory/browser", `FullStory.${method}`, description),
    entry("FullStory", GLOBAL, `FS.${method}`, description),
  ]),
  entry("FullStory", "@fullstory/browser", "FullStory", "v2 API: setIdentity, setProperties, trackEvent with their payloads"),
  entry("FullStory", GLOBAL, "FS", "v2 API: setIdentity, setProperties, trackEvent with their payloads"),
  entry("Hotjar", "@hotjar/browser", "identify", "names the user with user attributes"),
  entry("Hotjar", "@hotjar/browser", "event", "records an event"),
  entry("Hotjar", "react-hotjar", "hotjar.identify", "names the user with user attributes"),
  entry("Hotjar", "react-hotjar", "hotjar.event", "records an event"),
  entry("Hotjar", GLOBAL, "hj", "identify, event: the user id and attributes go to Hotjar"),
];
