// The leak rule's adapter logic with a stand-in engine: which findings a file gets, where they are reported,
// how the message is worded from the trace, and that the whole-program analysis runs once per ts.Program.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import type ts from "typescript";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { AnalysisResult, Finding, Location, TraceStep } from "../src/analysis/findings.js";

const ruleFixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "rule-fixtures");
const accountsFile = path.join(ruleFixturesDir, "accounts.ts");
const fileTs = path.join(ruleFixturesDir, "file.ts");

const analyzeProgram = vi.hoisted(() => vi.fn<(program: ts.Program) => AnalysisResult>());
vi.mock("../src/analysis/engine.js", () => ({ analyzeProgram, engineStateOf: () => undefined }));

const { default: purpose } = await import("../rules/index.js");
const { leakMessage, leakMessageData, hopsOfFinding, functionNameOfLabel } = await import("../rules/no-security-contact-leak.js");

function at(file: string, line: number, column: number, endColumn: number): Location {
  return { file, line, column, endLine: line, endColumn };
}

function step(kind: TraceStep["kind"], label: string, location: Location): TraceStep {
  return { kind, label, location };
}

/** The Twitter case: read, normalised, hashed, uploaded. */
function twitterFinding(sinkLocation: Location): Finding {
  const source = at(accountsFile, 13, 10, 33);
  return {
    ruleId: "purpose/no-security-contact-leak",
    message: "twoFactorPhone (SecurityContact) reaches advertising sink addToTailoredAudience via normalizePhone → createHash",
    source: { field: "Account.twoFactorPhone", location: source },
    sink: {
      callee: "addToTailoredAudience",
      purpose: "advertising",
      argumentIndex: 1,
      origin: "jsdoc",
      location: sinkLocation,
    },
    trace: [
      step("source", "read twoFactorPhone", source),
      step("call", "passed to normalizePhone", source),
      step("return", "returned from normalizePhone", source),
      step("transform", "template literal", source),
      step("transform", "hashed by createHash", source),
      step("sink", "passed to addToTailoredAudience", sinkLocation),
    ],
    fingerprint: "f1",
  };
}

function result(findings: Finding[]): AnalysisResult {
  return { findings, notifications: [], skippedFiles: [], inventory: { sources: [], sinks: [], declassifications: [] }, stats: { files: 0, functions: 0, contexts: 0, elapsedMs: 0 } };
}

function projectEslint(): ESLint {
  return new ESLint({
    cwd: ruleFixturesDir,
    overrideConfigFile: true,
    overrideConfig: [
      purpose.configs.recommended,
      {
        languageOptions: {
          parserOptions: { projectService: false, project: "./tsconfig.json", tsconfigRootDir: ruleFixturesDir },
        },
        rules: { "purpose/no-brand-cast": "off", "purpose/declassify-needs-reason": "off" },
      },
    ],
  });
}

afterEach(() => {
  analyzeProgram.mockReset();
  clearCaches(); // each test starts typescript-eslint afresh: a new project service, new Programs
});

describe("message", () => {
  it("is the engine's message, the CLI's words", () => {
    const finding = { ...twitterFinding(at(accountsFile, 24, 40, 50)), message: "engine words" };
    expect(leakMessage(finding)).toBe("engine words");
  });

  it("falls back to naming the field, the purpose, the sink and the functions in between", () => {
    const finding = { ...twitterFinding(at(accountsFile, 24, 40, 50)), message: "" };
    expect(leakMessage(finding)).toBe(
      "twoFactorPhone (SecurityContact) reaches advertising sink addToTailoredAudience via normalizePhone → createHash",
    );
    expect(hopsOfFinding(finding)).toEqual(["normalizePhone", "createHash"]);
    const data = leakMessageData(finding);
    expect(`${data.source} (SecurityContact) reaches ${data.purpose} sink ${data.sink}${data.via}`).toBe(
      "twoFactorPhone (SecurityContact) reaches advertising sink addToTailoredAudience via normalizePhone → createHash",
    );
  });

  it("reads function names from the engine's labels", () => {
    expect(functionNameOfLabel("returned from normalizePhone")).toBe("normalizePhone");
    expect(functionNameOfLabel("returned from getter phone")).toBe("phone");
    expect(functionNameOfLabel("hashed by createHash")).toBe("createHash");
    expect(functionNameOfLabel("encoded by encodeURIComponent")).toBe("encodeURIComponent");
    expect(functionNameOfLabel("passed to normalizePhone")).toBeUndefined();
    expect(functionNameOfLabel("template literal")).toBeUndefined();
  });

  it("leaves out the via part when nothing happened between source and sink", () => {
    const finding = { ...twitterFinding(at(accountsFile, 24, 40, 50)), trace: [] };
    expect(leakMessageData(finding).via).toBe("");
  });
});

describe("adapter", () => {
  it("reports each file's findings at the sink argument, and analyses the Program once for all files", async () => {
    analyzeProgram.mockImplementation(() =>
      result([
        // Spelled with a "." segment: paths are compared normalised.
        twitterFinding(at(path.join(ruleFixturesDir, ".", "accounts.ts"), 24, 38, 48)),
        twitterFinding(at(accountsFile, 18, 3, 99)), // end column past the line: clamped, not thrown
      ]),
    );
    const results = await projectEslint().lintFiles([fileTs, accountsFile]);
    expect(analyzeProgram).toHaveBeenCalledTimes(1);
    const byFile = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages]));
    expect(byFile["file.ts"]).toEqual([]);
    expect(
      byFile["accounts.ts"]?.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, endColumn: m.endColumn, message: m.message })),
    ).toEqual([
      {
        ruleId: "purpose/no-security-contact-leak",
        line: 18,
        column: 3,
        endColumn: 19,
        message: "twoFactorPhone (SecurityContact) reaches advertising sink addToTailoredAudience via normalizePhone → createHash",
      },
      {
        ruleId: "purpose/no-security-contact-leak",
        line: 24,
        column: 38,
        endColumn: 48,
        message: "twoFactorPhone (SecurityContact) reaches advertising sink addToTailoredAudience via normalizePhone → createHash",
      },
    ]);
  });

  it("with the project service (the recommended config as users run it), still once per Program", async () => {
    analyzeProgram.mockImplementation(() => result([]));
    const eslint = new ESLint({
      cwd: ruleFixturesDir,
      overrideConfigFile: true,
      overrideConfig: [purpose.configs.recommended, { languageOptions: { parserOptions: { tsconfigRootDir: ruleFixturesDir } } }],
    });
    await eslint.lintFiles([fileTs, accountsFile, path.join(ruleFixturesDir, "brand.ts")]);
    const programs = new Set(analyzeProgram.mock.calls.map(([program]) => program));
    expect(programs.size).toBe(analyzeProgram.mock.calls.length);
    expect(analyzeProgram).toHaveBeenCalledTimes(1);
  });

  it("re-analyses when the Program changes (an edit in the editor)", async () => {
    analyzeProgram.mockImplementation(() => result([]));
    const eslint = projectEslint();
    await eslint.lintText("export const a = 1;\n", { filePath: fileTs });
    await eslint.lintText("export const a = 2;\n", { filePath: fileTs });
    expect(analyzeProgram).toHaveBeenCalledTimes(2);
  });
});
