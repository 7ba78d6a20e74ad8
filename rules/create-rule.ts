/**
 * The rule factory every purpose-lint rule goes through (typescript-eslint's `RuleCreator` pattern): it fills in
 * `meta.docs.url` from the rule name, so each rule's documentation link points at its page shipped in the package.
 */

import { existsSync } from "node:fs";

import { ESLintUtils } from "@typescript-eslint/utils";

/** Extra `meta.docs` fields purpose-lint rules declare. */
export interface PurposeLintRuleDocs {
  description: string;
  /** Whether `configs.recommended` turns the rule on. */
  recommended?: boolean;
  /** Whether the rule needs type information (a `project` / `projectService` parser option). */
  requiresTypeChecking?: boolean;
}

/**
 * Where the rule pages live: `rules/<rule-id>.md`, shipped in the package. The package has no web home yet, so a
 * rule links the page on this machine (`file:` URL), which editors open, rather than a page that does not exist.
 * This module runs from `rules/` (sources) or `dist/rules/` (the build); the pages sit in the package's `rules/`.
 */
export const RULE_DOCS_DIRECTORY: URL = [new URL("./", import.meta.url), new URL("../../rules/", import.meta.url)].find((directory) =>
  existsSync(new URL("no-security-contact-leak.md", directory)),
) ?? new URL("./", import.meta.url);

/** The documentation URL of a rule, from its id: the `file:` URL of its shipped page. */
export function ruleDocsUrl(name: string): string {
  return new URL(`${name}.md`, RULE_DOCS_DIRECTORY).href;
}

export const createRule = ESLintUtils.RuleCreator<PurposeLintRuleDocs>(ruleDocsUrl);
