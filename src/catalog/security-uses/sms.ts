/**
 * SMS and voice verification: Twilio (Verify, and Messages when the body carries a code), Vonage (Verify, Verify
 * v2, SMS with a code), MessageBird / Bird (Verify, messages with a code), Plivo (Verify sessions, messages with a
 * code). Client roots: `twilio(sid, token)` is path "()", `new Twilio(…)` "Twilio()".
 */
import { CODE_MESSAGE } from "./patterns.js";
import { entries, type SecurityUseEntry } from "./types.js";

const TWILIO_ROOTS = ["()", "Twilio()"];
const VONAGE_ROOTS = ["Vonage()"];

export const SMS: readonly SecurityUseEntry[] = [
  ...entries(TWILIO_ROOTS, { vendor: "Twilio Verify", module: "twilio", arguments: [0], destinationKeys: ["to"], description: "sends a verification code (SMS, call, e-mail, WhatsApp) to `to`" }, "verify.v2.services().verifications.create"),
  ...entries(TWILIO_ROOTS, { vendor: "Twilio Verify", module: "twilio", arguments: [0], destinationKeys: ["to"], description: "sends a verification code (Verify v1 path)" }, "verify.services().verifications.create"),
  ...entries(TWILIO_ROOTS, { vendor: "Twilio Messages", module: "twilio", arguments: [0], destinationKeys: ["to"], when: { argument: 0, property: "body", pattern: CODE_MESSAGE, anyText: true, example: "Your verification code is ${code}" }, description: "an SMS whose body carries a one-time code" }, "messages.create"),
  ...entries(VONAGE_ROOTS, { vendor: "Vonage Verify", module: "@vonage/server-sdk", arguments: [0], destinationKeys: ["number"], description: "starts a verification to `number`" }, "verify.start"),
  ...entries(VONAGE_ROOTS, { vendor: "Vonage Verify v2", module: "@vonage/server-sdk", arguments: [0], destinationKeys: ["workflow"], description: "starts a verification whose workflow steps send to `to`" }, "verify2.newRequest"),
  ...entries(["Verify()"], { vendor: "Vonage Verify", module: "@vonage/verify", arguments: [0], destinationKeys: ["number"], description: "starts a verification to `number`" }, "start"),
  ...entries(["Verify2()"], { vendor: "Vonage Verify v2", module: "@vonage/verify2", arguments: [0], destinationKeys: ["workflow"], description: "starts a verification whose workflow sends to `to`" }, "newRequest"),
  ...entries(["()"], { vendor: "Vonage Verify (nexmo)", module: "nexmo", arguments: [0], destinationKeys: ["number"], description: "requests a verification to `number`" }, "verify.request"),
  ...entries(VONAGE_ROOTS, { vendor: "Vonage SMS", module: "@vonage/server-sdk", arguments: [0], destinationKeys: ["to"], when: { argument: 0, property: "text", pattern: CODE_MESSAGE, anyText: true }, description: "an SMS whose text carries a one-time code" }, "sms.send"),
  ...entries(["()", "initClient()"], { vendor: "MessageBird Verify", module: "messagebird", arguments: [0], description: "sends a verification token to the recipient (first argument)" }, "verify.create"),
  ...entries(["()", "initClient()"], { vendor: "MessageBird messages", module: "messagebird", arguments: [0], destinationKeys: ["recipients"], when: { argument: 0, property: "body", pattern: CODE_MESSAGE, anyText: true }, description: "a message whose body carries a one-time code" }, "messages.create"),
  ...entries(["Client()"], { vendor: "Plivo Verify", module: "plivo", arguments: [0], destinationKeys: ["recipient"], description: "starts a verification session to `recipient`" }, "verify_session.create"),
  ...entries(["Client()"], { vendor: "Plivo messages", module: "plivo", arguments: [0], destinationKeys: ["dst"], when: { argument: 0, property: "text", pattern: CODE_MESSAGE, anyText: true }, description: "an SMS ({ src, dst, text }) whose text carries a one-time code" }, "messages.create"),
  ...entries(["Client()"], { vendor: "Plivo messages", module: "plivo", arguments: [1], when: { argument: 2, pattern: CODE_MESSAGE, anyText: true }, description: "an SMS (src, dst, text) whose text carries a one-time code" }, "messages.create"),
];
