/**
 * The one definition of a "real" `declassify(value, justification)` justification, shared by the ESLint rule
 * `purpose/declassify-needs-reason` (which reads ESTree) and the CLI (which reads compiler nodes), so both front
 * ends accept and reject exactly the same texts.
 *
 * A justification is for the reviewer who reads the audit trail: "sent to the SMS gateway for the login code"
 * explains a flow, "ok" does not. This module only judges text; finding the text is each front end's job
 * (`justificationOfTsExpression` below does it for compiler nodes).
 */

import type TS from "typescript";
import ts from "../typescript.js";

/**
 * Texts that say nothing, compared after trimming, lower-casing and removing surrounding punctuation
 * (so `"TODO."`, `"(n/a)"` and `" - "` all match).
 */
export const PLACEHOLDER_JUSTIFICATIONS: readonly string[] = [
  "todo",
  "tbd",
  "n/a",
  "na",
  "ok",
  "fixme",
  "xxx",
  "-",
  "none",
  "test",
];

/** Markers that turn any justification into a placeholder when it starts with one ("TODO: explain"). */
const PLACEHOLDER_PREFIXES: readonly string[] = ["todo", "tbd", "fixme", "xxx"];

/** Why a justification is not good enough. */
export type JustificationProblemKind = "missing" | "empty" | "placeholder" | "nonLiteral";

export interface JustificationProblem {
  kind: JustificationProblemKind;
  /** One line for the user, without the leading "declassify():" (each front end adds its own context). */
  message: string;
}

/** The message for a justification that is not a string literal, e.g. a variable. */
export const NON_LITERAL_JUSTIFICATION_MESSAGE = "the justification must be a string literal a reviewer can read";

const ADVICE = "say why this flow is allowed";

// Leading / trailing punctuation and symbols (Unicode-aware, so "…" and "—" count), and whitespace.
const SURROUNDING_NOISE = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/**
 * Classifies a justification text: `undefined` when it is fine, otherwise what is wrong with it.
 * `text === undefined` means the argument is absent.
 */
export function classifyJustification(text: string | undefined): JustificationProblem | undefined {
  if (text === undefined) {
    return { kind: "missing", message: `a justification is required: ${ADVICE}` };
  }
  const trimmed = text.trim().toLowerCase();
  // Compare both the trimmed text (so "-" and "n/a" match as written) and the text without surrounding
  // punctuation (so "TODO!" and "(none)" match too).
  const bare = trimmed.replace(SURROUNDING_NOISE, "");
  if (bare === "" && !PLACEHOLDER_JUSTIFICATIONS.includes(trimmed)) {
    return { kind: "empty", message: `the justification is empty: ${ADVICE}` };
  }
  const firstWord = /^[\p{L}\p{N}]+/u.exec(bare)?.[0];
  if (
    PLACEHOLDER_JUSTIFICATIONS.includes(trimmed) ||
    PLACEHOLDER_JUSTIFICATIONS.includes(bare) ||
    (firstWord !== undefined && PLACEHOLDER_PREFIXES.includes(firstWord))
  ) {
    return { kind: "placeholder", message: `the justification ${JSON.stringify(text.trim())} is a placeholder: ${ADVICE}` };
  }
  return undefined;
}

/**
 * The shared placeholder check: `undefined` when `text` is a real justification, otherwise a one-line
 * description of the problem. `undefined` input means the justification argument is missing.
 */
export function justificationProblem(text: string | undefined): string | undefined {
  return classifyJustification(text)?.message;
}

/** What a front end found in the justification position of a `declassify` call. */
export type JustificationArgument =
  | { kind: "missing" }
  | { kind: "literal"; text: string }
  | { kind: "nonLiteral" };

/**
 * Reads the justification argument from compiler nodes (for the CLI): string literals, template literals
 * without substitutions, and `+` concatenations of those count as literal; anything else does not.
 */
export function justificationOfTsExpression(expression: TS.Expression | undefined): JustificationArgument {
  if (expression === undefined) return { kind: "missing" };
  if (ts.isSpreadElement(expression)) return { kind: "nonLiteral" };
  const text = staticTsString(expression);
  return text === undefined ? { kind: "nonLiteral" } : { kind: "literal", text };
}

/** The problem with a `declassify(value, justification)` call's justification, from compiler nodes. */
export function declassifyCallProblem(call: TS.CallExpression): JustificationProblem | undefined {
  // `declassify(...args)`: the text may be in there, but no reviewer can read it (the ESLint rule agrees).
  const spread = call.arguments.findIndex((argument) => ts.isSpreadElement(argument));
  if (spread !== -1 && spread <= 1) return problemOfArgument({ kind: "nonLiteral" });
  return problemOfArgument(justificationOfTsExpression(call.arguments[1]));
}

/** Maps what a front end found to the shared verdict. */
export function problemOfArgument(argument: JustificationArgument): JustificationProblem | undefined {
  switch (argument.kind) {
    case "missing":
      return classifyJustification(undefined);
    case "nonLiteral":
      return { kind: "nonLiteral", message: NON_LITERAL_JUSTIFICATION_MESSAGE };
    case "literal":
      return classifyJustification(argument.text);
  }
}

function staticTsString(node: TS.Expression): string | undefined {
  if (ts.isParenthesizedExpression(node)) return staticTsString(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticTsString(node.left);
    const right = left === undefined ? undefined : staticTsString(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}
