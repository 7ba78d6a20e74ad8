/**
 * The security-use catalog's data model: the sink catalog's entries (../types.ts: module, access path, carried
 * arguments, `when`) with purpose "security". A security use is where a value serves account security: the
 * destination of a one-time code or verification message, a second factor being enrolled, a recovery channel.
 * `destinationKeys` names the properties that hold the destination (`to`, `PhoneNumber`), so the rest of the
 * request (a brand name, a locale) is no evidence.
 */
import type { CatalogEntry } from "../types.js";

export type SecurityUseEntry = CatalogEntry & { purpose: "security" };

/** One entry per client root (`()` for a default export that is called, `Twilio()` for a named class…). */
export function entries(roots: readonly string[], entry: Omit<SecurityUseEntry, "path" | "purpose">, method: string): SecurityUseEntry[] {
  return roots.map((root) => ({ ...entry, purpose: "security", path: root === "" ? method : `${root}.${method}` }));
}
