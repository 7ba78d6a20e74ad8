/**
 * Package summaries (issue 13, item 2; docs/monorepo.md): `--summary-out` writes what a package's exports do with
 * security contacts — parameters that reach sinks, returns that carry inputs or branded fields, the sinks it
 * defines — as deterministic bytes with a format version and a hash of the inputs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runIn } from "./bad-input-utils.js";

const ACME = path.join(REPO, "fixtures", "monorepo", "acme");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-summary-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function summarize(pkg: string, out: string): Promise<{ code: number; stderr: string; text: string }> {
  const file = path.join(TMP, out);
  const result = await runIn(ACME, ["--project", `${pkg}/tsconfig.json`, "--summary-out", file, "--format", "json"]);
  return { code: result.code, stderr: result.stderr, text: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "" };
}

describe("--summary-out", () => {
  it("says which parameters reach which sinks, which sinks the package defines, in the same bytes every run", async () => {
    const first = await summarize("packages/growth", "growth-1/summary.json");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(1); // the report is unchanged: retarget's leak
    const second = await summarize("packages/growth", "growth-2.json");
    expect(second.text).toBe(first.text);
    expect(first.text).not.toContain(REPO);
    const summary = JSON.parse(first.text) as Record<string, any>;
    expect(summary.format).toBe("purpose-lint/package-summary@1");
    expect(summary.package).toBe("@acme/growth");
    expect(summary.inputHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(summary.inputs.files)).toEqual(["../../../../../runtime/security-contact.ts", "../identity/src/index.ts", "src/index.ts"]);
    const exports = summary.exports["src/index.ts"];
    // Field-level: only the record's recoveryEmail reaches the sink, at the sink argument (26 characters long).
    expect(exports.retarget.reaches).toEqual([{ input: "0.recoveryEmail", sink: "uploadAudience", purpose: "advertising", origin: "jsdoc", argument: 1, at: "src/index.ts:17:30", length: 26, steps: [] }]);
    expect(exports.uploadAudience).toEqual({ kind: "function", parameters: ["audience", "identifiers"] });
    expect(summary.sinks).toEqual([
      { name: "subscribe", purpose: "marketing", at: "src/index.ts:11" },
      { name: "uploadAudience", purpose: "advertising", at: "src/index.ts:5" },
    ]);
    // Sorted keys at every level.
    expect(Object.keys(summary)).toEqual([...Object.keys(summary)].sort());
  });

  it("says what an export returns: its inputs, and the branded fields it reads itself", async () => {
    const { text, code } = await summarize("packages/identity", "identity.json");
    expect(code).toBe(0);
    const exports = JSON.parse(text).exports["src/index.ts"];
    expect(exports.securityPhone.returns).toMatchObject({ inputs: ["0.twoFactorPhone"], sources: ["User.twoFactorPhone"] });
    // The read is a source only while the caller's twoFactorPhone carries nothing (the engine's rule); its witness.
    const read = exports.securityPhone.returns.flows.find((flow: { source?: unknown }) => flow.source);
    expect(read.source).toEqual({ field: "User.twoFactorPhone", name: "twoFactorPhone", kind: "property", at: "src/index.ts:19:30", length: 14, unless: "0.twoFactorPhone" });
    expect(read.steps.map((step: { label: string }) => step.label)).toEqual(["read twoFactorPhone", "passed to normalizePhone", "passed through replace", "returned from normalizePhone"]);
    expect(exports.normalizePhone.returns).toMatchObject({ inputs: ["0"], sources: [] });
    expect(exports.hasSecurityPhone.returns).toBeUndefined(); // a boolean about the phone is not the phone
  });

  it("an unwritable --summary-out is one line and exit 2", async () => {
    fs.writeFileSync(path.join(TMP, "a-file"), "");
    const result = await runIn(ACME, ["--project", "packages/identity/tsconfig.json", "--summary-out", path.join(TMP, "a-file", "summary.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/--summary-out .*could not write the summary/);
  });
});
