/**
 * `purpose/no-brand-cast`: the `SecurityContact` brand is how code says "collected for account security". An
 * assertion (`phone as string`, `<string>phone`, `user as unknown as PlainUser`) or an `any` annotation removes
 * that label without review, and a value read through the unlabelled type is no longer a source for the
 * engine. `declassify(value, "reason")` is the reviewed way; this rule points every other one at it.
 *
 * Plain widening is not a cast: passing a branded value to a `string` parameter or writing
 * `const s: string = phone` keeps the flow visible to the engine and is not reported.
 */

import { ASTUtils, AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type TS from "typescript";

import ts from "../src/typescript.js";
import { brandPath, declaredAsBranded, isBrandedType, typeAtPath } from "./brand-type.js";
import { createRule } from "./create-rule.js";
import { DECLASSIFY, isInsideDeclassify } from "./declassify-call.js";
import { projectProgram } from "./project-program.js";
import type { ProjectProgram } from "./project-program.js";

export type MessageIds = "brandCast" | "brandAnnotation" | "suggestDeclassify";

type Assertion = TSESTree.TSAsExpression | TSESTree.TSTypeAssertion;

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
      brandCast:
        "This assertion removes the SecurityContact brand{{where}} without review; use declassify(value, \"why this flow is allowed\").",
      brandAnnotation:
        "Typing this as `any` removes the SecurityContact brand{{where}} without review; use declassify(value, \"why this flow is allowed\").",
      suggestDeclassify: "Replace with declassify(value, \"…\") and write the reason.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const sourceCode = context.sourceCode;
    // Looked up on the first assertion or `any` annotation: most files have none.
    let typed: { project: ProjectProgram; checker: TS.TypeChecker } | null | undefined;
    function typedProject(): { project: ProjectProgram; checker: TS.TypeChecker } | null {
      if (typed === undefined) {
        const project = projectProgram(services, sourceCode.ast, sourceCode.text);
        typed = project === undefined ? null : { project, checker: project.program.getTypeChecker() };
      }
      return typed;
    }

    /** Where the brand sits in the expression's type (see `brandPath`), or undefined. */
    function brandPathOf(expression: TSESTree.Node): string | undefined {
      const types = typedProject();
      const tsNode = types?.project.tsNodeOf(expression);
      if (types === null || tsNode === undefined) return undefined;
      const { project, checker } = types;
      const path = brandPath(checker.getTypeAtLocation(tsNode), checker, project.program);
      return path ?? (declaredAsBranded(tsNode, checker) ? "" : undefined);
    }

    function checkAssertion(node: Assertion): void {
      // Cheap syntax filters before any type query.
      if (isAssertion(node.parent) && node.parent.expression === node) return; // judged as part of the outer chain
      if (isConstAssertion(node)) return;
      let operand: TSESTree.Expression = node.expression;
      while (isAssertion(operand)) operand = operand.expression;
      if (isObviouslyUnbranded(operand)) return;
      if (isInsideDeclassify(node, sourceCode)) return;

      const path = brandPathOf(operand);
      if (path === undefined) return;
      const types = typedProject();
      const outer = types?.project.tsNodeOf(node);
      if (types === null || outer === undefined) return;
      const { checker } = types;
      let target = checker.getTypeAtLocation(outer);
      if (target.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
        // `const s: SecurityContact<string> = x as any` keeps the brand where the value lands; judge the
        // destination (an annotation, a parameter) rather than the `any` in between.
        const contextual = checker.getContextualType(outer as TS.Expression); // the assertion's own node
        if (contextual !== undefined && !(contextual.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) {
          target = contextual;
        }
      }
      const landed = typeAtPath(target, path, checker);
      // A target that does not mention the member at all is an upcast (`user as { id: string }`), the same as
      // plain widening: the value keeps its branded member and the engine still sees reads of it.
      if (landed === undefined || isBrandedType(landed, checker)) return;
      context.report({
        node,
        messageId: "brandCast",
        data: { where: describePath(path) },
        suggest: path === "" ? [declassifySuggestion(node, operand)] : [],
      });
    }

    function checkAnyAnnotation(annotation: TSESTree.TypeNode, init: TSESTree.Expression | null | undefined): void {
      if (annotation.type !== AST_NODE_TYPES.TSAnyKeyword || init == null) return;
      if (isObviouslyUnbranded(init) || isAssertion(init)) return; // assertions are judged by checkAssertion
      if (isInsideDeclassify(init, sourceCode)) return;
      const path = brandPathOf(init);
      if (path === undefined) return;
      context.report({
        node: annotation,
        messageId: "brandAnnotation",
        data: { where: describePath(path) },
        suggest: path === "" ? [declassifySuggestion(init, init)] : [],
      });
    }

    function declassifySuggestion(
      replaced: TSESTree.Node,
      value: TSESTree.Expression,
    ): TSESLint.SuggestionReportDescriptor<MessageIds> {
      return {
        messageId: "suggestDeclassify",
        fix(fixer) {
          const valueText = sourceCode.getText(value);
          const argument = value.type === AST_NODE_TYPES.SequenceExpression ? `(${valueText})` : valueText;
          const fixes = [
            fixer.replaceText(replaced, `${DECLASSIFY}(${argument}, ${JSON.stringify(SUGGESTED_JUSTIFICATION)})`),
          ];
          if (ASTUtils.findVariable(sourceCode.getScope(replaced), DECLASSIFY) === null) {
            const importText = `import { ${DECLASSIFY} } from "purpose-lint";`;
            const body = sourceCode.ast.body;
            const lastImport = body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration).pop();
            if (lastImport !== undefined) fixes.push(fixer.insertTextAfter(lastImport, `\n${importText}`));
            else if (body[0] !== undefined) fixes.push(fixer.insertTextBefore(body[0], `${importText}\n`));
          }
          return fixes;
        },
      };
    }

    return {
      TSAsExpression: checkAssertion,
      TSTypeAssertion: checkAssertion,
      VariableDeclarator(node): void {
        if (node.id.typeAnnotation) checkAnyAnnotation(node.id.typeAnnotation.typeAnnotation, node.init);
      },
      AssignmentPattern(node): void {
        // Parameter and destructuring defaults: `function f(p: any = phone)`.
        if (node.left.type === AST_NODE_TYPES.Identifier && node.left.typeAnnotation) {
          checkAnyAnnotation(node.left.typeAnnotation.typeAnnotation, node.right);
        }
      },
      PropertyDefinition(node): void {
        if (node.typeAnnotation) checkAnyAnnotation(node.typeAnnotation.typeAnnotation, node.value);
      },
    };
  },
});

function isAssertion(node: TSESTree.Node | undefined): node is Assertion {
  return node?.type === AST_NODE_TYPES.TSAsExpression || node?.type === AST_NODE_TYPES.TSTypeAssertion;
}

function isConstAssertion(node: Assertion): boolean {
  const type = node.typeAnnotation;
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    type.typeName.name === "const"
  );
}

/** Expressions whose type cannot carry a brand, decided without the checker. */
function isObviouslyUnbranded(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.UnaryExpression: // typeof, !, -, void, delete: never a branded result
    case AST_NODE_TYPES.BinaryExpression: // comparisons, arithmetic and `+` yield unbranded primitives
      return true;
    default:
      return false;
  }
}

function describePath(path: string): string {
  return path === "" ? "" : ` at \`${path.replace(/^\./, "")}\``;
}
