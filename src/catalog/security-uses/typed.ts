/**
 * Security uses named by a library's function type (types.ts, TypedSecurityUse): plug-in interfaces whose
 * implementations are loaded at run time, so the program reaches them through the type, never an import.
 */
import { CODE_MESSAGE } from "./patterns.js";
import type { TypedSecurityUse } from "./types.js";

export const TYPED_SECURITY_USES: readonly TypedSecurityUse[] = [
  {
    // Logto's passwordless connectors (SMS and e-mail): the core calls `connector.sendMessage({ to, type, payload })`.
    // A code in the payload (`payload: { code }`) makes it a verification message; an invitation link does not.
    vendor: "Logto connector",
    module: "@logto/connector-kit",
    type: "SendMessageFunction",
    arguments: [0],
    destinationKeys: ["to"],
    when: { argument: 0, pattern: CODE_MESSAGE, anyText: true, example: "{ to, type: TemplateType.SignIn, payload: { code } }" },
    description: "a passwordless connector's `sendMessage` (SMS or e-mail) whose payload carries a verification code, sent to `to`",
  },
];
