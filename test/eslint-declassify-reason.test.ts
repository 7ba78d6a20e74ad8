// The shared justification check (src/analysis/declassify-reason.ts): the verdicts the ESLint rule and the CLI
// both rely on, and the compiler-node reader the CLI uses.
import ts from "typescript";
import { describe, expect, it } from "vitest";

import {
  classifyJustification,
  declassifyCallProblem,
  justificationOfTsExpression,
  justificationProblem,
  PLACEHOLDER_JUSTIFICATIONS,
} from "../src/analysis/declassify-reason.js";

describe("justificationProblem", () => {
  it.each([
    "sent to the SMS gateway for the one-time login code",
    "shown masked to the account owner",
    "Test accounts only: the number is a fixture", // starts with a placeholder word, but says something
    "OK'd by legal in SEC-142: support callback number",
  ])("accepts %j", (text) => {
    expect(justificationProblem(text)).toBeUndefined();
  });

  it("asks for a justification when there is none", () => {
    expect(justificationProblem(undefined)).toMatch(/required/);
    expect(classifyJustification(undefined)?.kind).toBe("missing");
  });

  it.each(["", "   ", "\t\n", "…", "...", "?!"])("calls %j empty", (text) => {
    expect(classifyJustification(text)?.kind).toBe("empty");
  });

  it.each([
    ...PLACEHOLDER_JUSTIFICATIONS,
    ...PLACEHOLDER_JUSTIFICATIONS.map((text) => text.toUpperCase()),
    " todo ",
    "TODO.",
    "(none)",
    "N/A!",
    "'ok'",
    "- ",
    "TODO: explain why",
    "fixme later",
    "tbd - ask legal",
  ])("calls %j a placeholder", (text) => {
    expect(classifyJustification(text)?.kind).toBe("placeholder");
    expect(justificationProblem(text)).toContain("placeholder");
  });
});

function firstCall(code: string): ts.CallExpression {
  const file = ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, true);
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found === undefined && ts.isCallExpression(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (found === undefined) throw new Error("no call in test code");
  return found;
}

describe("justificationOfTsExpression (the CLI's reader)", () => {
  it.each([
    ['declassify(p, "sent to the SMS gateway")', "sent to the SMS gateway"],
    ["declassify(p, `shown to the owner`)", "shown to the owner"],
    ['declassify(p, "shown to " + "the owner")', "shown to the owner"],
    ['declassify(p, ("shown to the owner"))', "shown to the owner"],
  ])("reads %s as a literal", (code, text) => {
    expect(justificationOfTsExpression(firstCall(code).arguments[1])).toEqual({ kind: "literal", text });
    expect(declassifyCallProblem(firstCall(code))).toBeUndefined();
  });

  it.each(["declassify(p, reason)", "declassify(p, `by ${who}`)", 'declassify(p, "a" + reason)', "declassify(...args)"])(
    "reads %s as not a literal",
    (code) => {
      expect(declassifyCallProblem(firstCall(code))?.kind).toBe("nonLiteral");
    },
  );

  it("reports a missing or placeholder justification the same way as the rule", () => {
    expect(declassifyCallProblem(firstCall("declassify(p)"))?.kind).toBe("missing");
    expect(declassifyCallProblem(firstCall('declassify(p, "ok")'))?.kind).toBe("placeholder");
  });
});
