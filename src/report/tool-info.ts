/**
 * Names and links that reports and messages show. The package has no repository URL yet, so links point at its
 * npm page; change them here once it has a home.
 */
export const TOOL_NAME = "purpose-lint";

/** Where users learn about the tool (SARIF `tool.driver.informationUri`). */
export const INFORMATION_URI = "https://www.npmjs.com/package/purpose-lint";

/** Where the leak rule is explained (SARIF `rules[].helpUri`). */
export const LEAK_RULE_HELP_URI = "https://www.npmjs.com/package/purpose-lint#purposeno-security-contact-leak";
