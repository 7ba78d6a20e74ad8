// The plugin as users meet it: its shape, its documentation, and the recommended config running through the
// real ESLint API with the project service, on its own and beside typescript-eslint's configs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { ESLint } from "eslint";
import type { Linter } from "eslint";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

import { ruleDocsUrl } from "../rules/create-rule.js";
import purpose, { recommended, rules, TYPESCRIPT_FILES } from "../rules/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ruleFixturesDir = path.join(repoRoot, "test", "rule-fixtures");
const ruleIds = Object.keys(rules) as (keyof typeof rules)[];

describe("plugin shape", () => {
  it("names itself and carries the package version (ESLint's cache key)", () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(purpose.meta).toEqual({ name: "purpose-lint", version: manifest.version });
  });

  it("registers the five rules the CLI runs too", () => {
    expect(ruleIds.sort()).toEqual([
      "declassify-needs-reason",
      "no-brand-cast",
      "no-security-contact-leak",
      "suppression-without-reason",
      "unused-suppression",
    ]);
    expect((purpose as unknown as { rules: unknown }).rules).toBe(rules);
  });

  it("has one flat-config object as configs.recommended, type-aware through the project service", () => {
    expect(purpose.configs.recommended).toBe(recommended);
    expect(Array.isArray(recommended)).toBe(false);
    // TypeScript, and JavaScript a tsconfig includes (allowJs), as the CLI analyses them.
    expect(recommended.files).toEqual([...TYPESCRIPT_FILES, "**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"]);
    expect(recommended.plugins?.["purpose"]).toBe(purpose);
    const parser = recommended.languageOptions?.parser as { parseForESLint?: unknown } | undefined;
    expect(typeof parser?.parseForESLint).toBe("function");
    expect(recommended.languageOptions?.parserOptions).toEqual({ projectService: true });
    expect(recommended.rules).toEqual({
      "purpose/no-security-contact-leak": "error",
      "purpose/no-brand-cast": "error",
      "purpose/declassify-needs-reason": "error",
      "purpose/suppression-without-reason": "error",
      "purpose/unused-suppression": "warn",
    });
  });

  it("type-checks in a user's eslint.config.ts, alone and with typescript-eslint", () => {
    // Compile-time assertions: these lines fail `tsc --noEmit` if the config's types drift from ESLint's.
    const alone: Linter.Config[] = [purpose.configs.recommended];
    const viaDefineConfig = defineConfig([purpose.configs.recommended]);
    // The composition docs/editor-setup.md shows.
    const documented = defineConfig(tseslint.configs.recommendedTypeChecked, purpose.configs.recommended, {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ruleFixturesDir } },
    });
    const withJavaScript: Linter.Config[] = [
      purpose.configs.recommended,
      { ...purpose.configs.recommended, files: ["src/**/*.js"] },
    ];
    expect(documented.length).toBeGreaterThan(2);
    expect(withJavaScript).toHaveLength(2);
    expect(alone).toHaveLength(1);
    expect(viaDefineConfig.length).toBeGreaterThan(0);
  });
});

describe("rule documentation", () => {
  it.each(ruleIds)("%s has meta.docs (description, url) and a page beside its source", (id) => {
    const docs = rules[id].meta.docs;
    expect(docs?.description.length).toBeGreaterThan(10);
    expect(docs?.url).toBe(ruleDocsUrl(id));
    // The page shipped in the package, not a web page that does not exist.
    const page = path.join(repoRoot, "rules", `${id}.md`);
    expect(docs?.url).toBe(pathToFileURL(page).href);
    expect(existsSync(page), `${page} is missing`).toBe(true);
    const text = readFileSync(page, "utf8");
    expect(text.startsWith(`# ${PLUGIN_PREFIX}/${id}`), "the page starts with the rule's full id").toBe(true);
    for (const section of ["## Rule details", "## Options", "## When not to use it"]) {
      expect(text, `${id}.md lacks "${section}"`).toContain(section);
    }
    expect(text).toMatch(/Examples of \*\*incorrect\*\* code/);
    expect(text).toMatch(/Examples of \*\*correct\*\* code/);
  });

  it("docs/editor-setup.md shows the two-line config", () => {
    const text = readFileSync(path.join(repoRoot, "docs", "editor-setup.md"), "utf8");
    expect(text).toContain('import purpose from "purpose-lint/eslint-plugin";');
    expect(text).toContain("export default [purpose.configs.recommended];");
  });
});

const PLUGIN_PREFIX = "purpose";

const brandCastCode = `import type { SecurityContact } from "purpose-lint";
declare const phone: SecurityContact<string>;
export const s = phone as string;
`;

async function lintFixtureText(config: Linter.Config[], code: string): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({ cwd: ruleFixturesDir, overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintText(code, { filePath: path.join(ruleFixturesDir, "file.ts") });
  return result?.messages ?? [];
}

describe("configs.recommended through the ESLint API", () => {
  // The user's part: where the tsconfig search starts (ESLint's cwd would do the same in a real project).
  const rootDir: Linter.Config = { languageOptions: { parserOptions: { tsconfigRootDir: ruleFixturesDir } } };

  it("runs type-aware with the project service", async () => {
    const messages = await lintFixtureText([purpose.configs.recommended, rootDir], brandCastCode);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["purpose/no-brand-cast", 3]]);
  });

  it.each([
    ["after", (): Linter.Config[] => [...tseslint.configs.recommendedTypeChecked, purpose.configs.recommended, rootDir]],
    ["before", (): Linter.Config[] => [purpose.configs.recommended, ...tseslint.configs.recommendedTypeChecked, rootDir]],
  ])("composes with typescript-eslint's recommendedTypeChecked (placed %s it)", async (_order, config) => {
    const messages = await lintFixtureText(config(), `${brandCastCode}declare const loose: any;
export const t: string = loose;
`);
    const ruleIdsSeen = messages.map((m) => m.ruleId);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(ruleIdsSeen).toContain("purpose/no-brand-cast");
    expect(ruleIdsSeen).toContain("@typescript-eslint/no-unsafe-assignment");
  });
});
