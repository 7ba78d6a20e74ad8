/**
 * Runs the CLI in a worker thread with a deep stack and an explicit heap limit (limits.ts), so that deeply nested
 * code is followed instead of ending in "Maximum call stack size exceeded", and an exhausted heap ends in one line
 * and exit 2 instead of V8's fatal-error stack trace. Output, exit codes and formats are the CLI's own: the worker
 * runs `runCli` and sends back what it writes.
 */
import { Worker } from "node:worker_threads";
import { EXIT } from "../cli.js";
import { BUG_REPORT_HINT, TOOL_NAME } from "../report/tool-info.js";
import { heapLimit, outOfMemoryMessage, stackLimit } from "./limits.js";
import type { WorkerInput, WorkerMessage } from "./messages.js";

export interface WorkerIO {
  cwd: string;
  env: Record<string, string | undefined>;
  execArgv: readonly string[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Told each phase the analysis enters (the supervising process names it if memory runs out). */
  onPhase?: (phase: string) => void;
}

/**
 * The worker's young generation, in MiB (V8's default is 48 on 64-bit machines). The analysis allocates many
 * short-lived values. 12 MiB kept memory lowest, but on large programs its frequent scavenges promote values that
 * would have died young, and garbage collection grew to a quarter of the run. 20 MiB keeps most of the speed of a
 * larger nursery for little memory: shared corpus, 5,000 files: 12 MiB 73 s, 20 MiB 50 s, 32 MiB 55 s; own
 * 2,000-file corpus peak RSS 512 / 522 / 533 MiB (tsc: 474). The 20,000-file figure in docs/benchmark.md was
 * measured with 32.
 */
const YOUNG_GENERATION_MB = 20;

export function runCliInWorker(argv: string[], io: WorkerIO): Promise<number> {
  const limit = heapLimit(io.env, io.execArgv);
  const input: WorkerInput = { argv, cwd: io.cwd, env: io.env, stdoutIsTTY: io.stdoutIsTTY, stderrIsTTY: io.stderrIsTTY };
  const worker = new Worker(new URL("./cli-worker.js", import.meta.url), {
    workerData: input,
    resourceLimits: { stackSizeMb: stackLimit(io.env), maxOldGenerationSizeMb: limit.mb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  return new Promise((resolve) => {
    let phase: string | undefined;
    let code: number | undefined;
    let failure: string | undefined;
    worker.on("message", (message: WorkerMessage) => {
      switch (message.kind) {
        case "stdout":
          io.stdout(message.text);
          break;
        case "stderr":
          io.stderr(message.text);
          break;
        case "phase":
          phase = message.phase;
          io.onPhase?.(message.phase);
          break;
        case "exit":
          code = message.code;
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      failure =
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? outOfMemoryMessage(limit, phase)
          : `internal error: ${error.message.replace(/\s*\n\s*/g, " ")} — ${BUG_REPORT_HINT} with the command you ran`;
    });
    worker.on("exit", () => {
      if (code !== undefined && failure === undefined) {
        resolve(code);
        return;
      }
      io.stderr(`${TOOL_NAME}: ${failure ?? `internal error: the analysis stopped without a result${phase === undefined ? "" : ` while ${phase}`} — ${BUG_REPORT_HINT}`}\n`);
      resolve(EXIT.error);
    });
  });
}
