/**
 * What candidate discovery (src/discovery/, `purpose-lint candidates`) changes in the engine, and nothing else:
 * unbranded fields whose reads become sources, and security uses (sending a one-time code, enrolling a second
 * factor) that become targets. The normal analysis never passes hooks, so it pays nothing for them.
 */
import type TS from "typescript";
import type { CatalogEntry } from "../catalog/types.js";
import type { TypedSecurityUse } from "../catalog/security-uses/types.js";

export interface DiscoveryHooks {
  /** The security-use catalog (purpose "security"), matched like the SDK sink catalog. */
  readonly securityUses: readonly CatalogEntry[];
  /** Security uses named by a library's function type (`SendMessageFunction` of `@logto/connector-kit`). */
  readonly typedSecurityUses?: readonly TypedSecurityUse[];
  /**
   * An unbranded field whose every read is a candidate source, keyed like a branded one (`User.phone`): a
   * property signature, class property or constructor parameter property — never a plain parameter or variable.
   */
  isCandidateField(decl: TS.Node): boolean;
  /** Dependency typings that may declare candidate fields (a generated Prisma client's `.d.ts`): a text test. */
  mayDeclareCandidates?(file: TS.SourceFile): boolean;
}
