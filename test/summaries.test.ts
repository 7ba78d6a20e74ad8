/**
 * Dependencies read from their package summaries (`--summaries`, issue 13 item 2; docs/monorepo.md): each package of
 * fixtures/monorepo/acme and fixtures/cli-inputs/package-summaries, run with its dependencies' summaries in place of their
 * sources, reports what the whole-program run of that package reports for the flows through its own files — the
 * same sources, sinks, traces and fingerprints. A stale summary falls back to the sources with a warning; a summary
 * in another format, malformed, or of the package itself is one line and exit 2. The fixtures are copied to a temp
 * dir (with the repo layout their tsconfigs expect), where the summaries are written.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../src/report/json.js";
import { runIn } from "./bad-input-utils.js";
import { copyFixture, SUMMARY_LAYOUTS } from "./summary-fixtures.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-summaries-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

function copy(fixture: string, name = fixture): string {
  return copyFixture(TMP, fixture, name);
}

async function lint(root: string, argv: string[]): Promise<{ code: number; stderr: string; report: JsonReport }> {
  const result = await runIn(root, [...argv, "--format", "json"]);
  if (result.code === 2) throw new Error(`exit 2: ${result.stderr}`);
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) as JsonReport };
}

/** A finding as a user compares two runs: where it is read and sent, by which flow, under which fingerprint. */
function shown(f: JsonReport["findings"][number]) {
  const at = (l: { file: string; line: number; column: number }) => `${l.file}:${String(l.line)}:${String(l.column)}`;
  return { source: `${f.source.field} ${at(f.source.location)}`, sink: at(f.sink.location), message: f.message, fingerprint: f.fingerprint, trace: f.trace.map((s) => `${at(s.location)} ${s.label}`) };
}

/** Whether a finding's flow touches the package's own files (the ones its run analyses from source); paths are the cwd's. */
function touches(pkg: string) {
  return (f: JsonReport["findings"][number]): boolean => [f.source.location, f.sink.location, ...f.trace.map((s) => s.location)].some((l) => l.file.startsWith(`${pkg}/`));
}

const LAYOUTS = SUMMARY_LAYOUTS;

describe.each(Object.keys(LAYOUTS))("fixtures/%s, package by package with summaries", (name) => {
  it("reports the whole-program run's findings for the flows through each package's own files", async () => {
    const root = copy(name, name.replace("/", "-"));
    let total = 0;
    for (const [pkg, deps] of LAYOUTS[name]!) {
      const summaries = deps.flatMap((dep) => ["--summaries", dep]);
      const withSummaries = await lint(root, ["--project", `${pkg}/tsconfig.json`, ...summaries, "--summary-out", `${pkg}/purpose-lint.summary.json`]);
      const whole = await lint(root, ["--project", `${pkg}/tsconfig.json`]);
      expect(withSummaries.stderr, pkg).toBe("");
      expect(withSummaries.report.notifications ?? [], pkg).toEqual([]);
      const expected = whole.report.findings.filter(touches(pkg)).map(shown);
      expect(withSummaries.report.findings.map(shown), pkg).toEqual(expected);
      total += expected.length;

      // The inputs: the package's own files, and its dependencies' summaries by their hashes instead of their sources.
      const summary = JSON.parse(fs.readFileSync(path.join(root, pkg, "purpose-lint.summary.json"), "utf8")) as { inputs: { files: Record<string, string>; summaries: Record<string, string> } };
      const depFiles = Object.keys(summary.inputs.files).filter((file) => deps.some((dep) => path.posix.normalize(`${pkg}/${file}`).startsWith(`${dep}/`)));
      expect(depFiles, pkg).toEqual([]);
      expect(Object.keys(summary.inputs.summaries).length, pkg).toBe(deps.length);
    }
    expect(total).toBeGreaterThan(0);
  }, 120_000);
});

describe("summaries as the dependencies' bodies (fixtures/cli-inputs/package-summaries)", () => {
  // The fixture's ground truth, from the whole-program run: its `// expect-leak` lines, and none of the near-misses.
  // (A CLI input, not a fixture of the ESLint suites: the editor lints marketing's file with marketing's own
  // tsconfig, whose program does not contain the app whose flow ends at its sink.)
  it("the whole program reports the marked lines", async () => {
    const root = copy("cli-inputs/package-summaries", "truth");
    const { report } = await lint(root, ["--project", "tsconfig.json"]);
    const marked = ["apps/web/src/verified.ts", "packages/marketing/src/index.ts"].flatMap((file) =>
      fs.readFileSync(path.join(root, file), "utf8").split("\n").flatMap((line, i) => (line.includes("// expect-leak") ? [`${file}:${String(i + 1)}`] : [])),
    );
    expect(report.findings.map((f) => `${f.sink.location.file}:${String(f.sink.location.line)}`).sort()).toEqual(marked.sort());
    expect(marked).toHaveLength(4);
  }, 60_000);

  it("uses the summary, not the dependency's sources: a reach removed from it is no longer reported", async () => {
    const root = copy("cli-inputs/package-summaries", "used");
    await lint(root, ["--project", "packages/accounts/tsconfig.json", "--summary-out", "accounts.json"]);
    await lint(root, ["--project", "packages/marketing/tsconfig.json", "--summaries", "accounts.json", "--summary-out", "marketing.json"]);
    const argv = ["--project", "apps/web/tsconfig.json", "--summaries", "accounts.json", "--summaries", "marketing.json"];
    const before = await lint(root, argv);
    expect(before.report.findings.map((f) => f.sink.location.file)).toContain("packages/marketing/src/index.ts");
    // Same bytes but one reach dropped: the hash is of the inputs, so the summary is still up to date.
    const file = path.join(root, "marketing.json");
    const summary = JSON.parse(fs.readFileSync(file, "utf8")) as { exports: Record<string, Record<string, { reaches?: unknown[] }>> };
    expect(summary.exports["src/index.ts"]!.sendContact!.reaches).toHaveLength(1);
    delete summary.exports["src/index.ts"]!.sendContact!.reaches;
    fs.writeFileSync(file, JSON.stringify(summary));
    const after = await lint(root, argv);
    expect(after.report.findings.map((f) => f.sink.location.file)).not.toContain("packages/marketing/src/index.ts");
    expect(after.report.findings).toHaveLength(before.report.findings.length - 1);
  }, 60_000);

  it("says which field of an argument reaches a sink, and where in the return value an input comes back", async () => {
    const root = copy("cli-inputs/package-summaries", "fields");
    await lint(root, ["--project", "packages/accounts/tsconfig.json", "--summary-out", "accounts.json"]);
    await lint(root, ["--project", "packages/marketing/tsconfig.json", "--summary-out", "marketing.json"]);
    const read = (file: string) => (JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as { exports: Record<string, Record<string, any>> }).exports["src/index.ts"]!;
    const marketing = read("marketing.json");
    expect(marketing.sendContact.reaches.map((r: { input: string }) => r.input)).toEqual(["0.address"]);
    const accounts = read("accounts.json");
    expect(accounts.tidy.returns.flows.map((f: { path: string[]; input: string }) => [f.path, f.input])).toEqual([[[], "0"]]);
    expect(accounts.envelope.returns.flows.map((f: { path: string[]; input: string }) => [f.path, f.input])).toEqual([[["account"], "0"]]);
    expect(accounts.RECENT_PHONES.holds).toEqual(["Account.twoFactorPhone"]);
    expect(accounts.DEFAULT_LISTS.holds).toBeUndefined();
  }, 60_000);
});

describe("--summaries that cannot be used", () => {
  const root = copy("monorepo/acme", "errors");
  const identity = ["--project", "packages/identity/tsconfig.json", "--summary-out", "identity.json"];

  it("a stale summary is said so, and the dependency is analysed from its sources", async () => {
    await lint(root, identity);
    const source = path.join(root, "packages", "identity", "src", "index.ts");
    const text = fs.readFileSync(source, "utf8");
    fs.writeFileSync(source, `${text}\nexport const edited = true;\n`);
    try {
      const growth = ["--project", "packages/growth/tsconfig.json"];
      const stale = await lint(root, [...growth, "--summaries", "identity.json", "--summary-out", "growth.json"]);
      const whole = await lint(root, growth);
      expect(stale.report.findings).toEqual(whole.report.findings);
      expect(stale.report.notifications).toEqual([
        expect.objectContaining({ level: "warning", kind: "stale-summary", message: expect.stringMatching(/identity\.json of @acme\/identity is stale \(src\/index\.ts changed since it was written\): @acme\/identity is analysed from its sources instead/) as unknown }),
      ]);
      expect(stale.code).toBe(1); // a warning, not an incomplete analysis
      // Analysed from its sources, the dependency's files are inputs again.
      const written = JSON.parse(fs.readFileSync(path.join(root, "growth.json"), "utf8")) as { inputs: { files: Record<string, string>; summaries: Record<string, string> } };
      expect(Object.keys(written.inputs.files)).toContain("../identity/src/index.ts");
      expect(written.inputs.summaries).toEqual({});
    } finally {
      fs.writeFileSync(source, text);
    }
  }, 60_000);

  const usageError = async (argv: string[], message: RegExp) => {
    const result = await runIn(root, argv);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  };

  it("another major version of the format is one line naming the file, exit 2", async () => {
    await lint(root, identity);
    const summary = JSON.parse(fs.readFileSync(path.join(root, "identity.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(root, "v2.json"), JSON.stringify({ ...summary, format: "purpose-lint/package-summary@2" }));
    await usageError(["--project", "packages/growth/tsconfig.json", "--summaries", "v2.json"], /^purpose-lint: --summaries v2\.json: format purpose-lint\/package-summary@2 is not one this purpose-lint reads/);
  });

  it("a malformed summary, a missing one and the package's own are one line each, exit 2", async () => {
    await lint(root, identity);
    const summary = JSON.parse(fs.readFileSync(path.join(root, "identity.json"), "utf8")) as Record<string, any>;
    summary.exports["src/index.ts"].securityPhone.returns.flows[0].steps = "none";
    fs.writeFileSync(path.join(root, "broken.json"), JSON.stringify(summary));
    fs.writeFileSync(path.join(root, "not-json.json"), "{");
    const growth = ["--project", "packages/growth/tsconfig.json", "--summaries"];
    await usageError([...growth, "broken.json"], /--summaries broken\.json: not a purpose-lint package summary \(exports\.src\/index\.ts\.securityPhone\.returns\.flows\[0\]\.steps is not a list\)/);
    await usageError([...growth, "not-json.json"], /--summaries not-json\.json: not JSON/);
    await usageError([...growth, "packages/identity"], /--summaries packages\/identity\/purpose-lint\.summary\.json: no such file/);
    await usageError(["--project", "packages/identity/tsconfig.json", "--summaries", "identity.json"], /--summaries identity\.json: is the summary of the package being analysed/);
  });
});
