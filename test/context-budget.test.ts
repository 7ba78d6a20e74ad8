/**
 * The per-function context budget grows with the program (src/analysis/summary-memo.ts, MAX_CONTEXTS_PER_FUNCTION):
 * a shared helper handed a new closure from more call sites than the fixed budget (10,000) is analysed in every one
 * of them: nothing is widened, so the run is complete (exit 0 or 1, not 2) and the flow in the last closure is
 * found. At a fixed budget the helper was widened past its 10,000th context ("passes its inputs on"), which this
 * test catches as a `widened` notification. The program is generated here, never committed.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeGenerated, expectedLines, writeGenerated } from "./generated-program.js";

const CALL_SITES = 10_050;

function source(): string {
  const lines = [
    'import type { SecurityContact } from "purpose-lint";',
    "interface User { id: string; twoFactorPhone: SecurityContact<string> }",
    "/** @sink analytics */",
    "export function track(value: unknown): void { void value; }",
    "const rows: User[] = [];",
    "export function findMany(predicate: (user: User) => boolean): User[] { return rows.filter(predicate); }",
  ];
  for (let i = 0; i < CALL_SITES; i++) lines.push(`export function feature${String(i)}(): User[] { return findMany((user) => user.id === "u${String(i)}"); }`);
  lines.push("export function last(): User[] {", "  return findMany((user) => {", "    track(user.twoFactorPhone); // expect-leak", "    return true;", "  });", "}");
  return `${lines.join("\n")}\n`;
}

describe("a helper called with a new closure from more than 10,000 places", () => {
  const dir = writeGenerated("purpose-lint-context-budget-", source());
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is analysed in every context: the flow in the last closure is found, nothing is widened", () => {
    const { result, lines } = analyzeGenerated(dir);
    expect(lines).toEqual(expectedLines(dir));
    expect(result.notifications.filter((n) => n.kind === "widened")).toEqual([]);
    expect(result.stats.contexts).toBeGreaterThan(CALL_SITES);
  });
});
