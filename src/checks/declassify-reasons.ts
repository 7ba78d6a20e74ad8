/**
 * `purpose/declassify-needs-reason` on compiler nodes, for the CLI: every `declassify(value, justification)` call
 * must carry a real, literal justification. The verdict on a text is shared with the ESLint rule
 * (src/analysis/declassify-reason.ts), and so is the node each problem is reported on.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { declassifyCallProblem } from "../analysis/declassify-reason.js";
import { isDeclassifyCall } from "./declassify-calls.js";
import {
  CHECK_MESSAGES,
  DECLASSIFY_REASON_RULE_ID,
  fillMessage,
  locationOf,
  type DeclassifyReasonMessageId,
  type RuleProblem,
} from "./problems.js";
import { forEachNode, type NodeCheck } from "./node-walk.js";

const MESSAGE_ID = {
  missing: "missingJustification",
  empty: "emptyJustification",
  placeholder: "placeholderJustification",
  nonLiteral: "nonLiteralJustification",
} as const satisfies Record<string, DeclassifyReasonMessageId>;

/** The `declassify` calls in one file whose justification is missing, empty, a placeholder or not a literal. */
export function declassifyReasonProblems(file: TS.SourceFile): RuleProblem[] {
  const checker = declassifyReasonChecker(file);
  if (checker === undefined) return [];
  forEachNode(file, checker.check);
  return checker.problems;
}

/**
 * The check node by node, for a walk the caller shares with other checks (index.ts); undefined when the file
 * cannot call `declassify` (renamed imports name it too).
 */
export function declassifyReasonChecker(file: TS.SourceFile): NodeCheck<RuleProblem> | undefined {
  if (!file.text.includes("declassify")) return undefined;
  const problems: RuleProblem[] = [];
  const check = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && isDeclassifyCall(node)) {
      const problem = declassifyCallProblem(node);
      if (problem !== undefined) {
        const messageId = MESSAGE_ID[problem.kind];
        const spread = node.arguments.findIndex((argument) => ts.isSpreadElement(argument));
        const justification = spread !== -1 && spread <= 1 ? node.arguments[spread] : node.arguments[1];
        // Where the ESLint rule reports it: the callee when the text is missing, else the argument.
        const at = messageId === "missingJustification" ? node.expression : (justification ?? node);
        const data = { text: justification?.getText(file) ?? "" };
        problems.push({
          ruleId: DECLASSIFY_REASON_RULE_ID,
          messageId,
          message: fillMessage(CHECK_MESSAGES[messageId], data),
          location: locationOf(at, file),
        });
      }
    }
  };
  return { check, problems };
}
