/**
 * Every rule besides the leak rule, over a whole program: what the CLI reports next to the engine's findings, so
 * CI and the editor give one verdict. Only first-party files are checked, as the engine analyses them.
 */
import type TS from "typescript";
import { firstPartySourceFiles } from "../suppressions.js";
import { brandCastProblems } from "./brand-casts.js";
import { declassifyReasonProblems } from "./declassify-reasons.js";
import { sortProblems, type RuleProblem } from "./problems.js";

export type { RuleProblem } from "./problems.js";

/** The problems of `purpose/no-brand-cast` and `purpose/declassify-needs-reason` in the program, sorted. */
export function checkProgram(program: TS.Program, skipped: ReadonlySet<string> = new Set()): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const file of firstPartySourceFiles(program)) {
    if (skipped.has(file.fileName)) continue;
    problems.push(...declassifyReasonProblems(file));
    // Brand casts plain data: the nodes the ESLint rule needs for its suggestion are not kept.
    for (const { ruleId, messageId, message, location } of brandCastProblems(file, program)) {
      problems.push({ ruleId, messageId, message, location });
    }
  }
  return sortProblems(problems);
}
