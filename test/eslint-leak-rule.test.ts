// `purpose/no-security-contact-leak` through RuleTester: the real engine on the typed fixture folder
// test/rule-fixtures (file.ts is replaced by each case; accounts.ts and brand.ts stay in the Program, so flows
// can cross files in both directions).
import path from "node:path";
import { fileURLToPath } from "node:url";

import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

import rule from "../rules/no-security-contact-leak.js";

const ruleFixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "rule-fixtures");

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// @typescript-eslint/rule-tester 8.72 brings its own nested @typescript-eslint/utils while the rules are built on
// the root 8.73: the same objects at run time, distinct types at compile time. Bumping the devDependency to
// ^8.73.0 dedupes it; until then the rule is passed through the tester's own parameter type.
type TesterRule = Parameters<RuleTester["run"]>[1];

const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: { project: "./tsconfig.json", tsconfigRootDir: ruleFixturesDir },
  },
});

ruleTester.run("no-security-contact-leak", rule as unknown as TesterRule, {
  valid: [
    // Reviewed: declassify removes the brand, so the flow is not a violation.
    `
import { createHash } from "node:crypto";
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";

interface User {
  email: string;
  twoFactorPhone: SecurityContact<string>;
}

/** @sink advertising */
function addToTailoredAudience(audienceId: string, hashedIdentifier: string): void {
  void audienceId;
  void hashedIdentifier;
}

export function sync(user: User): void {
  addToTailoredAudience("newsletter", createHash("sha256").update(user.email).digest("hex"));
  const phone = declassify(user.twoFactorPhone, "the user opted in to phone matching on the ads consent screen");
  addToTailoredAudience("opted-in", phone);
}
    `,
    // Logging and security messaging are not sinks; a comparison yields a boolean, not the contact.
    `
import type { SecurityContact } from "purpose-lint";

interface User {
  twoFactorPhone: SecurityContact<string>;
}

/** @sink analytics */
function track(event: string, properties: Record<string, unknown>): void {
  void event;
  void properties;
}

declare function sendSms(to: string, body: string): void;

export function login(user: User, code: string): void {
  console.log("sending code to", user.twoFactorPhone);
  sendSms(user.twoFactorPhone, code);
  track("login", { hasTwoFactor: user.twoFactorPhone !== undefined });
}
    `,
  ],
  invalid: [
    {
      // The sink argument is in accounts.ts (reported there); this file hands the phone to the wrapper, so the
      // developer sees the leak here too, at the entry (messageId leakEntry).
      code: `
import { uploadToAudience, type Account } from "./accounts.js";

export function sync(account: Account): void {
  uploadToAudience(account.twoFactorPhone);
}
    `,
      errors: [
        {
          messageId: "leakEntry",
          line: 5,
          column: 20,
          data: { message: "passes twoFactorPhone into uploadToAudience, which sends it to addToTailoredAudience — advertising (accounts.ts:24)" },
        },
      ],
    },
    {
      code: `
import { createHash } from "node:crypto";
import type { SecurityContact } from "purpose-lint";

interface User {
  id: string;
  email: string;
  twoFactorPhone: SecurityContact<string>;
}

function normalizePhone(raw: string): string {
  return raw.replace(/[^0-9+]/g, "");
}

/** @sink advertising */
function addToTailoredAudience(audienceId: string, hashedIdentifier: string): void {
  void audienceId;
  void hashedIdentifier;
}

export function sync(user: User): void {
  const hashed = createHash("sha256").update(normalizePhone(user.twoFactorPhone)).digest("hex");
  addToTailoredAudience("retargeting", hashed);
}
      `,
      // The hops in the message are the engine's trace labels (its wording is checked against the CLI's in
      // test/eslint-parity.test.ts and against a fixed trace in test/eslint-plugin.test.ts); here: where.
      errors: [
        {
          messageId: "leak",
          line: 23,
          column: 40,
          endLine: 23,
          endColumn: 46,
        },
      ],
    },
    {
      // Source read in accounts.ts (securityPhoneOf), sink declared there too, sink argument here.
      code: `
import { addToTailoredAudience, securityPhoneOf, type Account } from "./accounts.js";

export function sync(account: Account): void {
  const phone = securityPhoneOf(account);
  addToTailoredAudience("lookalike", phone.trim());
}
      `,
      errors: [{ messageId: "leak", line: 6, column: 38, endColumn: 50 }],
    },
    {
      // A vendored brand, a marketing sink that is a class (all its methods), and an object that contains the value.
      code: `
import type { SecurityContact } from "./brand.js";

/** @sink marketing */
class CampaignClient {
  upsertContact(contact: { id: string; phone: string }): void {
    void contact;
  }
}

export function enroll(id: string, recoveryPhone: SecurityContact<string>, client: CampaignClient): void {
  client.upsertContact({ id, phone: recoveryPhone });
}
      `,
      errors: [{ messageId: "leak", line: 12, column: 24 }],
    },
  ],
});
