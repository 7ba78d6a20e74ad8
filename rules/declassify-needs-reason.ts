/**
 * `purpose/declassify-needs-reason`: `declassify(value, justification)` is the one reviewed exit from the
 * `SecurityContact` purpose, and the justification is what the reviewer reads in the audit. An empty or
 * placeholder text ("ok", "todo") turns the review into a rubber stamp, and a variable hides the text from the
 * reader of the diff. The verdict on a text is shared with the CLI (src/analysis/declassify-reason.ts).
 *
 * Syntax and scope only: this rule works without type information.
 */

import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import type { TSESTree } from "@typescript-eslint/utils";

import { problemOfArgument } from "../src/analysis/declassify-reason.js";
import type { JustificationArgument } from "../src/analysis/declassify-reason.js";
import { createRule } from "./create-rule.js";
import { isDeclassifyCall } from "./declassify-call.js";
import { isOutsideProject } from "./parser.js";

export type MessageIds = "missingJustification" | "emptyJustification" | "placeholderJustification" | "nonLiteralJustification";

export default createRule<[], MessageIds>({
  name: "declassify-needs-reason",
  meta: {
    type: "problem",
    docs: {
      description: "Require declassify() calls to carry a real, literal justification",
      recommended: true,
      requiresTypeChecking: false,
    },
    messages: {
      missingJustification: "declassify() needs a justification: say why this flow is allowed.",
      emptyJustification: "The declassify() justification is empty: say why this flow is allowed.",
      placeholderJustification: "The declassify() justification {{text}} is a placeholder: say why this flow is allowed.",
      nonLiteralJustification: "The declassify() justification must be a string literal a reviewer can read.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    // JavaScript no tsconfig includes (rules/parser.ts): the CLI does not check it either.
    if (isOutsideProject(sourceCode.parserServices)) return {};
    return {
      CallExpression(node): void {
        if (!isDeclassifyCall(node, sourceCode)) return;
        const spread = node.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
        // `declassify(...args)`: the text may be in there, but no reviewer can read it.
        const justification = spread !== -1 && spread <= 1 ? node.arguments[spread] : node.arguments[1];
        const problem = problemOfArgument(justificationOf(justification));
        if (problem === undefined) return;
        switch (problem.kind) {
          case "missing":
            context.report({ node: node.callee, messageId: "missingJustification" });
            return;
          case "empty":
            context.report({ node: justification ?? node, messageId: "emptyJustification" });
            return;
          case "placeholder":
            context.report({
              node: justification ?? node,
              messageId: "placeholderJustification",
              data: { text: sourceCode.getText(justification ?? node) },
            });
            return;
          case "nonLiteral":
            context.report({ node: justification ?? node, messageId: "nonLiteralJustification" });
            return;
        }
      },
    };
  },
});

/** What sits in the justification position, read the same way as the CLI reads compiler nodes. */
function justificationOf(node: TSESTree.CallExpressionArgument | undefined): JustificationArgument {
  if (node === undefined) return { kind: "missing" };
  const text = node.type === AST_NODE_TYPES.SpreadElement ? undefined : staticString(node);
  return text === undefined ? { kind: "nonLiteral" } : { kind: "literal", text };
}

/** String literals, template literals without substitutions, and `+` concatenations of those. */
function staticString(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === "string" ? node.value : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0 ? node.quasis.map((quasi) => quasi.value.cooked ?? "").join("") : undefined;
    case AST_NODE_TYPES.BinaryExpression: {
      if (node.operator !== "+") return undefined;
      const left = staticString(node.left);
      const right = left === undefined ? undefined : staticString(node.right);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    default:
      return undefined;
  }
}
