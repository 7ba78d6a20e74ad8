/**
 * Files nested deeper than the analysis can follow (issue 9, item 1). The TypeScript parser, binder and checker
 * and the engine's own walks recurse once or a few times per level of nesting, so how deep a file may go depends
 * on the stack of the thread that analyses it: the CLI's worker has 1 GiB (src/worker/limits.ts), an ESLint
 * process the default of about 1 MB. A file deeper than that — or one the parser itself overflows on — is skipped
 * and named (`too-deep`), like a file with a syntax error, and the rest of the program is analysed.
 */
import { resourceLimits } from "node:worker_threads";
import type TS from "typescript";
import ts from "../typescript.js";

/**
 * AST levels followed per MB of stack. Measured through the whole CLI (parse, bind, check, interpret) at 8 MB:
 * about 670 per MB for nested calls, the costliest per level, ~750 for parentheses, ~1,000 for object literals
 * and if blocks; half of the costliest leaves room for the call stack of the functions around the deep code.
 */
const LEVELS_PER_MB = 300;
/** V8's default stack (`--stack-size`, 984 KB) on the main thread. */
const DEFAULT_STACK_KB = 984;

/** How many AST levels a file may nest in this thread. */
export function maxNesting(execArgv: readonly string[] = process.execArgv): number {
  let stackMb = resourceLimits.stackSizeMb;
  if (stackMb === undefined) {
    const option = execArgv.map((arg) => /^--stack[-_]size=(\d+)$/.exec(arg)?.[1]).find((kb) => kb !== undefined);
    stackMb = Number(option ?? DEFAULT_STACK_KB) / 1024;
  }
  return Math.floor(stackMb * LEVELS_PER_MB);
}

const depths = new WeakMap<TS.SourceFile, number>();

/**
 * AST levels one character of source can open, at most: every nesting level but a bounded few wrappers consumes a
 * token (`!`, `(`, `[`, `.x`), and no wrapper nests in itself without one.
 */
const LEVELS_PER_CHARACTER = 4;

/** Whether `file` is within `limit` levels: short files are, without a walk (the walk costs as much as binding). */
export function withinNesting(file: TS.SourceFile, limit: number): boolean {
  return file.text.length * LEVELS_PER_CHARACTER <= limit || nestingDepth(file) <= limit;
}

/** The deepest AST level in `file` (the file itself is level 0), found without recursion. Cached per file. */
export function nestingDepth(file: TS.SourceFile): number {
  const known = depths.get(file);
  if (known !== undefined) return known;
  let deepest = 0;
  const nodes: TS.Node[] = [file];
  const levels: number[] = [0];
  for (let node = nodes.pop(); node; node = nodes.pop()) {
    const level = levels.pop()!;
    if (level > deepest) deepest = level;
    ts.forEachChild(node, (child) => {
      nodes.push(child);
      levels.push(level + 1);
    });
  }
  depths.set(file, deepest);
  return deepest;
}

/** Why a file is too deep: its depth and the limit, or the parser's own overflow (depth unknown). */
export interface TooDeep {
  depth?: number;
  limit: number;
}

const replaced = new WeakMap<TS.SourceFile, TooDeep>();

/** Whether an error is the JS engine's stack overflow (V8: RangeError "Maximum call stack size exceeded"). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * What the compiler host hands the program instead of a file too deep to parse or to analyse: an empty file of
 * the same name, so the binder and checker never walk the deep one and the engine can name it (`tooDeepFile`).
 */
export function tooDeepPlaceholder(fileName: string, languageVersion: TS.ScriptTarget | TS.CreateSourceFileOptions, why: TooDeep): TS.SourceFile {
  const placeholder = ts.createSourceFile(fileName, "", languageVersion);
  replaced.set(placeholder, why);
  return placeholder;
}

/** Whether a file is too deep for this thread: a placeholder the loader made, or a parsed file past the limit. */
export function tooDeepFile(file: TS.SourceFile, limit = maxNesting()): TooDeep | undefined {
  const placeholder = replaced.get(file);
  if (placeholder) return placeholder;
  if (withinNesting(file, limit)) return undefined;
  return { depth: nestingDepth(file), limit };
}
