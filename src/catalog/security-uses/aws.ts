/**
 * AWS: SNS `publish` to a phone number when the message carries a code, Pinpoint `sendOTPMessage`, SES sends of
 * a verification or reset e-mail, Cognito user attributes (the pool sends verification codes and MFA SMS to the
 * `phone_number` and `email` attributes). SDK v3 commands (`new PublishCommand(input)`, also the aggregated
 * clients' methods) and SDK v2 (`new AWS.SNS().publish(params)`).
 */
import { CODE_MESSAGE, SECURITY_EMAIL } from "./patterns.js";
import { entries, type SecurityUseEntry } from "./types.js";

const sns = { vendor: "AWS SNS", arguments: [0], destinationKeys: ["PhoneNumber"], when: { argument: 0, property: "Message", pattern: CODE_MESSAGE, anyText: true }, description: "an SMS to `PhoneNumber` whose message carries a one-time code" };
const pinpoint = { vendor: "AWS Pinpoint", arguments: [0], destinationKeys: ["SendOTPMessageRequestParameters.DestinationIdentity"], description: "sends a one-time password to `DestinationIdentity`" };
const ses = { vendor: "AWS SES", arguments: [0], destinationKeys: ["Destination"], when: { argument: 0, pattern: SECURITY_EMAIL, anyText: true }, description: "an e-mail whose subject, body or template is a verification, sign-in or reset" };
const COGNITO_COMMANDS = ["AdminUpdateUserAttributes", "UpdateUserAttributes", "AdminCreateUser", "SignUp"];
const cognito = { vendor: "AWS Cognito", arguments: [0], destinationKeys: ["UserAttributes"], when: { argument: 0, pattern: "\\b(phone number|email)\\b", anyText: true }, description: "sets the `phone_number` / `email` attributes Cognito sends codes and MFA messages to" };
const lower = (name: string) => name[0]!.toLowerCase() + name.slice(1);

export const AWS: readonly SecurityUseEntry[] = [
  ...entries([""], { ...sns, module: "@aws-sdk/client-sns" }, "PublishCommand"),
  ...entries(["SNS()"], { ...sns, module: "@aws-sdk/client-sns" }, "publish"),
  ...entries(["SNS()"], { ...sns, module: "aws-sdk" }, "publish"),
  ...entries([""], { ...pinpoint, module: "@aws-sdk/client-pinpoint" }, "SendOTPMessageCommand"),
  ...entries(["Pinpoint()"], { ...pinpoint, module: "@aws-sdk/client-pinpoint" }, "sendOTPMessage"),
  ...entries(["Pinpoint()"], { ...pinpoint, module: "aws-sdk" }, "sendOTPMessage"),
  ...["SendEmailCommand", "SendTemplatedEmailCommand"].flatMap((command) => entries([""], { ...ses, module: "@aws-sdk/client-ses" }, command)),
  ...entries([""], { ...ses, module: "@aws-sdk/client-sesv2" }, "SendEmailCommand"),
  ...["sendEmail", "sendTemplatedEmail"].flatMap((method) => entries(["SES()"], { ...ses, module: "aws-sdk" }, method)),
  ...COGNITO_COMMANDS.flatMap((command) => [
    ...entries([""], { ...cognito, module: "@aws-sdk/client-cognito-identity-provider" }, `${command}Command`),
    ...entries(["CognitoIdentityProvider()"], { ...cognito, module: "@aws-sdk/client-cognito-identity-provider" }, lower(command)),
    ...entries(["CognitoIdentityServiceProvider()"], { ...cognito, module: "aws-sdk" }, lower(command)),
  ]),
];
