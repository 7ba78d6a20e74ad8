// `eslint` in CI runs typescript-eslint in single-run mode (CI=true, or `npx eslint`): each project's Program is
// built once, and a file parsed a second time in the same process (the fix cycle, a tool linting it twice) gets
// an isolated single-file Program with no module resolution. The rules must still answer for the whole project:
// the same cross-file findings the first time, and findings for the current text when it changed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import purpose from "../rules/index.js";

process.env.TSESTREE_SINGLE_RUN = "true";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TMP = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-single-run-")));
const APP = path.join(TMP, "app.ts");

const APP_TEXT = `import { addToAudience, trackSignup } from "./sinks.js";
import type { User } from "./user.js";
import { phoneOf } from "./user.js";

export function sync(user: User): void {
  addToAudience(phoneOf(user));
  trackSignup(user.email);
  const raw = user.twoFactorPhone as string;
  void raw;
}
`;

beforeAll(() => {
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        noEmit: true,
        types: [],
        paths: { "purpose-lint": [path.join(REPO, "src", "index.ts")] },
      },
      include: ["*.ts"],
    }),
    "user.ts": `import type { SecurityContact } from "purpose-lint";
export interface User { email: string; twoFactorPhone: SecurityContact<string> }
export function phoneOf(user: User): string { return user.twoFactorPhone.trim(); }
`,
    "sinks.ts": `/** @sink advertising */
export function addToAudience(identifier: string): void { void identifier; }
/** @sink analytics */
export function trackSignup(identifier: string): void { void identifier; }
`,
    "app.ts": APP_TEXT,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(TMP, name), text);
});

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));
afterEach(() => clearCaches());

function eslint(): ESLint {
  return new ESLint({
    cwd: TMP,
    overrideConfigFile: true,
    overrideConfig: [
      purpose.configs.recommended,
      { languageOptions: { parserOptions: { projectService: false, project: "./tsconfig.json", tsconfigRootDir: TMP } } },
    ],
  });
}

function summary(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${String(m.line)}:${String(m.column)} ${m.ruleId ?? "fatal"} ${m.message}`));
}

const LEAK = "purpose/no-security-contact-leak 6:17";

describe("single-run mode (eslint in CI)", () => {
  it("reports the same cross-file findings when a file is linted a second time in one process", async () => {
    const first = summary(await eslint().lintFiles([APP]));
    expect(first.map((m) => m.split(" ").slice(0, 2).reverse().join(" "))).toEqual([
      LEAK,
      "purpose/no-brand-cast 8:15",
    ]);
    // typescript-eslint now hands over an isolated Program for app.ts, which resolves none of its imports.
    expect(summary(await eslint().lintFiles([APP]))).toEqual(first);
    expect(summary(await eslint().lintText(APP_TEXT, { filePath: APP }))).toEqual(first);
  });

  it("answers for the text it is given, with the rest of the project, when the file changed since", async () => {
    await eslint().lintFiles([APP]);
    const edited = APP_TEXT.replace("addToAudience(phoneOf(user));", "addToAudience(user.email);").replace(
      "trackSignup(user.email);",
      "trackSignup(phoneOf(user));",
    );
    const messages = summary(await eslint().lintText(edited, { filePath: APP }));
    expect(messages.map((m) => m.split(" ").slice(0, 2).reverse().join(" "))).toEqual([
      "purpose/no-security-contact-leak 7:15",
      "purpose/no-brand-cast 8:15",
    ]);
    expect(messages[0]).toContain("analytics sink trackSignup");
  });
});
