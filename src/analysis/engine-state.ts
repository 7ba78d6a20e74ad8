/**
 * Incremental runs (the editor): what one run leaves for the next over an edited version of the same program,
 * and whether an edit lets the next run start from it.
 */
import type TS from "typescript";
import type { Model } from "./model.js";
import type { RawFinding } from "./report-findings.js";
import type { MemoEntry } from "./summary-memo.js";
import type { AV, CellKey, Source } from "./values.js";

/**
 * What one run leaves for the next run over an edited version of the same program (the editor): memoised
 * summaries, module state and findings, each with the files it depends on. See `analyzeProgram`'s `previous`.
 */
export interface EngineState {
  program: TS.Program;
  configKey: string;
  memo: Map<string, MemoEntry>;
  rootEntries: Map<TS.Node, MemoEntry>;
  model: Model;
  globals: Map<CellKey, AV>;
  sources: Map<TS.Node, Map<string, Source>>;
  nextSourceId: number;
  rawFindings: Map<string, RawFinding & { entry?: MemoEntry }>;
}

/**
 * An earlier run can seed this one when the config is the same and no edited file changes the model itself —
 * brand aliases, `@sink` tags, `@purpose` tags — which every summary depends on.
 */
export function canResume(previous: EngineState, program: TS.Program, configKey: string): boolean {
  if (previous.configKey !== configKey || previous.program === program) return false;
  const before = new Set(previous.program.getSourceFiles());
  const after = new Set(program.getSourceFiles());
  const added = [...after].filter((file) => !before.has(file));
  const removed = new Map([...before].filter((file) => !after.has(file)).map((file) => [file.fileName, file]));
  if (added.length + removed.size > 50) return false;
  // What the edit did to the model's own inputs (brand aliases, branded fields, @sink and @purpose tags): if
  // nothing, summaries outside the edited files still hold.
  const model = previous.model;
  for (const file of added) {
    const old = removed.get(file.fileName);
    if (model.signatureOf(file) !== (old ? model.signatureOf(old) : "")) return false;
    removed.delete(file.fileName);
  }
  for (const old of removed.values()) if (model.signatureOf(old) !== "") return false;
  return true;
}

const states = new WeakMap<TS.Program, EngineState>();

/** The state a `keepState` run left for its program, to pass as `previous` when the program is edited. */
export function engineStateOf(program: TS.Program): EngineState | undefined {
  return states.get(program);
}

export function rememberState(program: TS.Program, state: EngineState): void {
  states.set(program, state);
}
