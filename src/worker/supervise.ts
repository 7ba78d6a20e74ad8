/**
 * The `purpose-lint` process watches the one that analyses (issue 13, item 4).
 *
 * The analysis runs in a worker thread with its own heap limit (run-in-worker.ts), and a worker that reaches it is
 * usually stopped with ERR_WORKER_OUT_OF_MEMORY. Not always: when one allocation (a large Map growing, an array
 * copied) overshoots the limit, V8 aborts the whole process and prints its "Last few GCs" and a native stack
 * trace; the Linux OOM killer ends a process with SIGKILL and no word at all. Neither can be caught from inside.
 * So bin.ts starts itself once more as a child (marked by PURPOSE_LINT_SUPERVISED, so it never starts a third)
 * and stays small: standard input and output are the child's own (inherited, so pipes, TTYs and exit codes are
 * unchanged), standard error passes through this process until V8's fatal report begins, and a child that dies
 * of memory becomes one line and exit 2. The child reports the phase it is in on file descriptor 3, so that line
 * can say where it was.
 */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { BUG_REPORT_HINT, TOOL_NAME } from "../report/tool-info.js";
import { heapLimit, outOfMemoryMessage } from "./limits.js";

/** Set in the child's environment: it runs the CLI itself instead of starting another child. */
export const SUPERVISED_ENV = "PURPOSE_LINT_SUPERVISED";
/** Whether this process's standard error is a terminal, for the child whose standard error is a pipe. */
export const STDERR_TTY_ENV = "PURPOSE_LINT_STDERR_TTY";
/** The child's file descriptor for phase names, one a line. */
export const PHASE_FD = 3;

/** The start of V8's and Node's fatal-error report on standard error. */
const FATAL_REPORT = /\n?<--- Last few GCs --->|\n?#\s*Fatal (?:JavaScript|error)|FATAL ERROR:/;
/** A fatal report that is about memory. */
const OUT_OF_MEMORY = /out of memory|Reached heap limit|Allocation failed/i;
/** How much of a fatal report is kept to tell memory from other crashes. */
const REPORT_KEPT = 4096;

export interface SupervisorIO {
  env: Record<string, string | undefined>;
  execArgv: readonly string[];
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
}

/** How the child ended, for bin.ts: an exit code, or a signal to end this process with too. */
export type SupervisedEnd = { code: number } | { signal: NodeJS.Signals };

/** Signals passed on to the child (a terminal's Ctrl-C reaches both; a CI timeout's SIGTERM only this one). */
const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Runs `script argv` in a child node process and reports its end; see the module comment. */
export function supervise(script: string, argv: readonly string[], io: SupervisorIO): Promise<SupervisedEnd> {
  const child = spawn(process.execPath, [...io.execArgv, script, ...argv], {
    stdio: ["inherit", "inherit", "pipe", "pipe"],
    env: { ...io.env, [SUPERVISED_ENV]: "1", [STDERR_TTY_ENV]: io.stderrIsTTY ? "1" : "0" },
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);

  let phase: string | undefined;
  let phases = "";
  const phaseStream = child.stdio[PHASE_FD] as Readable | null;
  phaseStream?.setEncoding("utf8");
  phaseStream?.on("data", (text: string) => {
    phases += text;
    const lines = phases.split("\n");
    phases = lines.pop() ?? "";
    const last = lines.filter((line) => line !== "").at(-1);
    if (last !== undefined) phase = last;
  });

  let report: string | undefined;
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (text: string) => {
    if (report !== undefined) {
      if (report.length < REPORT_KEPT) report += text;
      return;
    }
    const match = FATAL_REPORT.exec(text);
    if (match === null) {
      io.stderr(text);
      return;
    }
    const before = text.slice(0, match.index);
    if (before.trim() !== "") io.stderr(before.endsWith("\n") ? before : `${before}\n`);
    report = text.slice(match.index);
  });

  return new Promise((resolve) => {
    const end = (result: SupervisedEnd): void => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(result);
    };
    child.on("error", (error) => {
      io.stderr(`${TOOL_NAME}: could not start the analysis process (${error.message}) — ${BUG_REPORT_HINT}\n`);
      end({ code: 2 });
    });
    child.on("close", (code, signal) => {
      const limit = heapLimit(io.env, io.execArgv);
      if (report !== undefined && OUT_OF_MEMORY.test(report)) {
        io.stderr(`${TOOL_NAME}: ${outOfMemoryMessage(limit, phase)}\n`);
        end({ code: 2 });
      } else if (signal === "SIGKILL") {
        io.stderr(`${TOOL_NAME}: ${outOfMemoryMessage(limit, phase, "killed")}\n`);
        end({ code: 2 });
      } else if (report !== undefined || (signal !== null && !FORWARDED.includes(signal))) {
        const what = report?.split("\n").find((line) => /\w/.test(line) && !line.includes("<---"))?.trim() ?? `ended by ${String(signal)}`;
        io.stderr(`${TOOL_NAME}: internal error: the analysis crashed${phase === undefined ? "" : ` while ${phase}`} (${what}) — ${BUG_REPORT_HINT}\n`);
        end({ code: 2 });
      } else if (signal !== null) {
        end({ signal });
      } else {
        end({ code: code ?? 2 });
      }
    });
  });
}
