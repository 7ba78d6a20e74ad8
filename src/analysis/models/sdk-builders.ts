/**
 * SDK builder objects, from the catalog's data: an entry marked `fluent` is a builder step (`UserData().setPhone`,
 * `ServerEvent().setUserData`, `EventRequest().setEvents`). Such a step keeps what it is given in the builder, so
 * the builder carries it to the next step that takes it (`event.setUserData(userData)`) and to the request
 * constructed with it (`new EventRequest(token, pixel, [event])`), each a catalogued sink.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import { allLabels, type AV, type Label } from "../values.js";

/** The labels a builder step's carried arguments put into its receiver; none when no entry is a builder step. */
export function keptByBuilder(entries: readonly CatalogEntry[], args: readonly AV[]): ReadonlyMap<number, Label> | undefined {
  const kept = new Map<number, Label>();
  for (const entry of entries) {
    if (entry.fluent !== true) continue;
    args.forEach((arg, i) => {
      if (entry.arguments && !entry.arguments.includes(i)) return;
      for (const [id, label] of allLabels(arg) ?? []) if (!kept.has(id)) kept.set(id, label);
    });
  }
  return kept.size > 0 ? kept : undefined;
}
