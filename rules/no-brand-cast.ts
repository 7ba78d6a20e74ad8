/**
 * `purpose/no-brand-cast`: the `SecurityContact` brand is how code says "collected for account security". An
 * assertion (`phone as string`, `<string>phone`, `user as unknown as PlainUser`) or an `any` annotation removes
 * that label without review, and a value read through the unlabelled type is no longer a source for the
 * engine. `declassify(value, "reason")` is the reviewed way; this rule points every other one at it.
 *
 * A thin adapter: the problems come from src/checks/brand-casts.ts, which the CLI runs over the whole program,
 * so CI and the editor report the same casts. This file adds the `declassify` rewrite as a suggestion.
 */

import { ASTUtils, AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type TS from "typescript";

import { brandCastProblems, type BrandCastProblem } from "../src/checks/brand-casts.js";
import { DECLASSIFY } from "../src/checks/declassify-calls.js";
import { CHECK_MESSAGES } from "../src/checks/problems.js";
import ts from "../src/typescript.js";
import { createRule } from "./create-rule.js";
import { projectProgram } from "./project-program.js";

export type MessageIds = "brandCast" | "brandAnnotation" | "suggestDeclassify";

/** The justification the suggestion writes: deliberately empty, so `declassify-needs-reason` asks for a real one. */
export const SUGGESTED_JUSTIFICATION = "…";

export default createRule<[], MessageIds>({
  name: "no-brand-cast",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow type assertions and `any` annotations that strip the SecurityContact brand outside declassify",
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      brandCast: CHECK_MESSAGES.brandCast,
      brandAnnotation: CHECK_MESSAGES.brandAnnotation,
      suggestDeclassify: "Replace with declassify(value, \"…\") and write the reason.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context, true);
    const sourceCode = context.sourceCode;

    function declassifySuggestion(problem: BrandCastProblem, file: TS.SourceFile): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (problem.rewrite === undefined) return [];
      const { replaced, value } = problem.rewrite;
      return [
        {
          messageId: "suggestDeclassify",
          fix(fixer) {
            const valueText = value.getText(file);
            const isSequence = ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.CommaToken;
            const argument = isSequence ? `(${valueText})` : valueText;
            const range: [number, number] = [replaced.getStart(file), replaced.end];
            const fixes = [fixer.replaceTextRange(range, `${DECLASSIFY}(${argument}, ${JSON.stringify(SUGGESTED_JUSTIFICATION)})`)];
            const inScope = sourceCode.getNodeByRangeIndex(range[0]) ?? sourceCode.ast;
            if (ASTUtils.findVariable(sourceCode.getScope(inScope), DECLASSIFY) === null) {
              const importText = `import { ${DECLASSIFY} } from "purpose-lint";`;
              const body = sourceCode.ast.body;
              const lastImport = body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration).pop();
              if (lastImport !== undefined) fixes.push(fixer.insertTextAfter(lastImport, `\n${importText}`));
              else if (body[0] !== undefined) fixes.push(fixer.insertTextBefore(body[0], `${importText}\n`));
            }
            return fixes;
          },
        },
      ];
    }

    return {
      Program(node: TSESTree.Program): void {
        // A file parsed without type information (JavaScript no tsconfig includes, see rules/parser.ts) is not
        // part of the program the CLI analyses: nothing to report.
        if (services.program == null) return;
        const project = projectProgram(services, node, sourceCode.text);
        if (project === undefined) return;
        for (const problem of brandCastProblems(project.sourceFile, project.program)) {
          const start = problem.node.getStart(project.sourceFile);
          context.report({
            loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(problem.node.end) },
            messageId: problem.messageId,
            data: problem.data,
            suggest: declassifySuggestion(problem, project.sourceFile),
          });
        }
      },
    };
  },
});
