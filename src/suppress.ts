/**
 * Everything that silences a result in source, applied the way the CLI applies it: `// purpose-lint-ignore:
 * <reason>` comments (src/suppressions.ts), then ESLint's disable directives for purpose rules
 * (src/eslint-directives.ts). What they silence is kept, with its justification, for reports that show
 * suppressed results (SARIF `suppressions`).
 */
import type TS from "typescript";
import type { AnalysisResult, Finding, SuppressedResult } from "./analysis/findings.js";
import type { RuleProblem } from "./checks/problems.js";
import { applyEslintDirectives, scanProgramEslintDirectives } from "./eslint-directives.js";
import { applySuppressions, firstPartySourceFiles, scanProgramSuppressions } from "./suppressions.js";

/** The result without what comments in the program silence, with `problems` and `suppressed` filled in. */
export function suppressInSource(program: TS.Program, analysed: AnalysisResult, problems: readonly RuleProblem[]): AnalysisResult {
  const ignored = applySuppressions(analysed, scanProgramSuppressions(program));
  const directives = applyEslintDirectives(ignored.result.findings, problems, scanProgramEslintDirectives(firstPartySourceFiles(program)));
  const suppressed: SuppressedResult[] = [
    ...ignored.suppressions.flatMap((record) =>
      record.suppressed.map((finding): SuppressedResult => ({
        finding,
        justification: record.reason ?? "",
        comment: record.location,
        directive: "purpose-lint-ignore",
      })),
    ),
    ...directives.silencedFindings.map(({ item, directive }): SuppressedResult => ({
      finding: item,
      justification: directive.description ?? "",
      comment: directive.location,
      directive: `eslint-${directive.kind}`,
    })),
    ...directives.silencedProblems.map(({ item, directive }): SuppressedResult => ({
      problem: item,
      justification: directive.description ?? "",
      comment: directive.location,
      directive: `eslint-${directive.kind}`,
    })),
  ];
  return {
    ...ignored.result,
    findings: directives.findings,
    problems: directives.problems,
    notifications: [...ignored.result.notifications, ...directives.notifications],
    suppressed,
  };
}

const acceptedOf = new WeakMap<AnalysisResult, ReadonlySet<Finding>>();

/**
 * The violations of a whole-program result that comments anywhere in the program accept — `purpose-lint-ignore`
 * and ESLint directives, each at the flow's entry (its sink argument for a local flow) — for the ESLint rule,
 * which reports a flow in two files (sink and entry) and hides both messages exactly when the CLI hides the flow.
 */
export function acceptedInSource(program: TS.Program, result: AnalysisResult): ReadonlySet<Finding> {
  let accepted = acceptedOf.get(result);
  if (accepted === undefined) {
    const ignored = applySuppressions(result, scanProgramSuppressions(program));
    const directives = applyEslintDirectives(ignored.result.findings, [], scanProgramEslintDirectives(firstPartySourceFiles(program)));
    accepted = new Set([...ignored.suppressions.flatMap((record) => record.suppressed), ...directives.silencedFindings.map(({ item }) => item)]);
    acceptedOf.set(result, accepted);
  }
  return accepted;
}
