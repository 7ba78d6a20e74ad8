/**
 * The bad-input corpus (issue 9): every case is a directory under fixtures/cli-inputs/ with an `expect.json` —
 * the arguments, the exit code, what the one stderr line must say, and the findings that must survive (sink
 * argument `file:line`, relative to the case). Run in-process through runCli with `--format json`. The deep and
 * machine-specific cases (nesting, long chains, symlink loops, a full device) are generated here into a temp dir,
 * never committed: see test/bad-inputs-generated.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INPUTS, runCase, type CaseExpectation } from "./bad-input-utils.js";

const cases = fs
  .readdirSync(INPUTS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(INPUTS, entry.name, "expect.json")))
  .map((entry) => entry.name)
  .sort();

describe("bad-input corpus (fixtures/cli-inputs)", () => {
  it("has the cases issue 9 lists", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of cases) {
    const dir = path.join(INPUTS, name);
    const expectation = JSON.parse(fs.readFileSync(path.join(dir, "expect.json"), "utf8")) as CaseExpectation;
    it(`${name}: ${expectation.description}`, async () => {
      await runCase(dir, expectation);
    });
  }
});
