// Rule tests for the two rules that do not need the engine: written out in full (messageId, line, column,
// suggestions with their output), typed through test/rule-fixtures/tsconfig.json.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

import declassifyNeedsReason from "../rules/declassify-needs-reason.js";
import noBrandCast from "../rules/no-brand-cast.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// @typescript-eslint/rule-tester 8.72 brings its own nested @typescript-eslint/utils while the rules are built on
// the root 8.73: the same objects at run time, distinct types at compile time. Bumping the devDependency to
// ^8.73.0 dedupes it; until then the rule is passed through the tester's own parameter type.
type TesterRule = Parameters<RuleTester["run"]>[1];

const ruleFixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "rule-fixtures");

const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: { project: "./tsconfig.json", tsconfigRootDir: ruleFixturesDir },
  },
});

ruleTester.run("no-brand-cast", noBrandCast as unknown as TesterRule, {
  valid: [
    // Plain widening by inference is not a cast: the engine still follows the value.
    `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
const s: string = phone;
function takesString(value: string): string {
  return value;
}
takesString(phone);
export { s };
    `,
    // The target keeps the brand.
    `
import type { SecurityContact } from "purpose-lint";
declare const phone: unknown;
export const p = phone as SecurityContact<string>;
    `,
    `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s: SecurityContact<string> = phone as any;
    `,
    `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
declare function sendOneTimeCode(to: SecurityContact<string>): void;
sendOneTimeCode(phone as any);
    `,
    // Nothing branded to strip.
    `
declare const email: string;
export const a = email as string;
export const b = <string>email;
export const c = { retries: 3 } as const;
export const d = "x" as unknown as string;
    `,
    `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const length = phone.length as number;
    `,
    // An upcast that drops the branded member is plain widening, not a cast that strips it.
    `
import type { SecurityContact } from "purpose-lint";
interface User {
  id: string;
  twoFactorPhone: SecurityContact<string>;
}
declare const user: User;
export const ref = user as { id: string };
    `,
    // Inside declassify: its argument, and the body of a function named declassify.
    `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s = declassify(phone as SecurityContact<string> as any, "sent to the SMS gateway for the login code");
    `,
    `
import type { SecurityContact } from "./brand.js";
export function declassify<T>(value: SecurityContact<T>, justification: string): T {
  void justification;
  return value as T;
}
    `,
    // An `any` annotation on something unbranded.
    `
declare const email: string;
export const loose: any = email;
    `,
  ],
  invalid: [
    {
      code: `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s = phone as string;
      `,
      errors: [
        {
          messageId: "brandCast",
          data: { where: "" },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 33,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s = declassify(phone, "…");
      `,
            },
          ],
        },
      ],
    },
    {
      // Angle-bracket assertion, with declassify already imported: no second import.
      code: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const ok = declassify(phone, "sent to the SMS gateway for the login code");
export const s = <string>phone;
      `,
      errors: [
        {
          messageId: "brandCast",
          line: 6,
          column: 18,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const ok = declassify(phone, "sent to the SMS gateway for the login code");
export const s = declassify(phone, "…");
      `,
            },
          ],
        },
      ],
    },
    {
      // A double assertion is one report, on the whole chain.
      code: `
import type { SecurityContact } from "purpose-lint";
interface User {
  twoFactorPhone: SecurityContact<string>;
}
declare const user: User;
export const s = user.twoFactorPhone as unknown as string;
      `,
      errors: [
        {
          messageId: "brandCast",
          line: 7,
          column: 18,
          endColumn: 58,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
interface User {
  twoFactorPhone: SecurityContact<string>;
}
declare const user: User;
export const s = declassify(user.twoFactorPhone, "…");
      `,
            },
          ],
        },
      ],
    },
    {
      // Assigned through `any` into a plain annotation.
      code: `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s: string = phone as any;
      `,
      errors: [
        {
          messageId: "brandCast",
          line: 4,
          column: 26,
          endColumn: 38,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s: string = declassify(phone, "…");
      `,
            },
          ],
        },
      ],
    },
    {
      // Passed through `any` to a plain parameter.
      code: `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
declare function track(traits: string): void;
track(phone as any);
      `,
      errors: [
        {
          messageId: "brandCast",
          line: 5,
          column: 7,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
declare const phone: SecurityContact<string>;
declare function track(traits: string): void;
track(declassify(phone, "…"));
      `,
            },
          ],
        },
      ],
    },
    {
      // An optional branded field (a union with undefined) is still branded.
      code: `
import type { SecurityContact } from "purpose-lint";
interface User {
  recoveryEmail?: SecurityContact<string>;
}
declare const user: User;
export const e = user.recoveryEmail as string | undefined;
      `,
      errors: [
        {
          messageId: "brandCast",
          line: 7,
          column: 18,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
interface User {
  recoveryEmail?: SecurityContact<string>;
}
declare const user: User;
export const e = declassify(user.recoveryEmail, "…");
      `,
            },
          ],
        },
      ],
    },
    {
      // A vendored alias of the same name; its own declassify is in scope, so no import is added.
      code: `
import { declassify, type SecurityContact } from "./brand.js";
declare const phone: SecurityContact<string>;
export const ok = declassify(phone, "sent to the SMS gateway for the login code");
export const s = phone as string;
      `,
      errors: [
        {
          messageId: "brandCast",
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import { declassify, type SecurityContact } from "./brand.js";
declare const phone: SecurityContact<string>;
export const ok = declassify(phone, "sent to the SMS gateway for the login code");
export const s = declassify(phone, "…");
      `,
            },
          ],
        },
      ],
    },
    {
      // A nested brand: the record is re-typed with a plain field. No suggestion (declassify takes the field).
      code: `
import type { SecurityContact } from "purpose-lint";
interface User {
  id: string;
  twoFactorPhone: SecurityContact<string>;
}
declare const user: User;
export const plain = user as unknown as { id: string; twoFactorPhone: string };
      `,
      errors: [
        {
          messageId: "brandCast",
          data: { where: " at `twoFactorPhone`" },
          line: 8,
          column: 22,
          suggestions: [],
        },
      ],
    },
    {
      // Everything through `any`, the record included.
      code: `
import type { SecurityContact } from "purpose-lint";
interface User {
  twoFactorPhone: SecurityContact<string>;
}
declare const user: User;
export const loose = user as any;
      `,
      errors: [{ messageId: "brandCast", line: 7, column: 22, suggestions: [] }],
    },
    {
      // An \`any\` annotation strips the brand as surely as \`as any\`.
      code: `
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
const tmp: any = phone;
export const s: string = tmp;
      `,
      errors: [
        {
          messageId: "brandAnnotation",
          line: 4,
          column: 12,
          endColumn: 15,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
declare const phone: SecurityContact<string>;
const tmp: any = declassify(phone, "…");
export const s: string = tmp;
      `,
            },
          ],
        },
      ],
    },
    {
      // A parameter default typed `any`.
      code: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export function send(to: any = phone): void {
  void to;
  void declassify;
}
      `,
      errors: [
        {
          messageId: "brandAnnotation",
          line: 5,
          column: 26,
          suggestions: [
            {
              messageId: "suggestDeclassify",
              output: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export function send(to: any = declassify(phone, "…")): void {
  void to;
  void declassify;
}
      `,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run("declassify-needs-reason", declassifyNeedsReason as unknown as TesterRule, {
  valid: [
    `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const a = declassify(phone, "sent to the SMS gateway for the one-time login code");
export const b = declassify(phone, \`shown to the account owner on the security page\`);
export const c = declassify(
  phone,
  "passed to the fraud service, which is contractually bound to " + "account-security use",
);
    `,
    // Not declassify.
    `
declare function classify(value: string, label?: string): string;
export const a = classify("x");
export const b = classify("x", "ok");
    `,
    // A vendored declassify with a real reason.
    `
import { declassify, type SecurityContact } from "./brand.js";
declare const phone: SecurityContact<string>;
export const a = declassify(phone, "masked to the last two digits for the support screen");
    `,
  ],
  invalid: [
    {
      code: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
// @ts-expect-error -- the justification is required by the type too
export const a = declassify(phone);
      `,
      errors: [{ messageId: "missingJustification", line: 6, column: 18, endColumn: 28 }],
    },
    {
      code: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const a = declassify(phone, "");
export const b = declassify(phone, "   ");
export const c = declassify(phone, "…");
      `,
      errors: [
        { messageId: "emptyJustification", line: 5, column: 36, endColumn: 38 },
        { messageId: "emptyJustification", line: 6, column: 36 },
        { messageId: "emptyJustification", line: 7, column: 36 },
      ],
    },
    {
      code: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const placeholders = [
  declassify(phone, "todo"),
  declassify(phone, "TBD"),
  declassify(phone, " n/a "),
  declassify(phone, "NA"),
  declassify(phone, "ok."),
  declassify(phone, "FIXME"),
  declassify(phone, "xxx"),
  declassify(phone, "-"),
  declassify(phone, "(none)"),
  declassify(phone, 'Test!'),
  declassify(phone, "TODO: explain why"),
];
      `,
      errors: [
        { messageId: "placeholderJustification", data: { text: '"todo"' }, line: 6, column: 21 },
        { messageId: "placeholderJustification", data: { text: '"TBD"' }, line: 7 },
        { messageId: "placeholderJustification", data: { text: '" n/a "' }, line: 8 },
        { messageId: "placeholderJustification", line: 9 },
        { messageId: "placeholderJustification", line: 10 },
        { messageId: "placeholderJustification", line: 11 },
        { messageId: "placeholderJustification", line: 12 },
        { messageId: "placeholderJustification", line: 13 },
        { messageId: "placeholderJustification", line: 14 },
        { messageId: "placeholderJustification", data: { text: "'Test!'" }, line: 15 },
        { messageId: "placeholderJustification", line: 16 },
      ],
    },
    {
      // A variable, a template with substitutions, a spread: no reviewer can read the text in the diff.
      code: `
import { declassify } from "purpose-lint";
import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
declare const reason: string;
declare const args: [SecurityContact<string>, string];
export const a = declassify(phone, reason);
export const b = declassify(phone, \`approved by \${reason}\`);
export const c = declassify(...args);
      `,
      errors: [
        { messageId: "nonLiteralJustification", line: 7, column: 36, endColumn: 42 },
        { messageId: "nonLiteralJustification", line: 8, column: 36 },
        { messageId: "nonLiteralJustification", line: 9, column: 29 },
      ],
    },
    {
      // Renamed import and namespace import of the package's declassify.
      code: `
import { declassify as allow } from "purpose-lint";
import * as purpose from "purpose-lint";
declare const phone: purpose.SecurityContact<string>;
export const a = allow(phone, "ok");
export const b = purpose.declassify(phone, "tbd");
      `,
      errors: [
        { messageId: "placeholderJustification", line: 5, column: 31 },
        { messageId: "placeholderJustification", line: 6, column: 44 },
      ],
    },
  ],
});
