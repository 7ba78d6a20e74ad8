/**
 * What the CLI says about the `// purpose-lint-ignore` comments of one file — `suppression-without-reason`
 * (error) and `unused-suppression` (warning) — for the two ESLint rules of those names. The file's suppressions
 * are applied to the whole program's findings exactly as the CLI applies them (src/suppressions.ts), so a
 * suppression is "used" in the editor exactly when it is in CI, and the words are the CLI's. An ESLint disable
 * directive naming a purpose rule without a `-- description` is a `suppression-without-reason` too, in both.
 */
import type { RuleContext } from "@typescript-eslint/utils/ts-eslint";
import { ESLintUtils } from "@typescript-eslint/utils";
import type TS from "typescript";

import type { Notification } from "../src/analysis/findings.js";
import { concernsPurposeRules, reasonlessDirectiveNotices, scanEslintDirectives } from "../src/eslint-directives.js";
import { applySuppressions, scanSuppressions, SUPPRESSION_DIRECTIVE } from "../src/suppressions.js";
import { analysisForLint, type LeakRuleOptions } from "./lint-analysis.js";
import { isOutsideProject } from "./parser.js";
import { projectProgram } from "./project-program.js";

export type SuppressionNoticeKind = "suppression-without-reason" | "unused-suppression";

const noticesOf = new WeakMap<TS.SourceFile, WeakMap<object, Notification[]>>();
/** The key of a file without suppressions: its notices need no analysis. */
const NO_ANALYSIS = {};

/** The notifications the CLI gives for the suppressions in the linted file (none outside a project). */
export function suppressionNotices(context: Readonly<RuleContext<string, readonly unknown[]>>, options: LeakRuleOptions = {}): Notification[] {
  const sourceCode = context.sourceCode;
  const text = sourceCode.text;
  if ((!text.includes(SUPPRESSION_DIRECTIVE) && !text.includes("eslint-")) || isOutsideProject(sourceCode.parserServices)) return [];
  const services = ESLintUtils.getParserServices(context, true);
  if (services.program == null) return [];
  const project = projectProgram(services, sourceCode.ast, sourceCode.text);
  if (project === undefined) return [];
  const { program, sourceFile } = project;
  // Per file and per analysis: the same file text may be linted under another configuration (the rules' option).
  const suppressions = scanSuppressions(sourceFile);
  const result = suppressions.length > 0 ? analysisForLint(program, context, options) : undefined;
  const key: object = result ?? NO_ANALYSIS;
  let byResult = noticesOf.get(sourceFile);
  if (byResult === undefined) noticesOf.set(sourceFile, (byResult = new WeakMap()));
  let notices = byResult.get(key);
  if (notices === undefined) {
    notices = reasonlessDirectiveNotices(scanEslintDirectives(sourceFile).filter(concernsPurposeRules));
    if (result) {
      const before = new Set(result.notifications);
      notices.push(...applySuppressions(result, suppressions).result.notifications.filter((n) => !before.has(n)));
    }
    byResult.set(key, notices);
  }
  return notices;
}
