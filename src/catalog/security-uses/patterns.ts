/**
 * When a message is a security message. Verification APIs (Twilio Verify, Vonage Verify, Pinpoint OTP) are
 * security uses by what they are; general messaging APIs (Twilio Messages, SNS publish, Plivo, nodemailer, SES,
 * Resend) only when the message says so. The heuristic reads every word the message argument spells out — its
 * string and template text and the names in it (`${otp}`, `resetUrl`, `templates.passwordReset`), camelCase and
 * snake_case split into words, one level of local constants followed — never values computed elsewhere. Words
 * that name a one-time code or an account-security action count; a code that is a promotion's, a discount's or a
 * postal one does not. Patterns are matched case-insensitively (calls.ts, `when.anyText`).
 */

/** A code that is not a security code: "promo code", "discount code", "zip code", "error code"… */
const NOT_A_SECURITY_CODE = "(?<!\\b(?:promo|promotional|discount|coupon|referral|voucher|gift|invite|qr|bar|zip|postal|country|area|dial|source|error|status|response|http|tracking|order)\\s)";

/** An SMS or voice message that carries a one-time code: "Your verification code is 123456", `${otp}`. */
export const CODE_MESSAGE =
  `\\b(?:otp|totp|passcode|2fa|mfa|one ?time|two ?factor|verification|verify|verifying|pin)\\b|${NOT_A_SECURITY_CODE}\\bcode\\b`;

/**
 * An e-mail that verifies an address, signs someone in, resets or changes a password, or carries a code:
 * subject, body or template name ("verify-email", `passwordResetTemplate`, "Your sign-in link").
 */
export const SECURITY_EMAIL =
  `\\b(?:verif\\w*|reset|password|passcode|otp|2fa|mfa|one ?time|two ?factor|magic ?link|recover\\w*|security (?:code|alert)|` +
  `sign ?in (?:link|code)|log ?in (?:link|code)|confirm (?:your )?(?:email|e-mail|account|address))\\b|${NOT_A_SECURITY_CODE}\\bcode\\b`;
