/**
 * Whole-program results, computed once per `ts.Program` and shared by every file the ESLint rule lints.
 *
 * typescript-eslint's parser services hand each linted file the same `ts.Program` until a file changes (the
 * project service and the `project` watch programs both reuse it), so a lint run over N files analyses the
 * program once, not N times. The WeakMap lets a Program and its result be collected together once the
 * parser drops it.
 *
 * Editor latency: an edit produces a *new* Program. The Programs typescript-eslint creates after an edit share
 * unchanged `ts.SourceFile` objects with their predecessor (the language service reuses them), so the engine
 * resumes from the previous Program's state: summaries whose files are all shared are kept, and only what the
 * edited files reach is analysed again (`EngineOptions.previous`, `engineStateOf`).
 */

import path from "node:path";

import type TS from "typescript";

import type { PurposeConfig } from "../config/types.js";
import type { ProgramSummaries } from "../summaries/editor.js";
import { analyzeProgram, engineStateOf, type EngineState } from "./engine.js";
import type { AnalysisResult, Finding } from "./findings.js";

const caseInsensitiveFileSystem = process.platform === "win32" || process.platform === "darwin";

/**
 * Results by Program, config object (the rule loads one PurposeConfig object per config file version, see
 * config/load.ts; `undefined`: the defaults) and the key of the summaries standing for dependencies ("": none).
 */
const results = new WeakMap<TS.Program, Map<PurposeConfig | undefined, Map<string, AnalysisResult>>>();
const findingsByFile = new WeakMap<AnalysisResult, ReadonlyMap<string, readonly Finding[]>>();
const findingsByEntryFile = new WeakMap<AnalysisResult, ReadonlyMap<string, readonly Finding[]>>();

/**
 * The last Program analysed per project (tsconfig) and summaries key, with its engine state, so the next version
 * of it — after an edit — starts from its summaries: only what the edited files reach is analysed again (see
 * `EngineOptions.previous`). A run under other package summaries never resumes from this one.
 */
const latestByProject = new Map<string, { program: TS.Program; state: EngineState | undefined }>();
const WARM_PROJECTS = 4;

/**
 * `analyzeProgram(program, { config, summaries })`, computed at most once per Program object, config object (a
 * config loaded with `loadConfig(…, { cache: true })` is the same object until its file changes) and summaries
 * key, and incrementally from the previous version of the same project when there is one.
 */
export function analyzeProgramCached(
  program: TS.Program,
  config?: PurposeConfig,
  summaries: ProgramSummaries = { packages: undefined, key: "" },
  recorded?: () => readonly Finding[] | undefined,
): AnalysisResult {
  let byConfig = results.get(program);
  if (byConfig === undefined) results.set(program, (byConfig = new Map<PurposeConfig | undefined, Map<string, AnalysisResult>>()));
  let byKey = byConfig.get(config);
  if (byKey === undefined) byConfig.set(config, (byKey = new Map<string, AnalysisResult>()));
  let result = byKey.get(summaries.key);
  if (result === undefined) {
    result = (latestByProject.has(projectKey(program, summaries)) ? undefined : recordedResult(recorded?.())) ?? analyzeIncrementally(program, config, summaries);
    byKey.set(summaries.key, result);
  }
  return result;
}

/**
 * The findings a package summary recorded for exactly this program's inputs (`recorded`, asked only for a project
 * with no warm state: once an edit has been analysed, resuming is cheaper than hashing every file again). No
 * engine state comes with them, so the project's next Program is analysed in full, and resumes from then on.
 */
function recordedResult(findings: readonly Finding[] | undefined): AnalysisResult | undefined {
  if (findings === undefined) return undefined;
  return { findings: [...findings], notifications: [], skippedFiles: [], inventory: { sources: [], sinks: [], declassifications: [] }, stats: { files: 0, functions: 0, contexts: 0, elapsedMs: 0 } };
}

function projectKey(program: TS.Program, summaries: ProgramSummaries): string {
  const configFile = program.getCompilerOptions().configFilePath;
  return `${typeof configFile === "string" ? configFile : program.getCurrentDirectory()}\n${summaries.key}`;
}

function analyzeIncrementally(program: TS.Program, config: PurposeConfig | undefined, summaries: ProgramSummaries): AnalysisResult {
  const project = projectKey(program, summaries);
  const before = latestByProject.get(project);
  const previous = before && before.program !== program ? before.state : undefined;
  const result = analyzeProgram(program, {
    keepState: true,
    notifications: false,
    inventory: false,
    ...(config ? { config } : {}),
    ...(previous ? { previous } : {}),
    ...(summaries.packages ? { summaries: summaries.packages } : {}),
  });
  // Most recently used last; a few projects (a monorepo's packages) stay warm, older ones are let go.
  latestByProject.delete(project);
  latestByProject.set(project, { program, state: engineStateOf(program) });
  for (const stale of latestByProject.keys()) {
    if (latestByProject.size <= WARM_PROJECTS) break;
    latestByProject.delete(stale);
  }
  return result;
}

/**
 * The most recently analysed Program that contains `file`, if one is still warm: the project a file belongs to
 * when typescript-eslint hands over an isolated Program for it (see project-program.ts).
 */
export function analysedProgramContaining(file: string): TS.Program | undefined {
  const newestFirst = [...latestByProject.values()].reverse();
  return newestFirst.find(({ program }) => program.getSourceFile(file) !== undefined)?.program;
}

/**
 * The findings whose sink argument lies in `file` (or, with `at: "entry"`, whose entry does), from a result
 * indexed once (so each linted file costs a map lookup, not a scan of every finding). `file` may use either
 * separator; see `normalizePath`.
 */
export function findingsInFile(result: AnalysisResult, file: string, at: "sink" | "entry" = "sink"): readonly Finding[] {
  const indexes = at === "sink" ? findingsByFile : findingsByEntryFile;
  let index = indexes.get(result);
  if (index === undefined) {
    const building = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      const location = at === "sink" ? finding.sink.location : finding.entry?.location;
      if (location === undefined) continue;
      const key = normalizePath(location.file);
      const list = building.get(key);
      if (list === undefined) building.set(key, [finding]);
      else list.push(finding);
    }
    index = building;
    indexes.set(result, index);
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
