/**
 * The security-use catalog (docs/candidates.md): third-party calls that use a value for account security —
 * verification and one-time-code APIs, second-factor enrolment, security e-mail. Beside the sink catalog and in
 * its format; only candidate discovery (src/discovery/) loads it.
 */
import { AWS } from "./aws.js";
import { BETTER_AUTH } from "./better-auth.js";
import { EMAIL } from "./email.js";
import { IDENTITY } from "./identity.js";
import { SMS } from "./sms.js";
import type { SecurityUseEntry } from "./types.js";

export type { SecurityUseEntry, TypedSecurityUse } from "./types.js";
export { TYPED_SECURITY_USES } from "./typed.js";

export const SECURITY_USES: readonly SecurityUseEntry[] = [...SMS, ...AWS, ...IDENTITY, ...BETTER_AUTH, ...EMAIL];
