// The editor must see what CI sees: for every fixture program, the ESLint rule `purpose/no-security-contact-leak`
// (through the real ESLint API and the recommended config) reports exactly the `// expect-leak` lines, which are
// also what the CLI must report, and words each one exactly as the engine's finding for the CLI does.
import { readdirSync } from "node:fs";
import path from "node:path";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

import { analyzeProgram } from "../src/analysis/engine.js";
import { applySuppressions, scanProgramSuppressions } from "../src/suppressions.js";
import { LEAK_RULE_ID } from "../src/analysis/findings.js";
import { loadProgram } from "../src/analysis/load.js";
import { loadConfig } from "../src/config/load.js";
import purpose, { TYPESCRIPT_FILES } from "../rules/index.js";
import { expectedLeaks, leakKey, listFixtures } from "./fixture-utils.js";

const JAVASCRIPT_FILES = ["**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"];

interface EslintLeak {
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

async function eslintLeaks(dir: string, tsconfig: string): Promise<EslintLeak[]> {
  const { files, allowJs } = fixtureFiles(dir, tsconfig);
  if (files.length === 0) return [];
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      // JavaScript files a tsconfig includes with allowJs are analysed by the CLI; lint them too.
      { ...purpose.configs.recommended, files: allowJs ? [...TYPESCRIPT_FILES, ...JAVASCRIPT_FILES] : TYPESCRIPT_FILES },
      { languageOptions: { parserOptions: { projectService: false, project: tsconfig, tsconfigRootDir: dir } } },
    ],
  });
  const results = await eslint.lintFiles(files);
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId === LEAK_RULE_ID)
      .map((message) => ({ at: relativeAt(dir, result.filePath, message.line), column: message.column, message: message.message })),
  );
}

const fixtures = listFixtures();

describe("ESLint rule ↔ fixtures ↔ CLI engine", () => {
  it("has fixtures to compare", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)("$name", async (fixture) => {
    const dir = path.resolve(fixture.dir);
    const tsconfig = path.resolve(dir, fixture.tsconfig);
    let leaks: EslintLeak[];
    try {
      leaks = await eslintLeaks(dir, tsconfig);
    } finally {
      // typescript-estree keeps a program per tsconfig for the life of the process; a hundred fixtures' worth
      // of checkers would exhaust the worker's heap.
      clearCaches();
    }

    // What the CLI reports, from the same engine over the CLI's loader (when the CLI can load the program at
    // all; a broken tsconfig is the CLI's exit 2, covered by its own tests).
    let cli: EslintLeak[] | undefined;
    try {
      // As the CLI does: purpose-lint.config.json found upward from the tsconfig's directory (fixtures/config/*).
      const program = loadProgram(tsconfig);
      const analysed = analyzeProgram(program, { config: loadConfig(path.dirname(tsconfig)) });
      // As the CLI does: `// purpose-lint-ignore: <reason>` comments hide the violations they cover.
      cli = applySuppressions(analysed, scanProgramSuppressions(program))
        .result.findings.filter((finding) => {
          const relative = path.relative(dir, finding.sink.location.file);
          return !relative.startsWith("..") && !path.isAbsolute(relative);
        })
        .map((finding) => ({
          at: relativeAt(dir, finding.sink.location.file, finding.sink.location.line),
          column: finding.sink.location.column,
          message: finding.message,
        }));
    } catch {
      cli = undefined;
    }

    // Parity first: the editor shows what CI shows, at the same place, in the same words.
    if (cli !== undefined) {
      const key = (leak: EslintLeak): string => `${leak.at}:${String(leak.column)} ${leak.message}`;
      expect([...new Set(leaks.map(key))].sort(), "ESLint vs CLI").toEqual([...new Set(cli.map(key))].sort());
    }
    // Then the ground truth: the `// expect-leak` lines.
    const expected = [...new Set(expectedLeaks(dir))].sort();
    expect([...new Set(leaks.map((leak) => leak.at))].sort(), "ESLint vs expect-leak markers").toEqual(expected);
  });
});
