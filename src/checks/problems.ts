/**
 * Problems of the rules besides the leak rule — `purpose/no-brand-cast` and `purpose/declassify-needs-reason` —
 * found on compiler nodes, so the CLI runs them over the whole program and the ESLint rules report the same
 * problems for the file they lint (one verdict). Plain data, like findings.
 */
import type TS from "typescript";
import type { Location } from "../analysis/findings.js";

export const BRAND_CAST_RULE_ID = "purpose/no-brand-cast";
export const DECLASSIFY_REASON_RULE_ID = "purpose/declassify-needs-reason";

export type CheckRuleId = typeof BRAND_CAST_RULE_ID | typeof DECLASSIFY_REASON_RULE_ID;

export type BrandCastMessageId = "brandCast" | "brandAnnotation";
export type DeclassifyReasonMessageId =
  | "missingJustification"
  | "emptyJustification"
  | "placeholderJustification"
  | "nonLiteralJustification";

/** One problem a rule reports, with the words both front ends use. */
export interface RuleProblem {
  ruleId: CheckRuleId;
  messageId: BrandCastMessageId | DeclassifyReasonMessageId;
  message: string;
  location: Location;
}

/** The ESLint message templates, by messageId; `{{name}}` placeholders are filled from a problem's data. */
export const CHECK_MESSAGES = {
  brandCast:
    'This assertion removes the SecurityContact brand{{where}} without review; use declassify(value, "why this flow is allowed").',
  brandAnnotation:
    'Typing this as `any` removes the SecurityContact brand{{where}} without review; use declassify(value, "why this flow is allowed").',
  missingJustification: "declassify() needs a justification: say why this flow is allowed.",
  emptyJustification: "The declassify() justification is empty: say why this flow is allowed.",
  placeholderJustification: "The declassify() justification {{text}} is a placeholder: say why this flow is allowed.",
  nonLiteralJustification: "The declassify() justification must be a string literal a reviewer can read.",
} as const satisfies Record<BrandCastMessageId | DeclassifyReasonMessageId, string>;

/** A message template with its placeholders filled. */
export function fillMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? "");
}

/** The 1-based range of a node, end exclusive (the findings' convention). */
export function locationOf(node: TS.Node, file: TS.SourceFile = node.getSourceFile()): Location {
  const start = file.getLineAndCharacterOfPosition(node.getStart(file));
  const end = file.getLineAndCharacterOfPosition(node.end);
  return { file: file.fileName, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** Sorts problems by file, line, column and rule, for stable reports. */
export function sortProblems(problems: readonly RuleProblem[]): RuleProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

