/**
 * Better Auth (better-auth 1.x): the endpoints that send a one-time code, a verification or reset e-mail, a magic
 * link or an SMS code — core e-mail verification and password reset, and the email-otp, phone-number and
 * magic-link plugins. Each endpoint is reachable two ways: on the server as `betterAuth(…).api.<name>({ body })`,
 * and from the browser as `createAuthClient(…).<path>({ … })`, whose path is the endpoint's URL in camelCase
 * (`/email-otp/send-verification-otp` → `emailOtp.sendVerificationOtp`). Endpoints that only check a code the user
 * typed (`signIn.emailOtp`, `phoneNumber.verify`) send nothing and are not listed.
 */
import { entries, type SecurityUseEntry } from "./types.js";

interface Endpoint {
  /** The server API method: `auth.api.sendVerificationOTP`. */
  api: string;
  /** The client method, from the endpoint's path: `authClient.emailOtp.sendVerificationOtp`. */
  client: string;
  /** The request property holding the destination. */
  key: "email" | "newEmail" | "phoneNumber";
  description: string;
}

const ENDPOINTS: readonly Endpoint[] = [
  { api: "sendVerificationEmail", client: "sendVerificationEmail", key: "email", description: "sends an e-mail verification link" },
  { api: "requestPasswordReset", client: "requestPasswordReset", key: "email", description: "sends a password-reset link" },
  { api: "forgetPassword", client: "forgetPassword", key: "email", description: "sends a password-reset link (before 1.3)" },
  { api: "changeEmail", client: "changeEmail", key: "newEmail", description: "sends a verification link to the new e-mail" },
  { api: "sendVerificationOTP", client: "emailOtp.sendVerificationOtp", key: "email", description: "sends a one-time code by e-mail (sign-in, verification, reset)" },
  { api: "requestPasswordResetEmailOTP", client: "emailOtp.requestPasswordReset", key: "email", description: "sends a password-reset code by e-mail" },
  { api: "forgetPasswordEmailOTP", client: "forgetPassword.emailOtp", key: "email", description: "sends a password-reset code by e-mail" },
  { api: "requestEmailChangeEmailOTP", client: "emailOtp.requestEmailChange", key: "newEmail", description: "sends a code to the new e-mail" },
  { api: "sendPhoneNumberOTP", client: "phoneNumber.sendOtp", key: "phoneNumber", description: "sends a one-time code by SMS" },
  { api: "requestPasswordResetPhoneNumber", client: "phoneNumber.requestPasswordReset", key: "phoneNumber", description: "sends a password-reset code by SMS" },
  { api: "signInMagicLink", client: "signIn.magicLink", key: "email", description: "sends a sign-in link by e-mail" },
];

const SERVER_MODULES = ["better-auth", "better-auth/minimal"];
const CLIENT_MODULES = ["client", "react", "vue", "svelte", "solid", "lynx"].map((framework) => `better-auth/${framework}`);

export const BETTER_AUTH: readonly SecurityUseEntry[] = ENDPOINTS.flatMap(({ api, client, key, description }) => [
  ...SERVER_MODULES.flatMap((module) =>
    entries(["betterAuth()"], { vendor: "Better Auth", module, arguments: [0], destinationKeys: [`body.${key}`], description }, `api.${api}`),
  ),
  ...CLIENT_MODULES.flatMap((module) =>
    entries(["createAuthClient()"], { vendor: "Better Auth", module, arguments: [0], destinationKeys: [key], description }, client),
  ),
]);
