/**
 * `purpose/no-brand-cast` on compiler nodes: an assertion (`phone as string`, `<string>phone`,
 * `user as unknown as PlainUser`) or an `any` annotation that removes the `SecurityContact` brand outside
 * `declassify`. A value read through the unlabelled type is no longer a source for the engine, so this is a leak
 * the leak rule cannot see. The CLI runs it over every first-party file; the ESLint rule reports its problems for
 * the linted file (and offers the `declassify` rewrite as a suggestion).
 *
 * Plain widening is not a cast: passing a branded value to a `string` parameter or writing
 * `const s: string = phone` keeps the flow visible to the engine and is not reported.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { brandPath, declaredAsBranded, isBrandedType, typeAtPath } from "./brand-type.js";
import { isInsideDeclassify } from "./declassify-calls.js";
import { BRAND_CAST_RULE_ID, CHECK_MESSAGES, fillMessage, locationOf, type BrandCastMessageId, type RuleProblem } from "./problems.js";
import { forEachNode, type NodeCheck } from "./node-walk.js";

/** A brand-cast problem with the nodes a front end needs to offer the `declassify` rewrite. */
export interface BrandCastProblem extends RuleProblem {
  messageId: BrandCastMessageId;
  data: { where: string };
  /** The node reported. */
  node: TS.Node;
  /** When the whole value is branded: what `declassify(value, "…")` replaces, and the value. */
  rewrite?: { replaced: TS.Node; value: TS.Expression };
}

/** The brand casts in one file of `program`. */
export function brandCastProblems(file: TS.SourceFile, program: TS.Program): BrandCastProblem[] {
  const { check, problems } = brandCastChecker(file, program);
  forEachNode(file, check);
  return problems;
}

/** The check node by node, for a walk the caller shares with other checks (index.ts). */
export function brandCastChecker(file: TS.SourceFile, program: TS.Program): NodeCheck<BrandCastProblem> {
  const checker = program.getTypeChecker();
  const problems: BrandCastProblem[] = [];

  /** Where the brand sits in the expression's type (see `brandPath`), or undefined. */
  const brandPathOf = (expression: TS.Expression): string | undefined =>
    brandPath(checker.getTypeAtLocation(expression), checker, program) ?? (declaredAsBranded(expression, checker) ? "" : undefined);

  const report = (messageId: BrandCastMessageId, node: TS.Node, path: string, rewrite: BrandCastProblem["rewrite"]): void => {
    const data = { where: describePath(path) };
    problems.push({
      ruleId: BRAND_CAST_RULE_ID,
      messageId,
      message: fillMessage(CHECK_MESSAGES[messageId], data),
      location: locationOf(node, file),
      data,
      node,
      ...(path === "" && rewrite !== undefined ? { rewrite } : {}),
    });
  };

  const checkAssertion = (node: TS.AsExpression | TS.TypeAssertion): void => {
    // Cheap syntax filters before any type query; the outermost assertion of a chain is judged.
    if (isAssertion(skipParenthesesUp(node))) return;
    if (isConstAssertion(node)) return;
    let operand = skipParentheses(node.expression);
    while (isAssertion(operand)) operand = skipParentheses(operand.expression);
    if (isObviouslyUnbranded(operand) || isInsideDeclassify(node)) return;
    const path = brandPathOf(operand);
    if (path === undefined) return;
    let target = checker.getTypeAtLocation(node);
    if (target.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      // `const s: SecurityContact<string> = x as any` keeps the brand where the value lands; judge the
      // destination (an annotation, a parameter) rather than the `any` in between.
      const contextual = checker.getContextualType(outermostParenthesis(node));
      if (contextual !== undefined && !(contextual.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) target = contextual;
    }
    const landed = typeAtPath(target, path, checker);
    // A target that does not mention the member at all is an upcast (`user as { id: string }`), the same as
    // plain widening: the value keeps its branded member and the engine still sees reads of it.
    if (landed === undefined || isBrandedType(landed, checker)) return;
    report("brandCast", node, path, { replaced: node, value: operand });
  };

  const checkAnyAnnotation = (annotation: TS.TypeNode | undefined, init: TS.Expression | undefined): void => {
    if (annotation?.kind !== ts.SyntaxKind.AnyKeyword || init === undefined) return;
    const value = skipParentheses(init);
    if (isObviouslyUnbranded(value) || isAssertion(value)) return; // assertions are judged on their own
    if (isInsideDeclassify(init)) return;
    const path = brandPathOf(value);
    if (path === undefined) return;
    report("brandAnnotation", annotation, path, { replaced: init, value: init });
  };

  const check = (node: TS.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) checkAssertion(node);
    else if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) checkAnyAnnotation(node.type, node.initializer);
    else if (ts.isParameter(node) && ts.isIdentifier(node.name)) checkAnyAnnotation(node.type, node.initializer);
  };
  return { check, problems };
}

function isAssertion(node: TS.Node | undefined): node is TS.AsExpression | TS.TypeAssertion {
  return node !== undefined && (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node));
}

function isConstAssertion(node: TS.AsExpression | TS.TypeAssertion): boolean {
  return ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) && node.type.typeName.text === "const";
}

function skipParentheses(node: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** The node above `node` and its parentheses, when it is the expression of it; undefined otherwise. */
function skipParenthesesUp(node: TS.Node): TS.Node | undefined {
  let child = node;
  let parent = node.parent as TS.Node | undefined;
  while (parent !== undefined && ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  return parent !== undefined && isAssertion(parent) && parent.expression === child ? parent : undefined;
}

function outermostParenthesis(node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  return current;
}

/** Expressions whose type cannot carry a brand, decided without the checker. */
function isObviouslyUnbranded(node: TS.Expression): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassExpression:
    case ts.SyntaxKind.PrefixUnaryExpression: // !, -, ++x: never a branded result
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
      return true;
    case ts.SyntaxKind.BinaryExpression: {
      // Comparisons, arithmetic and `+` yield unbranded primitives; assignments and `&&`/`||`/`??` pass a value on.
      const operator = (node as TS.BinaryExpression).operatorToken.kind;
      const passesOn =
        (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) ||
        operator === ts.SyntaxKind.AmpersandAmpersandToken ||
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken ||
        operator === ts.SyntaxKind.CommaToken;
      return !passesOn;
    }
    default:
      return false;
  }
}

function describePath(path: string): string {
  return path === "" ? "" : ` at \`${path.replace(/^\./, "")}\``;
}
