// Developer check: an incremental run after an edit must equal a full run on the edited program (not shipped).
import fs from "node:fs";
import ts from "typescript";
import { analyzeProgram, engineStateOf } from "../src/analysis/engine.js";

const [configPath, editFile] = process.argv.slice(2) as [string, string];
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const cache = new Map<string, ts.SourceFile>();
const overrides = new Map<string, string>();
const host = ts.createCompilerHost(parsed.options, true);
const read = host.getSourceFile.bind(host);
host.getSourceFile = (name, version, onError) => {
  const text = overrides.get(name);
  const key = `${name}|${text ?? ""}`;
  let file = cache.get(key);
  if (!file) {
    file = text !== undefined ? ts.createSourceFile(name, text, version, true) : read(name, version, onError);
    if (file) cache.set(key, file);
  }
  return file;
};
const t0 = performance.now();
const p1 = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
const r1 = analyzeProgram(p1, { keepState: true });
const t1 = performance.now();
console.log(`full run with state: ${(t1 - t0).toFixed(0)} ms (analyse ${r1.stats.elapsedMs.toFixed(0)}), ${r1.findings.length} findings`);
for (let i = 1; i <= 5; i++) {
  const path = editFile;
  let text = `${fs.readFileSync(path, "utf8")}\nexport const __edit${i} = ${i};\n`;
  const [from, to] = (process.env.REPLACE ?? "").split("=>");
  if (from && to !== undefined && i % 2 === 0) text = text.split(from).join(to);
  overrides.set(path, text);
  const a = performance.now();
  const p2 = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, oldProgram: i === 1 ? p1 : undefined });
  const b = performance.now();
  const prev = engineStateOf(i === 1 ? p1 : (globalThis as { last?: ts.Program }).last!);
  const r2 = analyzeProgram(p2, { keepState: true, previous: prev });
  const c = performance.now();
  (globalThis as { last?: ts.Program }).last = p2;
  const fresh = analyzeProgram(p2);
  const key = (r: typeof r1) => r.findings.map((f) => `${f.sink.location.file}:${f.sink.location.line}:${f.source.field}`).sort().join("\n");
  console.log(`edit ${i}: program ${(b - a).toFixed(0)} ms, incremental analyse ${(c - b).toFixed(0)} ms (contexts ${r2.stats.contexts}), findings ${r2.findings.length}, fresh ${fresh.findings.length}, equal ${key(r2) === key(fresh)}`);
}
