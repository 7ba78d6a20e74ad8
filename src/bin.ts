#!/usr/bin/env node
/**
 * The `purpose-lint` executable: the only module that touches `process`. All logic lives in cli.ts; it runs in a
 * worker thread with a deep stack and an explicit heap limit (worker/run-in-worker.ts).
 */
import { runCliInWorker } from "./worker/run-in-worker.js";

process.exitCode = await runCliInWorker(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  execArgv: process.execArgv,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY,
  stderrIsTTY: process.stderr.isTTY,
});
