/**
 * The worker side of run-in-worker.ts: runs the CLI with the main thread's arguments and sends everything it
 * writes, the phase it is in and its exit code back as messages.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runCli } from "../cli.js";
import type { WorkerInput, WorkerMessage } from "./messages.js";

const input = workerData as WorkerInput;
const send = (message: WorkerMessage): void => parentPort?.postMessage(message);

const code = await runCli(input.argv, {
  cwd: input.cwd,
  env: input.env,
  stdoutIsTTY: input.stdoutIsTTY,
  stderrIsTTY: input.stderrIsTTY,
  stdout: (text) => {
    send({ kind: "stdout", text });
  },
  stderr: (text) => {
    send({ kind: "stderr", text });
  },
  onPhase: (phase) => {
    send({ kind: "phase", phase });
  },
});
send({ kind: "exit", code });
