/**
 * SARIF that code scanning uses fully (issue 11, item 5): every log purpose-lint writes validates against the
 * SARIF 2.1.0 schema (test/schemas/), and carries what GitHub code scanning reads — rule kinds and severities,
 * the CWE tag, automationDetails, artifacts, message links to related locations, in-source suppressions with
 * their justification, and URIs relative to the repository root.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { Ajv } from "ajv";
import type { Log, Result } from "sarif";
import { afterAll, describe, expect, it } from "vitest";

import { runCli } from "../src/cli.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(REPO, "fixtures");

/** The vendored draft-04 schema, read by ajv 8: `id` is spelled `$id` there, and the draft's own URI is dropped. */
function sarifValidator(): (log: unknown) => string[] {
  const schema = JSON.parse(readFileSync(path.join(REPO, "test", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8")) as Record<string, unknown>;
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: false, // the schema's language pattern is not valid with the u flag
    formats: {
      uri: (text: string) => URL.canParse(text),
      "uri-reference": (text: string) => URL.canParse(text, "file:///base/"),
      "date-time": (text: string) => !Number.isNaN(Date.parse(text)),
    },
  });
  const validate = ajv.compile({ ...rest, $id: String(id) });
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`));
}

const validate = sarifValidator();
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function sarifOf(project: string, cwd: string): Promise<{ code: number; log: Log; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--project", project, "--format", "sarif"], {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdoutIsTTY: false,
    env: {},
  });
  return { code, log: JSON.parse(stdout) as Log, stderr };
}

function resultsOf(log: Log): Result[] {
  return log.runs[0]?.results ?? [];
}

describe("SARIF from the CLI", () => {
  it("checks against a schema that rejects what SARIF forbids", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }).length).toBeGreaterThan(0);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: {}, level: "fatal" }] }] }).length).toBeGreaterThan(0);
  });

  it("is valid SARIF 2.1.0 with every rule, kinds, severities and the CWE tag, and no links to missing pages", async () => {
    const { log } = await sarifOf("tsconfig.json", path.join(FIXTURES, "other-rules", "brand-casts"));
    expect(validate(log)).toEqual([]);
    const run = log.runs[0];
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((rule) => [rule.id, rule.properties?.["kind"], rule.properties?.["problem.severity"]])).toEqual([
      ["purpose/no-security-contact-leak", "path-problem", "error"],
      ["purpose/no-brand-cast", "problem", "error"],
      ["purpose/declassify-needs-reason", "problem", "error"],
    ]);
    expect(rules[0]?.properties?.tags).toContain("external/cwe/cwe-359");
    expect(JSON.stringify(log)).not.toMatch(/helpUri|informationUri|npmjs\.com|github\.com\/purpose-lint/);
    // Help is the rule's page shipped in the package.
    expect(rules[1]?.help?.markdown).toBe(readFileSync(path.join(REPO, "rules", "no-brand-cast.md"), "utf8"));
    expect(resultsOf(log).map((r) => r.ruleId)).toEqual(["purpose/no-brand-cast", "purpose/no-brand-cast"]);
  });

  it("maps URIs to the repository root, lists artifacts once, and names the run by its project", async () => {
    const dir = path.join(FIXTURES, "suppressions", "eslint-directives");
    const { log } = await sarifOf("tsconfig.json", dir);
    expect(validate(log)).toEqual([]);
    const run = log.runs[0];
    // Run from the fixture's directory, inside this repository (a worktree's .git is a file): still repo-relative.
    expect(run?.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(REPO).href}/`);
    expect(run?.automationDetails?.id).toBe("purpose-lint/fixtures/suppressions/eslint-directives/");
    const uris = (run?.artifacts ?? []).map((artifact) => artifact.location?.uri);
    expect(uris).toContain("fixtures/suppressions/eslint-directives/app.ts");
    expect(new Set(uris).size).toBe(uris.length);
    for (const result of resultsOf(log)) {
      for (const location of result.locations ?? []) {
        const artifact = location.physicalLocation?.artifactLocation;
        expect(artifact?.uriBaseId).toBe("%SRCROOT%");
        expect(run?.artifacts?.[artifact?.index ?? -1]?.location?.uri).toBe(artifact?.uri);
      }
    }
  });

  it("reports silenced results with inSource suppressions and the comment's reason, and links related locations", async () => {
    const { log } = await sarifOf("tsconfig.json", path.join(FIXTURES, "suppressions", "eslint-directives"));
    const results = resultsOf(log);
    const open = results.filter((r) => r.suppressions === undefined);
    const silenced = results.filter((r) => r.suppressions !== undefined);
    expect(open.map((r) => r.locations?.[0]?.physicalLocation?.region?.startLine)).toEqual([32, 34]);
    expect(silenced.map((r) => [r.ruleId, r.locations?.[0]?.physicalLocation?.region?.startLine, r.suppressions?.[0]?.justification])).toEqual([
      ["purpose/no-security-contact-leak", 18, "legal approved the fraud-signal upload (SEC-142)"],
      ["purpose/no-security-contact-leak", 19, undefined],
      ["purpose/no-security-contact-leak", 21, "migration window, SEC-150"],
      ["purpose/no-security-contact-leak", 22, "migration window, SEC-150"],
      ["purpose/no-brand-cast", 24, "reviewed in SEC-151"],
    ]);
    for (const r of silenced) expect(r.suppressions?.[0]?.kind).toBe("inSource");
    // Every [text](id) link in a message names a related location of that result.
    for (const r of results) {
      const ids = [...(r.message.text ?? "").matchAll(/(?<!\\)\[[^\]]*\]\((\d+)\)/g)].map((m) => Number(m[1]));
      if (r.ruleId === "purpose/no-security-contact-leak") expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(r.relatedLocations?.some((related) => related.id === id)).toBe(true);
    }
  });

  it("uses the working directory as the root outside any repository", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "purpose-lint-sarif-"));
    scratch.push(dir);
    mkdirSync(path.join(dir, "src"));
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: "ESNext", moduleResolution: "Bundler", types: [], paths: { "purpose-lint": [path.join(REPO, "runtime", "security-contact.ts")] } },
        include: ["src"],
      }),
    );
    writeFileSync(
      path.join(dir, "src", "app.ts"),
      'import type { SecurityContact } from "purpose-lint";\n/** @sink analytics */\nexport function track(p: string): void { void p; }\nexport function f(phone: SecurityContact<string>): void {\n  track(phone);\n}\n',
    );
    const { code, log } = await sarifOf("tsconfig.json", dir);
    expect(code).toBe(1);
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]?.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(dir).href}/`);
    expect(log.runs[0]?.automationDetails?.id).toBe("purpose-lint/");
    expect(resultsOf(log)[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("src/app.ts");
  });
});
