/**
 * How much stack and heap the analysis worker gets (see run-in-worker.ts).
 *
 * Stack: the TypeScript parser, binder and checker and the engine's interpreter recurse once or a few times per
 * level of nesting; 1 GiB (reserved, touched only as deep as a file goes) lets them follow 50,000 nested
 * parentheses or calls. A file nested deeper still is skipped and named (`too-deep`), see analysis/nesting.ts.
 * `PURPOSE_LINT_STACK_MB` sets another size.
 *
 * Heap: `PURPOSE_LINT_MAX_HEAP_MB` when set, else the `--max-old-space-size` given to node (on its command line
 * or in NODE_OPTIONS), else what the machine can afford: 75% of its memory — a container's memory limit when it
 * has one — keeping at least 1 GiB for everything else, and never less than node's own default (about 2–4 GB,
 * which a 20,000-file monorepo outgrows).
 */
import os from "node:os";
import v8 from "node:v8";

const WORKER_STACK_MB = 1024;

/** The worker's stack in MB: `PURPOSE_LINT_STACK_MB` when set (a smaller one makes `too-deep` testable), else 1 GiB. */
export function stackLimit(env: Record<string, string | undefined>): number {
  return positiveInteger(env.PURPOSE_LINT_STACK_MB) ?? WORKER_STACK_MB;
}

/** Where the heap limit came from: the message for an exhausted heap says how to raise it. */
export interface HeapLimit {
  mb: number;
  origin: "env" | "node-option" | "default";
}

const MB = 1024 * 1024;

export function heapLimit(env: Record<string, string | undefined>, execArgv: readonly string[]): HeapLimit {
  const fromEnv = positiveInteger(env.PURPOSE_LINT_MAX_HEAP_MB);
  if (fromEnv !== undefined) return { mb: fromEnv, origin: "env" };
  const options = [...execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)];
  let fromNode: number | undefined;
  for (const option of options) {
    const match = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(option);
    if (match) fromNode = positiveInteger(match[1]);
  }
  if (fromNode !== undefined) return { mb: fromNode, origin: "node-option" };
  const nodeDefault = Math.floor(v8.getHeapStatistics().heap_size_limit / MB);
  // In a container the cgroup's limit, not the host's memory, is what there is.
  const constrained = process.constrainedMemory() || Infinity;
  const machine = Math.floor(Math.min(os.totalmem(), constrained) / MB);
  return { mb: Math.max(nodeDefault, Math.min(Math.floor(machine * MACHINE_SHARE), machine - RESERVED_MB)), origin: "default" };
}

/** The share of the machine's memory the analysis takes by default, and what it leaves to everything else. */
const MACHINE_SHARE = 0.75;
const RESERVED_MB = 1024;

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value > 0 ? value : undefined;
}

/** How the analysis ran out: its heap limit reached, or the process killed by the system (the OOM killer). */
export type OutOfMemoryCause = "heap" | "killed";

/**
 * The one line for an analysis that ran out of memory: what ran out, where the run was, and what to do — a bigger
 * heap through the setting that chose this one, or the packages of a monorepo analysed one at a time.
 */
export function outOfMemoryMessage(limit: HeapLimit, phase: string | undefined, cause: OutOfMemoryCause = "heap"): string {
  const where = phase === undefined ? "" : ` while ${phase}`;
  const separately = "or analyse the packages separately (--project <one package's tsconfig.json>)";
  if (cause === "killed") {
    return (
      `out of memory${where}: the system stopped the analysis (SIGKILL) before its ${String(limit.mb)} MB heap was full; ` +
      `free memory for it, run it on a machine with more, ${separately}`
    );
  }
  const bigger = String(Math.max(limit.mb * 2, 1024));
  const origin = { env: "PURPOSE_LINT_MAX_HEAP_MB", "node-option": "--max-old-space-size", default: "75% of this machine's memory" }[limit.origin];
  const raise = limit.origin === "env" ? `PURPOSE_LINT_MAX_HEAP_MB=${bigger}` : `NODE_OPTIONS=--max-old-space-size=${bigger}`;
  const machine = limit.origin === "default" ? " on a machine with more memory" : "";
  return `out of memory${where}: the analysis needed more than its ${String(limit.mb)} MB heap (${origin}); give it more with ${raise}${machine}, ${separately}`;
}
