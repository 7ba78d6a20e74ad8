#!/usr/bin/env node
/**
 * The `purpose-lint` executable: the only module that touches `process`. All logic lives in cli.ts; it runs in a
 * worker thread with a deep stack and an explicit heap limit (worker/run-in-worker.ts), in a child process this
 * one watches, so that running out of memory in any way ends in one line (worker/supervise.ts).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { PHASE_FD, STDERR_TTY_ENV, SUPERVISED_ENV, supervise } from "./worker/supervise.js";

if (process.env[SUPERVISED_ENV] === "1") {
  const { runCliInWorker } = await import("./worker/run-in-worker.js");
  process.exitCode = await runCliInWorker(process.argv.slice(2), {
    cwd: process.cwd(),
    env: withoutSupervisorMarks(process.env),
    execArgv: process.execArgv,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY,
    stderrIsTTY: process.env[STDERR_TTY_ENV] === "1",
    onPhase: (phase) => {
      try {
        fs.writeSync(PHASE_FD, `${phase}\n`);
      } catch {
        // Started with the mark but without the phase pipe: nobody to tell.
      }
    },
  });
} else {
  const end = await supervise(fileURLToPath(import.meta.url), process.argv.slice(2), {
    env: process.env,
    execArgv: process.execArgv,
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY,
  });
  if ("signal" in end) process.kill(process.pid, end.signal);
  else process.exitCode = end.code;
}

/** The environment the CLI sees: the user's, without the marks between this process and its parent. */
function withoutSupervisorMarks(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== SUPERVISED_ENV && name !== STDERR_TTY_ENV));
}
