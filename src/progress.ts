/**
 * A single updating status line on a terminal's standard error for runs longer than a second:
 * `purpose-lint: analysing 1,234 files… 3.4 s`. The engine reports no progress of its own yet and its phases are
 * synchronous, so the line changes at phase boundaries (and whenever the event loop is free, for the elapsed
 * time). It is erased before the report is printed. Disabled entirely when standard error is not a terminal.
 */
export interface Progress {
  /** Sets what the run is doing now; shown once the run is older than the delay. */
  update(status: string): void;
  /** Erases the line (if shown) and stops the timer. Idempotent. */
  clear(): void;
}

export interface ProgressOptions {
  enabled: boolean;
  write: (text: string) => void;
  /** Milliseconds before anything is shown. */
  delayMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Whether to refresh the elapsed time on a timer (off in tests). */
  timer?: boolean;
}

const CLEAR_LINE = "\r\u001b[2K";

export const NO_PROGRESS: Progress = { update: () => undefined, clear: () => undefined };

export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return NO_PROGRESS;
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 1000;
  const started = now();
  let status = "";
  let shown = false;
  let done = false;
  const render = (): void => {
    if (done || status === "") return;
    const elapsed = now() - started;
    if (elapsed < delay) return;
    shown = true;
    options.write(`${CLEAR_LINE}${status} ${(elapsed / 1000).toFixed(1)} s`);
  };
  const interval = options.timer === false ? undefined : setInterval(render, 200);
  interval?.unref();
  return {
    update(next) {
      status = next;
      render();
    },
    clear() {
      if (done) return;
      done = true;
      if (interval !== undefined) clearInterval(interval);
      if (shown) options.write(CLEAR_LINE);
    },
  };
}
