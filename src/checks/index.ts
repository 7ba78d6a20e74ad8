/**
 * Every rule besides the leak rule, over a whole program: what the CLI reports next to the engine's findings, so
 * CI and the editor give one verdict. Only first-party files are checked, as the engine analyses them.
 */
import type TS from "typescript";
import { firstPartySourceFiles } from "../suppressions.js";
import { brandCastChecker } from "./brand-casts.js";
import { declassifyReasonChecker } from "./declassify-reasons.js";
import { forEachNode } from "./node-walk.js";
import { sortProblems, type RuleProblem } from "./problems.js";

export type { RuleProblem } from "./problems.js";

/** The problems of `purpose/no-brand-cast` and `purpose/declassify-needs-reason` in the program, sorted. */
export function checkProgram(program: TS.Program, skipped: ReadonlySet<string> = new Set()): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const file of firstPartySourceFiles(program)) {
    if (skipped.has(file.fileName)) continue;
    // Both checks in one walk of the file.
    const reasons = declassifyReasonChecker(file);
    const casts = brandCastChecker(file, program);
    forEachNode(file, (node) => {
      reasons?.check(node);
      casts.check(node);
    });
    problems.push(...(reasons?.problems ?? []));
    // Brand casts plain data: the nodes the ESLint rule needs for its suggestion are not kept.
    for (const { ruleId, messageId, message, location } of casts.problems) problems.push({ ruleId, messageId, message, location });
  }
  return sortProblems(problems);
}
