// Developer helper: analyse a tsconfig's program and print findings briefly (not part of the product).
import ts from "typescript";
import { analyzeProgram } from "../src/analysis/engine.js";

const configPath = process.argv[2]!;
const t0 = performance.now();
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) })!;
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const t1 = performance.now();
const result = analyzeProgram(program);
const t2 = performance.now();
for (const f of result.findings) {
  console.log(`${f.sink.location.file}:${f.sink.location.line}  ${f.message}`);
  if (process.env.TRACE) for (const s of f.trace) console.log(`    ${s.location.file.split("/").slice(-1)[0]}:${s.location.line} ${s.label}`);
}
for (const n of result.notifications.slice(0, 10)) console.log(`note: ${n.message}`);
console.error(`load ${(t1 - t0).toFixed(0)}ms analyse ${(t2 - t1).toFixed(0)}ms findings ${result.findings.length} contexts ${result.stats.contexts} functions ${result.stats.functions}`);
if (process.env.OUT) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(process.env.OUT, JSON.stringify(result.findings.map((f) => ({ file: f.sink.location.file, line: f.sink.location.line, message: f.message }))));
}
if (process.env.CHECK) {
  const t3 = performance.now();
  const p2 = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const t4 = performance.now();
  let n = 0;
  for (const f of p2.getSourceFiles()) n += p2.getSemanticDiagnostics(f).length;
  console.error(`tsc-equivalent: load ${(t4 - t3).toFixed(0)}ms check ${(performance.now() - t4).toFixed(0)}ms (${n} diagnostics)`);
}
