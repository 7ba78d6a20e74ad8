/**
 * Transactional e-mail that is a security message: nodemailer `sendMail`, Resend `emails.send`, SendGrid mail
 * `send`, when the subject, body or template is a verification, sign-in, reset or code (patterns.ts). A newsletter
 * through the same transport is not a security use. SES lives in aws.ts.
 */
import { SECURITY_EMAIL } from "./patterns.js";
import { entries, type SecurityUseEntry } from "./types.js";

const when = { argument: 0, pattern: SECURITY_EMAIL, anyText: true, example: "subject: \"Verify your e-mail\"" };

export const EMAIL: readonly SecurityUseEntry[] = [
  ...entries(["createTransport()"], { vendor: "nodemailer", module: "nodemailer", arguments: [0], destinationKeys: ["to", "cc", "bcc"], when, description: "a verification, sign-in or reset e-mail" }, "sendMail"),
  ...entries(["Resend()"], { vendor: "Resend", module: "resend", arguments: [0], destinationKeys: ["to"], when, description: "a verification, sign-in or reset e-mail" }, "emails.send"),
  ...entries([""], { vendor: "SendGrid mail", module: "@sendgrid/mail", arguments: [0], destinationKeys: ["to"], when, description: "a verification, sign-in or reset e-mail" }, "send"),
];
