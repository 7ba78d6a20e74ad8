/**
 * Measuring one command: wall time (process.hrtime around the child) and peak RSS (GNU time's %M, the child's
 * ru_maxrss in KiB). Each run is a fresh child process.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const GNU_TIME = process.env.PURPOSE_LINT_BENCH_TIME || "/usr/bin/time";

export function checkGnuTime() {
  if (!existsSync(GNU_TIME)) {
    throw new Error(`${GNU_TIME} not found: the benchmark reads peak RSS from GNU time (apt-get install time, or set PURPOSE_LINT_BENCH_TIME)`);
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `command args` under GNU time. Returns { wallS, peakKiB, exitCode, signal, stdout, stderr }.
 * `okExitCodes` decides `ok`; the caller reports failures. `env` defaults to this process's environment.
 */
export function measureCommand(command, args, { cwd, env, timeoutMs, okExitCodes = [0] } = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "pl-bench-"));
  const timeFile = path.join(scratch, "time.txt");
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(GNU_TIME, ["-f", "%e %M", "-o", timeFile, command, ...args], {
      cwd,
      env: env ?? process.env,
      encoding: "utf8",
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      maxBuffer: 512 * 1024 * 1024,
    });
    const wallS = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
    let peakKiB = NaN;
    let timeWallS = NaN;
    if (existsSync(timeFile)) {
      // "Command exited with non-zero status 1" or "Command terminated by signal 9" may precede the numbers.
      const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
      const match = /^(\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
      if (match) {
        timeWallS = Number(match[1]);
        peakKiB = Number(match[2]);
      }
    }
    // GNU time exits with the child's status; a child killed by a signal shows as 128+n.
    const exitCode = result.status;
    return {
      wallS,
      timeWallS,
      peakKiB,
      exitCode,
      signal: result.signal,
      timedOut: result.signal === "SIGKILL" && wallS * 1000 >= (timeoutMs ?? Infinity) - 50,
      ok: result.signal === null && okExitCodes.includes(exitCode) && Number.isFinite(peakKiB),
      stdout: result.stdout ?? "",
      stderr: result.stderr ?? "",
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
