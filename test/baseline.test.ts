/**
 * Baselines: the file format (sorted, stable, version 1), reading errors (exit 2), and the CLI flags
 * --baseline / --update-baseline with exit codes following new violations only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../src/analysis/findings.js";
import { createBaseline, filterByBaseline, readBaseline, serializeBaseline } from "../src/baseline.js";
import { runCli } from "../src/cli.js";
import { UsageError } from "../src/errors.js";
import type { JsonReport } from "../src/report/json.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-baseline-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd: REPO,
    env: {},
    stdoutIsTTY: false,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

function finding(fingerprint: string, file: string, field = "User.twoFactorPhone"): Finding {
  const location = { file, line: 1, column: 1, endLine: 1, endColumn: 2 };
  return {
    ruleId: "purpose/no-security-contact-leak",
    message: "m",
    source: { field, location },
    sink: { callee: "track", purpose: "analytics", argumentIndex: 0, origin: "jsdoc", location },
    trace: [],
    fingerprint,
  };
}

describe("baseline file", () => {
  it("is sorted, deduplicated, relative to its own directory, and byte-stable", () => {
    const file = path.join(TMP, "sub", "b.json");
    const a = finding("bbb", path.join(TMP, "src", "x.ts"));
    const b = finding("aaa", path.join(TMP, "sub", "y.ts"), "User.recoveryEmail");
    const one = serializeBaseline(createBaseline([a, b, a], file));
    const two = serializeBaseline(createBaseline([b, a], file));
    expect(one).toBe(two);
    expect(one.endsWith("}\n")).toBe(true);
    expect(JSON.parse(one)).toEqual({
      version: 2,
      fingerprints: [
        { fingerprint: "aaa", rule: "purpose/no-security-contact-leak", file: "y.ts", source: "User.recoveryEmail", sink: "track (analytics)" },
        { fingerprint: "bbb", rule: "purpose/no-security-contact-leak", file: "../src/x.ts", source: "User.twoFactorPhone", sink: "track (analytics)" },
      ],
    });
  });

  it("splits findings into new, known and stale", () => {
    const baseline = createBaseline([finding("aaa", "/x.ts"), finding("gone", "/x.ts")], "/b.json");
    const split = filterByBaseline([finding("aaa", "/x.ts"), finding("new", "/x.ts")], baseline);
    expect(split.fresh.map((f) => f.fingerprint)).toEqual(["new"]);
    expect(split.known.map((f) => f.fingerprint)).toEqual(["aaa"]);
    expect(split.stale.map((e) => e.fingerprint)).toEqual(["gone"]);
  });

  it.each([
    ["missing", undefined, /file not found/],
    ["not JSON", "{", /not valid JSON/],
    ["future version", `{"version":3,"fingerprints":[]}`, /"version" must be 2/],
    ["version-1 (earlier fingerprints)", `{"version":1,"fingerprints":[]}`, /written by an earlier purpose-lint.*--update-baseline/],
    ["no array", `{"version":2}`, /"fingerprints" must be an array/],
    ["bad entry", `{"version":2,"fingerprints":[{"rule":"x"}]}`, /fingerprints\[0\]/],
  ])("rejects a %s baseline with a usage error", (_name, text, message) => {
    const file = path.join(TMP, `bad-${String(Math.random()).slice(2)}.json`);
    if (text !== undefined) fs.writeFileSync(file, text);
    expect(() => readBaseline(file, "b.json")).toThrow(UsageError);
    expect(() => readBaseline(file, "b.json")).toThrow(message);
  });
});

describe("--baseline and --update-baseline", () => {
  const project = "fixtures/cli-inputs/leak/tsconfig.json";
  const baselineFile = path.join(TMP, "purpose-lint.baseline.json");

  it("--update-baseline writes the baseline (missing file is fine) and exits 0", async () => {
    const result = await run(["--project", project, "--baseline", baselineFile, "--update-baseline"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("wrote 1 fingerprint");
    const written = readBaseline(baselineFile);
    expect(written.fingerprints).toHaveLength(1);
    expect(written.fingerprints[0]?.source).toBe("User.twoFactorPhone");
    const again = fs.readFileSync(baselineFile, "utf8");
    await run(["--project", project, "--baseline", baselineFile, "--update-baseline"]);
    expect(fs.readFileSync(baselineFile, "utf8")).toBe(again);
  });

  it("reports only violations not in the baseline; the exit code follows them", async () => {
    const known = await run(["--project", project, "--baseline", baselineFile, "--format", "json"]);
    expect(known.code).toBe(0);
    expect((JSON.parse(known.stdout) as JsonReport).findings).toEqual([]);
    expect(known.stderr).toContain("1 known violation in the baseline not reported");

    const empty = path.join(TMP, "empty.json");
    fs.writeFileSync(empty, `{ "version": 2, "fingerprints": [] }\n`);
    const fresh = await run(["--project", project, "--baseline", empty, "--format", "json"]);
    expect(fresh.code).toBe(1);
    expect((JSON.parse(fresh.stdout) as JsonReport).findings).toHaveLength(1);
  });

  it("exits 2 with one line for a missing or malformed baseline", async () => {
    const missing = await run(["--project", project, "--baseline", path.join(TMP, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^purpose-lint: --baseline .*nope\.json: file not found/);
    const bad = path.join(TMP, "bad.json");
    fs.writeFileSync(bad, "[]");
    const malformed = await run(["--project", project, "--baseline", bad]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(malformed.stderr).toContain("not a purpose-lint baseline");
  });
});
