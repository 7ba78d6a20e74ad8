// The editor must see what CI sees: for every fixture program, the ESLint rule `purpose/no-security-contact-leak`
// (through the real ESLint API and the recommended config) reports exactly the `// expect-leak` lines, which are
// also what the CLI must report, and words each one exactly as the engine's finding for the CLI does. Every other
// purpose rule (brand casts, declassify reasons, suppression diagnostics) reports what the CLI reports too.
//
// As users run it: the recommended config's typescript-eslint project service, one for the whole corpus, as an
// editor with many projects open keeps one (the standard library and @types are parsed once, not per fixture:
// a watch program per fixture made this suite most of `npm test`). A few fixtures also go through the `project`
// option's watch program, the other way to configure typed linting.
import { readdirSync } from "node:fs";
import path from "node:path";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import ts from "typescript";
import { afterAll, afterEach, describe, expect, it } from "vitest";

import { analyzeProgram } from "../src/analysis/engine.js";
import { checkProgram } from "../src/checks/index.js";
import { suppressInSource } from "../src/suppress.js";
import { LEAK_RULE_ID, type Location } from "../src/analysis/findings.js";
import { loadProgram } from "../src/analysis/load.js";
import { loadConfig } from "../src/config/load.js";
import purpose from "../rules/index.js";
import { expectedLeaks, FIXTURES_ROOT, leakKey, listFixtures } from "./fixture-utils.js";

interface EslintLeak {
  /** The rule: purpose/no-security-contact-leak, or another purpose rule. */
  rule: string;
  at: string;
  column: number;
  message: string;
}

/** "relative/path.ts:LINE", relative to the fixture, POSIX separators (the markers' format). */
const relativeAt = leakKey;

/** The files the fixture's tsconfig includes inside the fixture (what the CLI analyses), or every source file. */
function fixtureFiles(dir: string, tsconfig: string): { files: string[]; allowJs: boolean } {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  const inside = (file: string): boolean => {
    const relative = path.relative(dir, file);
    return !relative.startsWith("..") && !path.isAbsolute(relative) && !relative.split(path.sep).includes("node_modules");
  };
  if (parsed !== undefined && parsed.fileNames.length > 0) {
    return {
      files: parsed.fileNames.map((file) => path.resolve(file)).filter(inside),
      allowJs: parsed.options.allowJs === true,
    };
  }
  // A tsconfig that does not parse, or lists nothing of its own (solution style): lint what is on disk.
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(?:[cm]?ts|tsx)$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.join(dir, file))
    .filter(inside);
  return { files, allowJs: false };
}

/** How typescript-eslint builds the typed program: the recommended project service, or a `project` watch program. */
type TypedLinting = "project-service" | "project";

/** Fixtures also linted through `parserOptions.project` (many files; TypeScript and JavaScript). */
const PROJECT_OPTION_FIXTURES = ["demo", "javascript/mixed-ts-js"];

/** The project service keeps every fixture's project open; start a fresh one when the heap grows past this. */
const PROJECT_SERVICE_HEAP_BYTES = 1536 * 1024 * 1024;

async function eslintLeaks(dir: string, tsconfig: string, linting: TypedLinting): Promise<EslintLeak[]> {
  const { files } = fixtureFiles(dir, tsconfig);
  if (files.length === 0) return [];
  const parserOptions =
    linting === "project"
      ? { projectService: false, project: tsconfig, tsconfigRootDir: dir }
      : { tsconfigRootDir: FIXTURES_ROOT }; // the recommended config's projectService: true
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      // The recommended config as users get it: JavaScript a tsconfig includes (allowJs) is linted too.
      purpose.configs.recommended,
      { languageOptions: { parserOptions } },
    ],
  });
  const results = await eslint.lintFiles(files);
  return results.flatMap((result) =>
    result.messages
      // `leakEntry` messages at flows' entries are checked in flow-entries.test.ts.
      .filter((message) => message.ruleId?.startsWith("purpose/") === true && message.messageId !== "leakEntry")
      .map((message) => ({
        rule: message.ruleId ?? "",
        at: relativeAt(dir, result.filePath, message.line),
        column: message.column,
        message: message.message,
      })),
  );
}

/** The CLI's notification kinds that ESLint reports as rules of the same name. */
const SUPPRESSION_KINDS = ["suppression-without-reason", "unused-suppression"];

const fixtures = listFixtures();
const cases = [
  ...fixtures.map((fixture) => ({ ...fixture, linting: "project-service" as TypedLinting, title: fixture.name })),
  ...fixtures
    .filter((fixture) => PROJECT_OPTION_FIXTURES.includes(fixture.name))
    .map((fixture) => ({ ...fixture, linting: "project" as TypedLinting, title: `${fixture.name} (parserOptions.project)` })),
];

describe("ESLint rule ↔ fixtures ↔ CLI engine", () => {
  afterEach(() => {
    // typescript-estree keeps every project it opened for the life of the process: let a few dozen fixtures'
    // checkers share one project service, then start a fresh one.
    if (process.memoryUsage().heapUsed > PROJECT_SERVICE_HEAP_BYTES) clearCaches();
  });
  afterAll(() => {
    clearCaches();
  });

  it("has fixtures to compare, some of them through parserOptions.project", () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.linting === "project").map((c) => c.name)).toEqual(PROJECT_OPTION_FIXTURES.toSorted());
  });

  it.each(cases)("$title", async (fixture) => {
    const dir = path.resolve(fixture.dir);
    const tsconfig = path.resolve(dir, fixture.tsconfig);
    let leaks: EslintLeak[];
    try {
      leaks = await eslintLeaks(dir, tsconfig, fixture.linting);
    } finally {
      // A watch program per tsconfig lives as long as the process: drop it.
      if (fixture.linting === "project") clearCaches();
    }

    // What the CLI reports, from the same engine over the CLI's loader (when the CLI can load the program at
    // all; a broken tsconfig is the CLI's exit 2, covered by its own tests).
    let cli: EslintLeak[] | undefined;
    try {
      // As the CLI does: purpose-lint.config.json found upward from the tsconfig's directory (fixtures/config/*).
      const program = loadProgram(tsconfig);
      const analysed = analyzeProgram(program, { config: loadConfig(path.dirname(tsconfig)) });
      // As the CLI does: the other rules' problems, then comments (purpose-lint-ignore, eslint-disable) hide what
      // they cover and report reasonless and unused suppressions.
      const result = suppressInSource(program, analysed, checkProgram(program, new Set(analysed.skippedFiles)));
      const inside = (file: string): boolean => {
        const relative = path.relative(dir, file);
        return !relative.startsWith("..") && !path.isAbsolute(relative);
      };
      const entry = (rule: string, location: Location, message: string): EslintLeak => ({
        rule,
        at: relativeAt(dir, location.file, location.line),
        column: location.column,
        message,
      });
      cli = [
        ...result.findings.map((f) => entry(LEAK_RULE_ID, f.sink.location, f.message)),
        ...(result.problems ?? []).map((p) => entry(p.ruleId, p.location, p.message)),
        ...result.notifications.flatMap((n) =>
          SUPPRESSION_KINDS.includes(n.kind) && n.location !== undefined ? [entry(`purpose/${n.kind}`, n.location, n.message)] : [],
        ),
      ].filter((reported) => inside(path.resolve(dir, reported.at.replace(/:\d+$/, ""))));
    } catch {
      cli = undefined;
    }

    // Parity first: the editor shows what CI shows, at the same place, in the same words.
    if (cli !== undefined) {
      const key = (leak: EslintLeak): string => `${leak.rule} ${leak.at}:${String(leak.column)} ${leak.message}`;
      expect([...new Set(leaks.map(key))].sort(), "ESLint vs CLI").toEqual([...new Set(cli.map(key))].sort());
    }
    // Then the ground truth: the `// expect-leak` lines.
    const expected = [...new Set(expectedLeaks(dir))].sort();
    const leakLines = leaks.filter((leak) => leak.rule === LEAK_RULE_ID).map((leak) => leak.at);
    expect([...new Set(leakLines)].sort(), "ESLint vs expect-leak markers").toEqual(expected);
  });
});
