/**
 * The rule factory every purpose-lint rule goes through (typescript-eslint's `RuleCreator` pattern): it fills in
 * `meta.docs.url` from the rule name, so each rule's documentation link points at its page beside the source.
 */

import { ESLintUtils } from "@typescript-eslint/utils";

/** Extra `meta.docs` fields purpose-lint rules declare. */
export interface PurposeLintRuleDocs {
  description: string;
  /** Whether `configs.recommended` turns the rule on. */
  recommended?: boolean;
  /** Whether the rule needs type information (a `project` / `projectService` parser option). */
  requiresTypeChecking?: boolean;
}

/** Where the rule pages live: `rules/<rule-id>.md` in the repository. */
export const RULE_DOCS_BASE_URL = "https://github.com/purpose-lint/purpose-lint/blob/main/rules/";

/** The documentation URL of a rule, from its id. */
export function ruleDocsUrl(name: string): string {
  return `${RULE_DOCS_BASE_URL}${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<PurposeLintRuleDocs>(ruleDocsUrl);
