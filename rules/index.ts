/**
 * purpose-lint's ESLint plugin (`purpose-lint/eslint-plugin`), for ESLint's flat config:
 *
 * ```js
 * // eslint.config.mjs
 * import purpose from "purpose-lint/eslint-plugin";
 * export default [purpose.configs.recommended];
 * ```
 *
 * The rules are thin adapters over what the CLI runs: the leak rule reports the shared engine's findings for the
 * file being linted, `no-brand-cast` and `declassify-needs-reason` the problems of src/checks/, and the two
 * suppression rules what the CLI says about the file's `purpose-lint-ignore` comments.
 */

import { readFileSync } from "node:fs";

import type { TSESLint } from "@typescript-eslint/utils";

import type { PurposeLintRuleDocs } from "./create-rule.js";
import declassifyNeedsReason from "./declassify-needs-reason.js";
import noBrandCast from "./no-brand-cast.js";
import noSecurityContactLeak from "./no-security-contact-leak.js";
import * as parser from "./parser.js";
import suppressionWithoutReason from "./suppression-without-reason.js";
import unusedSuppression from "./unused-suppression.js";

/** The plugin's rules by id; `purpose/<id>` in a config. */
export const rules = {
  "no-security-contact-leak": noSecurityContactLeak,
  "no-brand-cast": noBrandCast,
  "declassify-needs-reason": declassifyNeedsReason,
  "suppression-without-reason": suppressionWithoutReason,
  "unused-suppression": unusedSuppression,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], PurposeLintRuleDocs>>;

export type RuleId = keyof typeof rules;

/** The prefix the recommended config registers the plugin under. */
export const PLUGIN_PREFIX = "purpose";

/** The file patterns the recommended config lints: TypeScript in all its module flavours. */
export const TYPESCRIPT_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

/** JavaScript, linted by the recommended config where a tsconfig includes it (`allowJs`), as the CLI analyses it. */
export const JAVASCRIPT_FILES = ["**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"];

/** The recommended severity of each rule: a reasonless suppression fails like a leak; an unused one warns. */
const SEVERITY: Record<RuleId, "error" | "warn"> = {
  "no-security-contact-leak": "error",
  "no-brand-cast": "error",
  "declassify-needs-reason": "error",
  "suppression-without-reason": "error",
  "unused-suppression": "warn",
};

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
 * the nearest tsconfig.json; set `tsconfigRootDir` yourself when ESLint runs from another directory). It lints
 * TypeScript, and JavaScript that a tsconfig includes (`allowJs`); JavaScript no tsconfig includes (the config
 * file itself) is parsed without types and left alone (rules/parser.ts). It only sets the parser and its own
 * rules, so it composes with typescript-eslint's configs in either order.
 */
export const recommended: TSESLint.FlatConfig.Config = {
  name: "purpose-lint/recommended",
  files: [...TYPESCRIPT_FILES, ...JAVASCRIPT_FILES],
  languageOptions: {
    // typescript-eslint's parser, falling back to an untyped parse for JavaScript outside every project.
    parser: { meta: parser.meta, parseForESLint: parser.parseForESLint },
    parserOptions: { projectService: true },
  },
  plugins: { [PLUGIN_PREFIX]: plugin },
  rules: Object.fromEntries(Object.entries(SEVERITY).map(([id, severity]) => [`${PLUGIN_PREFIX}/${id}`, severity])),
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
