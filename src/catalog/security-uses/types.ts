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

/**
 * A security use named by the function type a library exports, not by an access path: plug-in interfaces whose
 * implementations the program loads at run time (a passwordless connector's `sendMessage: SendMessageFunction`),
 * so no import of the library leads to the call. Any call of a value declared with that type is the use — a
 * variable, a destructured binding, a parameter or a property whose type is the alias (or interface) `type`
 * declared by `module` (its package, or an ambient `declare module`).
 */
export interface TypedSecurityUse {
  vendor: string;
  /** The package that declares the type: "@logto/connector-kit". */
  module: string;
  /** The exported type alias or interface of the function: "SendMessageFunction". */
  type: string;
  arguments?: number[];
  destinationKeys?: readonly string[];
  when?: CatalogEntry["when"];
  description: string;
}
