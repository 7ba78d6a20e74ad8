/**
 * Flow entries (issue 11, item 1) and the suppressions that bind to them (item 2): the CLI's findings and the
 * ESLint rule's `leakEntry` messages at every `// expect-entry` line of the fixtures that carry such markers
 * (`// expect-entry twoFactorPhone` also names the fields whose flows enter there), nothing more; the entry in
 * every format; traces that keep each call site's own hops; unit cases of the entry rule, near-misses included.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";

import purpose, { TYPESCRIPT_FILES } from "../rules/index.js";
import { entryStepIndex } from "../src/analysis/entry.js";
import { LEAK_RULE_ID, type Finding } from "../src/analysis/findings.js";
import { sinkDisplayName } from "../src/catalog/api-path.js";
import { runCli } from "../src/cli.js";
import type { JsonReport } from "../src/report/json.js";
import { fixtureSourceFiles, leakKey, listFixtures, sortLeakKeys } from "./fixture-utils.js";

const EXPECT_ENTRY = /\/\/\s*expect-entry\b([^\n]*)$/;

/** "file:line" of every `// expect-entry`, with the fields named after it (empty: any). */
function expectedEntries(dir: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const file of fixtureSourceFiles(dir)) {
    readFileSync(file, "utf8")
      .split(/\r?\n/)
      .forEach((text, i) => {
        const match = EXPECT_ENTRY.exec(text);
        if (match) entries.set(leakKey(dir, file, i + 1), (match[1] ?? "").split(/[\s,]+/).filter((w) => /^\w+$/.test(w)));
      });
  }
  return entries;
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await runCli(argv, { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => (stdout += t), stderr: () => undefined });
  return { code, stdout };
}

async function eslintMessages(dir: string): Promise<{ at: string; messageId: string | undefined; message: string }[]> {
  const tsconfig = path.join(dir, "tsconfig.json");
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { ...purpose.configs.recommended, files: TYPESCRIPT_FILES },
      { languageOptions: { parserOptions: { projectService: false, project: tsconfig, tsconfigRootDir: dir } } },
    ],
  });
  try {
    const files = fixtureSourceFiles(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
    const results = await eslint.lintFiles(files);
    return results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === LEAK_RULE_ID)
        .map((m) => ({ at: leakKey(dir, r.filePath, m.line), messageId: m.messageId, message: m.message })),
    );
  } finally {
    clearCaches();
  }
}

const withEntries = listFixtures().filter((f) => expectedEntries(f.dir).size > 0);

describe("entries of the fixtures that mark them", () => {
  it("has such fixtures", () => {
    expect(withEntries.map((f) => f.name)).toEqual(expect.arrayContaining(["entry/cross-file-wrapper", "suppressions/wrapper-entry"]));
  });

  it.each(withEntries)("$name: CLI and ESLint report each flow at its entry", async (fixture) => {
    const dir = fixture.dir;
    const expected = expectedEntries(dir);
    const report = JSON.parse((await cli(["--project", fixture.tsconfig, "--format", "json"], dir)).stdout) as JsonReport;
    const at = (f: Finding): string => leakKey(dir, path.resolve(dir, f.entry!.location.file), f.entry!.location.line);
    const entered = report.findings.filter((f) => f.entry !== undefined);
    expect(sortLeakKeys(new Set(entered.map(at))), "CLI entries vs // expect-entry").toEqual(sortLeakKeys(expected.keys()));
    for (const [key, fields] of expected) {
      if (fields.length === 0) continue;
      const here = entered.filter((f) => at(f) === key).map((f) => f.source.field.split(".").pop());
      expect(here.sort(), `fields entering at ${key}`).toEqual([...fields].sort());
    }

    const messages = await eslintMessages(dir);
    const entries = messages.filter((m) => m.messageId === "leakEntry");
    expect(entries.map((m) => `${m.at} ${m.message}`).sort(), "ESLint leakEntry vs CLI").toEqual(
      [...new Set(entered.map((f) => `${at(f)} ${f.entry!.message}`))].sort(),
    );
  });
});

describe("the cross-file wrapper (fixtures/entry/cross-file-wrapper)", () => {
  const fixture = listFixtures().find((f) => f.name === "entry/cross-file-wrapper")!;

  it("keeps every call and return hop of each call site, in order, at its own location", async () => {
    const report = JSON.parse((await cli(["--project", fixture.tsconfig, "--format", "json"], fixture.dir)).stdout) as JsonReport;
    const viewed = report.findings.find((f) => f.entry?.location.line === 16)!;
    const steps = viewed.trace.map((s) => `${path.basename(s.location.file)}:${String(s.location.line)} ${s.label}`);
    expect(steps).toEqual([
      "format.ts:4 read twoFactorPhone",
      "security-settings.ts:16 returned from phoneFor",
      "security-settings.ts:16 passed to contactSummary",
      "format.ts:12 passed to formatContact",
      "format.ts:8 passed through trim",
      "format.ts:12 returned from formatContact",
      "security-settings.ts:16 returned from contactSummary",
      "security-settings.ts:16 passed to trackEvent",
      "posthog.ts:9 passed to capture",
    ]);
    expect(viewed.entry?.message).toBe("passes twoFactorPhone into trackEvent, which sends it to PostHog capture — analytics (src/analytics/posthog.ts:9)");
    // Two flows of twoFactorPhone into PostHog capture: each title says where it comes from.
    const titles = report.findings.filter((f) => f.source.field.endsWith("twoFactorPhone") && f.sink.callee === "PostHog capture").map((f) => f.message);
    expect(titles).toHaveLength(2);
    expect(new Set(titles).size).toBe(2);
    expect(titles.some((t) => t.includes("(enters in onTwoFactorChanged at src/services/security-settings.ts:11)"))).toBe(true);
  });

  it("shows the entry in pretty output and as a SARIF related location", async () => {
    const pretty = (await cli(["--project", fixture.tsconfig], fixture.dir)).stdout;
    expect(pretty).toContain(
      "entry src/services/security-settings.ts:11:22  passes twoFactorPhone into reportChange, which sends it to PostHog capture — analytics (src/analytics/posthog.ts:9)",
    );
    expect(pretty).toContain("passed to reportChange  ← entry");
    expect(pretty).not.toContain("PostHog PostHog");
    const sarif = JSON.parse((await cli(["--project", fixture.tsconfig, "--format", "sarif"], fixture.dir)).stdout) as Log;
    const results = sarif.runs[0]!.results!;
    const changed = results.find((r) => r.relatedLocations?.some((l) => l.physicalLocation?.region?.startLine === 11 && l.message?.text?.startsWith("entry:")));
    // SARIF URIs are relative to the repository root (this checkout), wherever the CLI ran.
    expect(changed?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("fixtures/entry/cross-file-wrapper/src/analytics/posthog.ts");
    expect(changed?.message.text).toMatch(/read \[here\]\(1\) and handed to reportChange \[here\]\(2\)\.$/);
    // The local flow (identify) has no entry: only the source read is related.
    const local = results.find((r) => r.locations?.[0]?.physicalLocation?.region?.startLine === 14);
    expect(local?.relatedLocations).toHaveLength(1);
  });
});

describe("suppressions bound to flows (fixtures/suppressions/wrapper-entry)", () => {
  const fixture = listFixtures().find((f) => f.name === "suppressions/wrapper-entry")!;

  it("accepts the reviewed caller's named field only, reports the new field and the new caller", async () => {
    const { code, stdout } = await cli(["--project", fixture.tsconfig, "--format", "json"], fixture.dir);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.source.field.split(".").pop()} ${String(f.entry?.location.line)}`).sort()).toEqual(["recoveryEmail 8", "twoFactorPhone 12"]);
    // The wrapper's sink-line suppression accepts only flows that start in the wrapper: none, so it says so.
    const unused = report.notifications.filter((n) => n.kind === "unused-suppression");
    expect(unused.map((n) => n.location?.line)).toEqual([12]);
    expect(unused[0]?.message).toContain("enter from other functions");
  });

  it("ESLint hides and shows the same flows, at the sink and at the entry", async () => {
    const messages = await eslintMessages(fixture.dir);
    expect(messages.map((m) => `${m.messageId ?? ""} ${m.at}`).sort()).toEqual([
      "leak analytics.ts:13",
      "leak analytics.ts:13",
      "leakEntry callers.ts:12",
      "leakEntry callers.ts:8",
    ]);
  });
});

describe("entryStepIndex", () => {
  const s = (kind: Finding["trace"][number]["kind"], label = ""): { kind: typeof kind; label: string } => ({ kind, label });

  it("is the call that leaves the reading function for good", () => {
    expect(entryStepIndex([s("source"), s("call", "passed to reportChange"), s("call", "passed to trackEvent"), s("sink")])).toBe(1);
  });

  it("is after the returns that bring the value up to a caller", () => {
    const steps = [s("source"), s("return", "returned from phoneFor"), s("call", "passed to f"), s("return", "returned from f"), s("call", "passed to trackEvent"), s("sink")];
    expect(entryStepIndex(steps)).toBe(4);
  });

  it("does not exist when the sink is in the outermost function (near-misses)", () => {
    expect(entryStepIndex([s("source"), s("sink")])).toBeUndefined();
    expect(entryStepIndex([s("source"), s("return", "returned from phoneFor"), s("sink")])).toBeUndefined();
    expect(entryStepIndex([s("source"), s("call", "passed to normalize"), s("return", "returned from normalize"), s("sink")])).toBeUndefined();
    // An anonymous callback is its writer's own code.
    expect(entryStepIndex([s("source"), s("call", "passed to callback"), s("sink")])).toBeUndefined();
  });

  it("looks through callbacks, and counts a hand-off to other code as one", () => {
    expect(entryStepIndex([s("source"), s("call", "passed to callback"), s("call", "passed to trackEvent"), s("sink")])).toBe(2);
    expect(entryStepIndex([s("source"), s("store", "published on user.changed"), s("call", "passed to trackEvent"), s("sink")])).toBe(1);
  });
});

describe("sinkDisplayName", () => {
  it("names the vendor once", () => {
    expect(sinkDisplayName("PostHog", "PostHog().capture")).toBe("PostHog capture");
    expect(sinkDisplayName("PostHog", "posthog.identify")).toBe("PostHog identify");
    expect(sinkDisplayName("Mixpanel", "init().people.set")).toBe("Mixpanel people.set");
    expect(sinkDisplayName("Facebook", "CustomAudience().createUser")).toBe("Facebook CustomAudience.createUser");
    expect(sinkDisplayName("RudderStack", "().identify")).toBe("RudderStack identify");
    expect(sinkDisplayName("Google Analytics", "gtag")).toBe("Google Analytics gtag");
    expect(sinkDisplayName("Intercom", "Intercom")).toBe("Intercom");
  });
});
