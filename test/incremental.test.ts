/**
 * The editor's path: after an edit, the engine resumes from the previous Program's state. Whatever it reuses,
 * its findings must equal a fresh whole-program run on the edited Program.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { analyzeProgram, engineStateOf } from "../src/analysis/engine.js";
import type { AnalysisResult } from "../src/analysis/findings.js";

const demo = path.resolve(import.meta.dirname, "../fixtures/demo");

/** A compiler host that, like the language service, hands out the same SourceFile for unchanged text. */
function editableProject(tsconfig: string) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const overrides = new Map<string, string>();
  const files = new Map<string, ts.SourceFile>();
  const host = ts.createCompilerHost(parsed.options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    const text = overrides.get(name);
    const key = `${name}\u0000${text ?? ""}`;
    let file = files.get(key);
    if (!file) {
      file = text === undefined ? read(name, version, onError) : ts.createSourceFile(name, text, version, true);
      if (file) files.set(key, file);
    }
    return file;
  };
  let program: ts.Program | undefined;
  return {
    edit(file: string, change: (text: string) => string) {
      overrides.set(file, change(overrides.get(file) ?? fs.readFileSync(file, "utf8")));
    },
    program(): ts.Program {
      program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, ...(program ? { oldProgram: program } : {}) });
      return program;
    },
  };
}

const shape = (result: AnalysisResult) =>
  result.findings.map((f) => `${path.relative(demo, f.sink.location.file)}:${f.sink.location.line} ${f.source.field} ${f.fingerprint}`).sort();

describe("incremental analysis after an edit", () => {
  const audience = path.join(demo, "src/ads/audience-matching.ts");

  it("reuses the previous run and reports exactly what a fresh run reports", () => {
    const project = editableProject(path.join(demo, "tsconfig.json"));
    const first = project.program();
    const full = analyzeProgram(first, { keepState: true });
    expect(full.findings.length).toBeGreaterThan(0);

    // An unrelated edit: nothing changes.
    project.edit(audience, (text) => `${text}\nexport const editedAt = 1;\n`);
    const second = project.program();
    const resumed = analyzeProgram(second, { keepState: true, previous: engineStateOf(first)! });
    expect(shape(resumed)).toEqual(shape(analyzeProgram(second)));
    expect(resumed.stats.contexts).toBeLessThan(full.stats.contexts);

    // An edit that removes a leak: the finding goes away, and nothing else changes.
    project.edit(audience, (text) => text.replaceAll("twoFactorPhone", "email"));
    const third = project.program();
    const afterFix = analyzeProgram(third, { keepState: true, previous: engineStateOf(second)! });
    expect(shape(afterFix)).toEqual(shape(analyzeProgram(third)));
    // The edited file's leak (reached both from its own read and from the repository's stored records) is gone.
    const elsewhere = full.findings.filter((f) => f.sink.location.file !== audience);
    expect(full.findings.length).toBeGreaterThan(elsewhere.length);
    expect(afterFix.findings.length).toBe(elsewhere.length);
  });

  it("resumes after editing the file that declares the brand's fields, and starts over when a @sink tag goes", () => {
    const project = editableProject(path.join(demo, "tsconfig.json"));
    const first = project.program();
    const full = analyzeProgram(first, { keepState: true });

    // The User model mentions SecurityContact, but adding a method changes no branded field.
    project.edit(path.join(demo, "src/domain/user.ts"), (text) => `${text}\nexport function displayName(u: { id: string }): string {\n  return u.id;\n}\n`);
    const second = project.program();
    const resumed = analyzeProgram(second, { keepState: true, previous: engineStateOf(first)! });
    expect(shape(resumed)).toEqual(shape(analyzeProgram(second)));
    expect(resumed.stats.contexts).toBeLessThan(full.stats.contexts / 2);

    // Removing a sink tag changes what every caller means: a full run, still equal to a fresh one.
    project.edit(path.join(demo, "src/analytics/product-analytics.ts"), (text) => text.replace("@sink analytics", "analytics"));
    const third = project.program();
    const restarted = analyzeProgram(third, { keepState: true, previous: engineStateOf(second)! });
    expect(shape(restarted)).toEqual(shape(analyzeProgram(third)));
    expect(restarted.findings.length).toBeLessThan(full.findings.length);
  });
});

const shapeOf = (dir: string) => (result: AnalysisResult) =>
  result.findings.map((f) => `${path.relative(dir, f.sink.location.file)}:${f.sink.location.line} ${f.source.field} ${f.fingerprint}`).sort();

/** React programs: state, context and props cells resume like module state; each edit removes a leak. */
describe("incremental analysis of React programs", () => {
  for (const [name, file, from, to] of [
    ["state-callback", "panel.tsx", "setPhone(user.twoFactorPhone)", "setPhone(user.id)"],
    ["context", "session.tsx", "phone: user.twoFactorPhone", "phone: user.id"],
    ["context", "banner.tsx", "session.phone", "session.userId"],
    ["prop-drilling", "app.tsx", "phone={user.twoFactorPhone}", "phone={user.id}"],
  ] as const) {
    it(`${name} ${file}`, () => {
      const dir = path.resolve(import.meta.dirname, "../fixtures/react", name);
      const shape = shapeOf(dir);
      const project = editableProject(path.join(dir, "tsconfig.json"));
      const first = project.program();
      const full = analyzeProgram(first, { keepState: true });
      project.edit(path.join(dir, file), (text) => `${text}\nexport const editedAt = 1;\n`);
      const second = project.program();
      const resumed = analyzeProgram(second, { keepState: true, previous: engineStateOf(first)! });
      expect(shape(resumed)).toEqual(shape(full));
      project.edit(path.join(dir, file), (text) => text.replace(from, to));
      const third = project.program();
      const afterFix = analyzeProgram(third, { keepState: true, previous: engineStateOf(second)! });
      const fresh = analyzeProgram(third);
      expect(shape(afterFix)).toEqual(shape(fresh));
      expect(fresh.findings.length).toBeLessThan(full.findings.length);
    });
  }
});

/**
 * Functions that only add to module state (`outbox.push(e)`) do not depend on it, so they do not run again when
 * another caller's push changes it; an edit that drops the cell must still bring every pusher's part back.
 */
describe("incremental analysis of module state filled from many files", () => {
  it("keeps an unedited file's push into an outbox the edit drops", () => {
    const dir = path.resolve(import.meta.dirname, "../fixtures/heap/shared-outbox");
    const shape = shapeOf(dir);
    const project = editableProject(path.join(dir, "tsconfig.json"));
    const first = project.program();
    const full = analyzeProgram(first, { keepState: true });
    expect(full.findings.map((f) => f.source.field).sort()).toEqual(["User.recoveryEmail", "User.twoFactorPhone"]);
    project.edit(path.join(dir, "signup.ts"), (text) => text.replace("phone: user.twoFactorPhone", "phone: user.id"));
    const second = project.program();
    const resumed = analyzeProgram(second, { keepState: true, previous: engineStateOf(first)! });
    expect(shape(resumed)).toEqual(shape(analyzeProgram(second)));
    expect(resumed.findings.map((f) => f.source.field)).toEqual(["User.recoveryEmail"]);
  });
});
