/**
 * Names that reports and messages show. The package has no web home yet (it is not published, and has no public
 * repository), so reports link nothing outside the package: SARIF carries the rule pages' text itself
 * (src/report/sarif-rules.ts), and the ESLint rules link the pages shipped in the package.
 */
export const TOOL_NAME = "purpose-lint";

/** What an internal error asks the user to do. */
export const BUG_REPORT_HINT = "please report it to purpose-lint's maintainers";
