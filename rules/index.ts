/**
 * purpose-lint's ESLint plugin (`purpose-lint/eslint-plugin`), for ESLint's flat config:
 *
 * ```js
 * // eslint.config.js
 * import purpose from "purpose-lint/eslint-plugin";
 * export default [purpose.configs.recommended];
 * ```
 *
 * The rules are thin adapters: the leak rule reports the shared engine's findings (the CLI's findings) for the
 * file being linted; the other two check syntax and types around `declassify` and the brand.
 */

import { readFileSync } from "node:fs";

import * as parser from "@typescript-eslint/parser";
import type { TSESLint } from "@typescript-eslint/utils";

import type { PurposeLintRuleDocs } from "./create-rule.js";
import declassifyNeedsReason from "./declassify-needs-reason.js";
import noBrandCast from "./no-brand-cast.js";
import noSecurityContactLeak from "./no-security-contact-leak.js";

/** The plugin's rules by id; `purpose/<id>` in a config. */
export const rules = {
  "no-security-contact-leak": noSecurityContactLeak,
  "no-brand-cast": noBrandCast,
  "declassify-needs-reason": declassifyNeedsReason,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], PurposeLintRuleDocs>>;

export type RuleId = keyof typeof rules;

/** The prefix the recommended config registers the plugin under. */
export const PLUGIN_PREFIX = "purpose";

/** The file patterns the recommended config lints: TypeScript in all its module flavours. */
export const TYPESCRIPT_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

/**
 * The public type of a shared config: deliberately loose (typescript-eslint does the same, see its
 * `CompatibleConfig`), so `[purpose.configs.recommended]` type-checks in an `eslint.config.ts` against ESLint's
 * own `Linter.Config`, `defineConfig` and `tseslint.config` alike, whichever versions of those types the user has.
 */
export interface CompatibleConfig {
  name?: string;
  files?: string[];
  rules?: object;
}

/** The public type of the plugin object (the default export). Its rules are typed in full by the `rules` export. */
export interface PurposeLintPlugin {
  meta: { name: string; version: string };
  configs: { recommended: CompatibleConfig };
}

const plugin = {
  meta: { name: "purpose-lint", version: packageVersion() },
  rules,
  configs: {} as { recommended: TSESLint.FlatConfig.Config },
};

/**
 * One flat-config object, type-aware through typescript-eslint's project service (each file is checked against
 * the nearest tsconfig.json; set `tsconfigRootDir` yourself when ESLint runs from another directory). It only
 * sets the parser and its own rules, so it composes with typescript-eslint's configs in either order.
 */
export const recommended: TSESLint.FlatConfig.Config = {
  name: "purpose-lint/recommended",
  files: TYPESCRIPT_FILES,
  languageOptions: {
    // The same shape typescript-eslint's own configs use, so a later config replacing it changes nothing.
    parser: { meta: parser.meta, parseForESLint: parser.parseForESLint },
    parserOptions: { projectService: true },
  },
  plugins: { [PLUGIN_PREFIX]: plugin },
  rules: Object.fromEntries(Object.keys(rules).map((id) => [`${PLUGIN_PREFIX}/${id}`, "error"])),
};
plugin.configs.recommended = recommended;

export default plugin as PurposeLintPlugin;

/**
 * The package version, for ESLint's cache key. Read from package.json next to the sources (`rules/`) or next to
 * the build output (`dist/rules/`), whichever this module runs from.
 */
function packageVersion(): string {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === "purpose-lint" && typeof manifest.version === "string") return manifest.version;
    } catch {
      // not at this level; try the next
    }
  }
  return "0.0.0";
}
