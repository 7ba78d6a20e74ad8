/**
 * The editor reads the package summaries CI wrote (`settings.purpose.summaries`, issue 13 item 5; docs/monorepo.md):
 * one setting listing every package's summary, each package's files linted with its dependencies' bodies replaced
 * by their summaries, reports exactly what the CLI reports for that package with `--summaries` — and what ESLint
 * reports from the sources. A summary is really used (a reach dropped from it is no longer reported), a stale one is
 * one warning and the sources' verdict, and a bad setting or a malformed summary is the CLI's one line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it, vi } from "vitest";

import purpose from "../rules/index.js";
import type { JsonReport } from "../src/report/json.js";
import { runIn } from "./bad-input-utils.js";
import { copyFixture, SUMMARY_LAYOUTS } from "./summary-fixtures.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-eslint-summaries-"));
afterAll(() => {
  clearCaches();
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function cli(root: string, argv: string[]): Promise<JsonReport> {
  const result = await runIn(root, [...argv, "--format", "json"]);
  if (result.code === 2) throw new Error(`exit 2: ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonReport;
}

/** Every package's summary, written by its CI task (reading its dependencies' summaries) in dependency order. */
async function writeSummaries(root: string, layout: [string, string[]][]): Promise<void> {
  for (const [pkg, deps] of layout) {
    await cli(root, ["--project", `${pkg}/tsconfig.json`, ...deps.flatMap((dep) => ["--summaries", dep]), "--summary-out", `${pkg}/purpose-lint.summary.json`]);
  }
}

function sourcesOf(root: string, pkg: string): string[] {
  const src = path.join(root, pkg, "src");
  return fs.readdirSync(src, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts")).map((file) => path.join(src, file)).sort();
}

/** ESLint as the docs configure it: the recommended config, and the summaries (if any) in the settings. */
function editorEslint(root: string, summaries: unknown): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      purpose.configs.recommended,
      { languageOptions: { parserOptions: { tsconfigRootDir: root } } },
      ...(summaries === undefined ? [] : [{ settings: { purpose: { summaries } } }]),
    ],
  });
}

/** The leak rule's messages on `files`, as "file:line:column messageId message" (file relative to `root`). */
async function eslintLeaks(root: string, files: string[], summaries: unknown): Promise<string[]> {
  // A fresh project service per run: a run must not reuse another's Program (and so its analysis).
  clearCaches();
  const results = await editorEslint(root, summaries).lintFiles(files);
  return results.flatMap((result) =>
    result.messages.map((m) => {
      if (m.fatal === true) throw new Error(`${result.filePath}: ${m.message}`);
      return `${path.relative(root, result.filePath)}:${String(m.line)}:${String(m.column)} ${String(m.messageId ?? m.ruleId)} ${m.message}`;
    }),
  ).sort();
}

/** What the CLI's report says the leak rule reports on `files`: each finding at its sink, and at its entry. */
function cliLeaks(root: string, report: JsonReport, files: string[]): string[] {
  const inFiles = (file: string) => files.includes(path.resolve(root, file));
  const at = (l: { file: string; line: number; column: number }) => `${l.file}:${String(l.line)}:${String(l.column)}`;
  return [
    ...report.findings.filter((f) => inFiles(f.sink.location.file)).map((f) => `${at(f.sink.location)} leak ${f.message}`),
    ...report.findings.flatMap((f) => (f.entry && inFiles(f.entry.location.file) ? [`${at(f.entry.location)} leakEntry ${f.entry.message}`] : [])),
  ].filter((line, i, all) => all.indexOf(line) === i).sort();
}

describe.each(Object.keys(SUMMARY_LAYOUTS))("fixtures/%s in the editor, with every package's summary in the settings", (name) => {
  it("lints each package as the CLI analyses it with --summaries, and as ESLint does from the sources", async () => {
    const layout = SUMMARY_LAYOUTS[name]!;
    const root = copyFixture(TMP, name, `parity-${name.replace("/", "-")}`);
    await writeSummaries(root, layout);
    const all = layout.map(([pkg]) => pkg);
    let total = 0;
    for (const [pkg, deps] of layout) {
      const files = sourcesOf(root, pkg);
      const report = await cli(root, ["--project", `${pkg}/tsconfig.json`, ...deps.flatMap((dep) => ["--summaries", dep])]);
      const expected = cliLeaks(root, report, files);
      expect(await eslintLeaks(root, files, all), pkg).toEqual(expected);
      expect(await eslintLeaks(root, files, undefined), pkg).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBeGreaterThan(0);
  }, 180_000);
});

describe("summaries the editor reads (fixtures/cli-inputs/package-summaries)", () => {
  const root = copyFixture(TMP, "cli-inputs/package-summaries", "editor");
  const layout = SUMMARY_LAYOUTS["cli-inputs/package-summaries"]!;
  const web = () => sourcesOf(root, "apps/web");
  const settings = ["packages/accounts", "packages/marketing"];

  it("uses the summary, not the dependency's sources: a reach removed from it is no longer reported", async () => {
    await writeSummaries(root, layout);
    const before = await eslintLeaks(root, web(), settings);
    const sendContact = (line: string) => line.includes("sendContact");
    expect(before.filter(sendContact)).toHaveLength(1);
    // The same input hash, one reach fewer: still up to date, and what the editor goes by.
    const file = path.join(root, "packages/marketing/purpose-lint.summary.json");
    const text = fs.readFileSync(file, "utf8");
    const summary = JSON.parse(text) as { exports: Record<string, Record<string, { reaches?: unknown[] }>> };
    delete summary.exports["src/index.ts"]!.sendContact!.reaches;
    fs.writeFileSync(file, JSON.stringify(summary));
    try {
      // Where and which: a message's "(read in … at …)" tells apart findings that share one, so it may change.
      const places = (lines: string[]) => lines.map((line) => line.split(" ").slice(0, 2).join(" "));
      const after = await eslintLeaks(root, web(), settings);
      expect(places(after)).toEqual(places(before.filter((line) => !sendContact(line))));
    } finally {
      fs.writeFileSync(file, text);
    }
  }, 120_000);

  it("after an edit, lints the new text from the previous run and the same summaries as a fresh run does", async () => {
    await writeSummaries(root, layout);
    const file = path.join(root, "apps/web/src/verified.ts");
    const edited = `${fs.readFileSync(file, "utf8")}\nexport function again(account: Account): void {\n  sendContact({ address: account.twoFactorPhone, label: "again" });\n}\n`;
    const lintText = async (eslint: ESLint) => (await eslint.lintText(edited, { filePath: file }))[0]!.messages.map((m) => `${String(m.line)}:${String(m.column)} ${String(m.messageId)} ${m.message}`);
    const eslint = editorEslint(root, settings);
    await eslint.lintFiles([file]); // the first lint, then the edit: the engine resumes from the first run
    const incremental = await lintText(eslint);
    clearCaches();
    const fresh = await lintText(editorEslint(root, settings));
    expect(incremental).toEqual(fresh);
    const line = edited.split("\n").findIndex((text) => text.includes('label: "again"')) + 1;
    expect(incremental.filter((m) => m.startsWith(`${String(line)}:`))).toHaveLength(1); // the new entry into sendContact
  }, 120_000);

  it("the first lint reports the package's own findings from its summary while every input matches", async () => {
    await writeSummaries(root, layout);
    const own = path.join(root, "apps/web/purpose-lint.summary.json");
    const text = fs.readFileSync(own, "utf8");
    const summary = JSON.parse(text) as { findings: { message: string; sink: { location: { file: string } } }[] };
    expect(summary.findings.length).toBeGreaterThan(0);
    const analysed = await eslintLeaks(root, web(), [...settings, "apps/web"]);
    // The same input hash, the messages marked: what the first lint reports is the summary's.
    for (const finding of summary.findings) finding.message = `RECORDED ${finding.message}`;
    fs.writeFileSync(own, JSON.stringify(summary));
    const source = path.join(root, "apps/web/src/verified.ts");
    const sourceText = fs.readFileSync(source, "utf8");
    try {
      const served = await eslintLeaks(root, web(), [...settings, "apps/web"]);
      const inWeb = summary.findings.filter((finding) => finding.sink.location.file.startsWith("src/"));
      expect(inWeb.length).toBeGreaterThan(0);
      expect(served.filter((line) => line.includes(" leak RECORDED "))).toHaveLength(inWeb.length);
      expect(served.map((line) => line.replace(" RECORDED ", " "))).toEqual(analysed);
      // An edit in the editor: no state to resume from, so the new Program is analysed in full.
      const eslint = editorEslint(root, [...settings, "apps/web"]);
      clearCaches();
      await eslint.lintFiles(web());
      const [edited] = await eslint.lintText(`${sourceText}\nexport const edited = 1;\n`, { filePath: source });
      expect(edited!.messages.some((m) => m.message.includes("RECORDED"))).toBe(false);
      // A file changed on disk since the summary was written: the hash differs, the program is analysed.
      fs.writeFileSync(source, `${sourceText}\nexport const edited = 1;\n`);
      expect((await eslintLeaks(root, web(), [...settings, "apps/web"])).some((line) => line.includes("RECORDED"))).toBe(false);
    } finally {
      fs.writeFileSync(own, text);
      fs.writeFileSync(source, sourceText);
    }
  }, 120_000);

  it("a stale or missing summary is one warning, and that package's sources give the verdict", async () => {
    await writeSummaries(root, layout);
    const fromSources = await eslintLeaks(root, web(), undefined);
    const source = path.join(root, "packages/accounts/src/index.ts");
    const text = fs.readFileSync(source, "utf8");
    fs.writeFileSync(source, `${text}\nexport const edited = true;\n`);
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await eslintLeaks(root, web(), [...settings, "packages/nowhere"])).toEqual(fromSources);
    } finally {
      spy.mockRestore();
      fs.writeFileSync(source, text);
    }
    const lines = written.join("").trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^purpose-lint: warning: the summary packages\/accounts\/purpose-lint\.summary\.json of @kit\/accounts is stale \(src\/index\.ts changed since it was written\): @kit\/accounts is analysed from its sources instead$/));
    expect(lines).toContainEqual(expect.stringMatching(/^purpose-lint: warning: settings\.purpose\.summaries: packages\/nowhere does not exist/));
  }, 120_000);

  it("a setting that is not a list, or a malformed summary, fails the lint with one line", async () => {
    fs.writeFileSync(path.join(root, "broken.json"), "{");
    await expect(eslintLeaks(root, web(), "packages/accounts")).rejects.toThrow(/^purpose-lint: settings\.purpose\.summaries must be a list of package summary files or package directories/);
    await expect(eslintLeaks(root, web(), ["broken.json"])).rejects.toThrow(/^purpose-lint: settings\.purpose\.summaries broken\.json: not JSON, so not a package summary/);
  }, 60_000);
});
