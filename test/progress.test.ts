/** The progress line: only on a terminal's stderr, only after the delay, always erased. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { createProgress } from "../src/progress.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("progress", () => {
  it("writes nothing when disabled (stderr is not a terminal)", () => {
    let written = "";
    let now = 0;
    const progress = createProgress({ enabled: false, write: (t) => (written += t), now: () => now, timer: false });
    now = 5000;
    progress.update("purpose-lint: analysing…");
    progress.clear();
    expect(written).toBe("");
  });

  it("shows one updating line after the delay and erases it", () => {
    const writes: string[] = [];
    let now = 0;
    const progress = createProgress({ enabled: true, write: (t) => writes.push(t), now: () => now, timer: false });
    progress.update("loading");
    expect(writes).toEqual([]);
    now = 1500;
    progress.update("analysing");
    now = 2500;
    progress.update("analysing");
    progress.clear();
    progress.clear();
    expect(writes).toEqual(["\r\u001b[2Kanalysing 1.5 s", "\r\u001b[2Kanalysing 2.5 s", "\r\u001b[2K"]);
    expect(writes.join("")).not.toContain("\n");
  });

  it("never erases a line it did not draw", () => {
    const writes: string[] = [];
    const progress = createProgress({ enabled: true, write: (t) => writes.push(t), now: () => 0, timer: false });
    progress.update("loading");
    progress.clear();
    expect(writes).toEqual([]);
  });

  it("the CLI writes nothing to a non-terminal stderr", async () => {
    let stderr = "";
    const code = await runCli(["--project", "fixtures/cli-inputs/leak/tsconfig.json"], {
      cwd: REPO,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(1);
    expect(stderr).toBe("");
  });
});
