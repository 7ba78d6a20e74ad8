/** What the main thread hands the analysis worker, and what the worker sends back (run-in-worker.ts). */
export interface WorkerInput {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export type WorkerMessage =
  | { kind: "stdout"; text: string }
  | { kind: "stderr"; text: string }
  | { kind: "phase"; phase: string }
  | { kind: "exit"; code: number };
