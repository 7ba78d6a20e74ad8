/**
 * Generated programs for the catalog suites: one file `calls.ts` (with `// expect-leak` markers) and its
 * tsconfig in a temporary directory, analysed through the CLI path and through ESLint.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { analyzeProgram } from "../src/analysis/engine.js";
import { LEAK_RULE_ID, type AnalysisResult } from "../src/analysis/findings.js";
import { loadProgram } from "../src/analysis/load.js";
import purpose from "../rules/index.js";
import { expectedLeaks } from "./fixture-utils.js";

const brand = path.resolve(import.meta.dirname, "../runtime/security-contact.ts");

/** Writes `calls.ts` and a tsconfig (DOM lib for page globals, no @types) into a new temporary directory. */
export function writeGenerated(prefix: string, source: string, config?: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, "calls.ts"), source);
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, types: [], paths: { "purpose-lint": [brand] } },
      include: ["calls.ts"],
    }),
  );
  if (config) fs.writeFileSync(path.join(dir, "purpose-lint.config.json"), JSON.stringify(config));
  return dir;
}

/** The marked lines, sorted as strings ("calls.ts:1004" before "calls.ts:264"), like the found ones. */
export function expectedLines(dir: string): string[] {
  return [...expectedLeaks(dir)].sort();
}

/** The CLI path's result and its finding lines (each once: a line may hold several sink arguments). */
export function analyzeGenerated(dir: string, config?: Parameters<typeof analyzeProgram>[1]): { result: AnalysisResult; lines: string[] } {
  const result = analyzeProgram(loadProgram(path.join(dir, "tsconfig.json")), config);
  return { result, lines: [...new Set(result.findings.map((f) => `calls.ts:${f.sink.location.line}`))].sort() };
}

/** The leak rule's report lines through ESLint. */
export async function lintGenerated(dir: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      purpose.configs.recommended,
      { languageOptions: { parserOptions: { projectService: false, project: path.join(dir, "tsconfig.json"), tsconfigRootDir: dir } } },
    ],
  });
  const [result] = await eslint.lintFiles([path.join(dir, "calls.ts")]);
  clearCaches();
  return [...new Set((result?.messages ?? []).filter((m) => m.ruleId === LEAK_RULE_ID).map((m) => `calls.ts:${m.line}`))].sort();
}
