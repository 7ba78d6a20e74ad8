/**
 * Identity platforms: Firebase Auth (phone sign-in, e-mail links, MFA enrolment through the Admin SDK), Auth0
 * (passwordless codes, MFA enrolment, password-change and verification tickets), Okta (factor enrolment).
 */
import { entries, type SecurityUseEntry } from "./types.js";

const firebase = (module: string, method: string, position: number, description: string): SecurityUseEntry[] =>
  entries([""], { vendor: "Firebase Auth", module, arguments: [position], description }, method);

const FIREBASE_CLIENT: readonly SecurityUseEntry[] = ["firebase/auth", "@firebase/auth"].flatMap((module) => [
  ...firebase(module, "signInWithPhoneNumber", 1, "sends a sign-in code by SMS to the phone number"),
  ...firebase(module, "linkWithPhoneNumber", 1, "links a phone number, verified by an SMS code"),
  ...firebase(module, "reauthenticateWithPhoneNumber", 1, "re-authenticates with an SMS code"),
  ...firebase(module, "sendPasswordResetEmail", 1, "sends a password-reset e-mail"),
  ...firebase(module, "sendSignInLinkToEmail", 1, "sends an e-mail sign-in link"),
  ...entries(["PhoneAuthProvider()"], { vendor: "Firebase Auth", module, arguments: [0], description: "sends a verification code to a phone (sign-in or MFA enrolment)" }, "verifyPhoneNumber"),
]);

const FIREBASE_ADMIN: readonly SecurityUseEntry[] = [
  ...["generatePasswordResetLink", "generateEmailVerificationLink", "generateSignInWithEmailLink"].flatMap((method) =>
    entries(["getAuth()"], { vendor: "Firebase Admin", module: "firebase-admin/auth", arguments: [0], description: "a password-reset, verification or sign-in link for the e-mail" }, method),
  ),
  ...entries(["getAuth()"], { vendor: "Firebase Admin", module: "firebase-admin/auth", arguments: [1], destinationKeys: ["multiFactor"], description: "enrols second factors (`multiFactor.enrolledFactors[].phoneNumber`)" }, "updateUser"),
  ...entries(["getAuth()"], { vendor: "Firebase Admin", module: "firebase-admin/auth", arguments: [0], destinationKeys: ["multiFactor"], description: "creates a user with enrolled second factors" }, "createUser"),
];

const AUTH0: readonly SecurityUseEntry[] = [
  ...entries(["AuthenticationClient()"], { vendor: "Auth0", module: "auth0", arguments: [0], destinationKeys: ["phone_number"], description: "sends a passwordless code by SMS" }, "passwordless.sendSMS"),
  ...entries(["AuthenticationClient()"], { vendor: "Auth0", module: "auth0", arguments: [0], destinationKeys: ["email"], description: "sends a passwordless code or link by e-mail" }, "passwordless.sendEmail"),
  ...entries(["ManagementClient()"], { vendor: "Auth0", module: "auth0", arguments: [1], destinationKeys: ["phone_number", "email"], description: "enrols an authentication method (SMS, voice, e-mail)" }, "users.createAuthenticationMethod"),
  ...entries(["ManagementClient()"], { vendor: "Auth0", module: "auth0", arguments: [0], destinationKeys: ["email"], description: "sends a Guardian MFA enrolment ticket" }, "guardian.createEnrollmentTicket"),
  ...["changePassword", "verifyEmail"].flatMap((method) =>
    entries(["ManagementClient()"], { vendor: "Auth0", module: "auth0", arguments: [0], destinationKeys: ["email"], description: "a password-change or e-mail verification ticket" }, `tickets.${method}`),
  ),
];

const OKTA: readonly SecurityUseEntry[] = [
  ...entries(["Client()"], { vendor: "Okta", module: "@okta/okta-sdk-nodejs", arguments: [0], destinationKeys: ["body.profile"], description: "enrols a factor (SMS, call, e-mail) with `profile.phoneNumber` / `profile.email`" }, "userFactorApi.enrollFactor"),
  ...entries(["Client()"], { vendor: "Okta", module: "@okta/okta-sdk-nodejs", arguments: [1], destinationKeys: ["profile"], description: "enrols a factor (older SDKs: `enrollFactor(userId, factor)`)" }, "enrollFactor"),
];

export const IDENTITY: readonly SecurityUseEntry[] = [...FIREBASE_CLIENT, ...FIREBASE_ADMIN, ...AUTH0, ...OKTA];
