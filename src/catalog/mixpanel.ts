/**
 * Mixpanel.
 * - `mixpanel` (types: lib/mixpanel-node.d.ts, `export = mixpanel` namespace). The client comes from the
 *   module-level `init(token)`: `import Mixpanel from "mixpanel"; const mp = Mixpanel.init(token)` -> "init()".
 *   `people.*` and `groups.*` are heavily overloaded (the callback moves between positions 2 and 4), so their
 *   entries carry no `arguments`: a callback holds no identifier, and every other argument is sent.
 * - `mixpanel-browser` (types: @types/mixpanel-browser index.d.ts, v2): the default export is the instance
 *   (`mixpanel.init(token)` then `mixpanel.identify(id)`, `people.set({ $email })`, `register(props)`); the
 *   snippet's global `mixpanel` has the same methods.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const entry = (path: string, description: string, args?: number[], module = "mixpanel"): CatalogEntry => ({
  vendor: "Mixpanel",
  module,
  path,
  purpose: "analytics",
  ...(args ? { arguments: args } : {}),
  description,
});

const BROWSER_METHODS: ReadonlyArray<[string, string]> = [
  ["track", "records an event with its properties"],
  ["identify", "names the user (distinct id)"],
  ["alias", "links an alias to the current distinct id"],
  ["register", "sets super properties sent with every later event"],
  ["register_once", "sets super properties once"],
  ["people.set", "sets user-profile properties ($email, $phone)"],
  ["people.set_once", "sets user-profile properties once"],
  ["people.append", "appends values to list properties of the user profile"],
  ["people.union", "merges values into list properties of the user profile"],
  ["people.track_charge", "records revenue on the user profile"],
  ["set_group", "assigns the user to groups"],
  ["add_group", "adds the user to a group"],
  ["get_group().set", "sets properties on a group profile"],
  ["get_group().set_once", "sets properties once on a group profile"],
];

export const MIXPANEL: readonly CatalogEntry[] = [
  entry("init().track", "records an event; properties carry distinct_id and any user data", [0, 1]),
  entry("init().track_batch", "records a batch of events with their properties", [0]),
  entry("init().import", "imports a historical event with its properties", [0, 1, 2]),
  entry("init().import_batch", "imports a batch of historical events", [0]),
  entry("init().alias", "links a new distinct_id (alias) to an existing one", [0, 1]),
  entry("init().people.set", "sets user-profile properties ($email, $phone) on a distinct_id"),
  entry("init().people.set_once", "sets user-profile properties once on a distinct_id"),
  entry("init().people.append", "appends values to list properties of a user profile"),
  entry("init().people.union", "merges values into list properties of a user profile"),
  entry("init().people.increment", "increments numeric properties of the user profile keyed by distinct_id"),
  entry("init().people.track_charge", "records revenue on the user profile keyed by distinct_id"),
  entry("init().groups.set", "sets properties on a group profile"),
  entry("init().groups.set_once", "sets properties once on a group profile"),
  entry("init().groups.union", "merges values into list properties of a group profile"),
  ...[["mixpanel-browser", ""], [GLOBAL, "mixpanel."]].flatMap(([module = "", prefix = ""]) =>
    BROWSER_METHODS.map(([method, description]) => entry(`${prefix}${method}`, description, undefined, module)),
  ),
];
