/**
 * Whole-program results, computed once per `ts.Program` and shared by every file the ESLint rule lints.
 *
 * typescript-eslint's parser services hand each linted file the same `ts.Program` until a file changes (the
 * project service and the `project` watch programs both reuse it), so a lint run over N files analyses the
 * program once, not N times. The WeakMap lets a Program and its result be collected together once the
 * parser drops it.
 *
 * Editor latency, and where incremental reuse plugs in: an edit produces a *new* Program, so today the engine
 * re-runs over the whole program after every keystroke that reaches ESLint. The Programs typescript-eslint
 * creates after an edit share unchanged `ts.SourceFile` objects with their predecessor (the language service
 * reuses them), so the next step is a second, finer cache here keyed on those SourceFiles: per-declaration
 * function summaries (`WeakMap<ts.SourceFile, FileSummaries>`) passed to the engine as a warm start, so that
 * only the changed file's summaries and their callers up the call graph are recomputed. That needs the
 * engine to expose summaries (e.g. `analyzeProgram(program, { summaries })`); this module is the only place
 * the ESLint side would change.
 */

import path from "node:path";

import type TS from "typescript";

import type { PurposeConfig } from "../config/types.js";
import { analyzeProgram } from "./engine.js";
import type { AnalysisResult, Finding } from "./findings.js";

const caseInsensitiveFileSystem = process.platform === "win32" || process.platform === "darwin";

const results = new WeakMap<TS.Program, AnalysisResult>();
/** Results under a configuration: the rule loads one PurposeConfig object per config file version (see config/load.ts). */
const configuredResults = new WeakMap<TS.Program, WeakMap<PurposeConfig, AnalysisResult>>();
const findingsByFile = new WeakMap<AnalysisResult, ReadonlyMap<string, readonly Finding[]>>();

/**
 * `analyzeProgram(program, { config })`, computed at most once per Program object and config object (a config
 * loaded with `loadConfig(…, { cache: true })` is the same object until its file changes).
 */
export function analyzeProgramCached(program: TS.Program, config?: PurposeConfig): AnalysisResult {
  if (config === undefined) {
    let result = results.get(program);
    if (result === undefined) {
      result = analyzeProgram(program);
      results.set(program, result);
    }
    return result;
  }
  let byConfig = configuredResults.get(program);
  if (byConfig === undefined) {
    byConfig = new WeakMap();
    configuredResults.set(program, byConfig);
  }
  let result = byConfig.get(config);
  if (result === undefined) {
    result = analyzeProgram(program, { config });
    byConfig.set(config, result);
  }
  return result;
}

/**
 * The findings whose sink argument lies in `file`, from a result indexed once (so each linted file costs a map
 * lookup, not a scan of every finding). `file` may use either separator; see `normalizePath`.
 */
export function findingsInFile(result: AnalysisResult, file: string): readonly Finding[] {
  let index = findingsByFile.get(result);
  if (index === undefined) {
    const building = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const key = normalizePath(finding.sink.location.file);
      const list = building.get(key);
      if (list === undefined) building.set(key, [finding]);
      else list.push(finding);
    }
    index = building;
    findingsByFile.set(result, index);
  }
  return index.get(normalizePath(file)) ?? [];
}

/**
 * One spelling per file: absolute, forward slashes, no `.`/`..` segments, and case-folded where the file system
 * usually is (Windows, macOS), because the engine reports native paths while ESLint, TypeScript and the user may
 * spell the same file differently. No realpath: it costs a system call per file and symlinked sources are rare.
 */
export function normalizePath(file: string): string {
  const normalized = path.resolve(file).replace(/\\/g, "/");
  return caseInsensitiveFileSystem ? normalized.toLowerCase() : normalized;
}
