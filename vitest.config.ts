import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default for `run` is one worker fewer than the cores: one worker on the 2-core machines CI and
    // this project's benchmarks use. Two keep both cores busy; no suite needs a core to itself.
    maxWorkers: 2,
    // The ESLint parity suite builds a typed program per fixture; give its worker room beyond the default heap.
    execArgv: ["--max-old-space-size=6144"],
    // typescript-eslint infers single-run mode from CI=true; pin the editor's (watch) mode so a run means the
    // same on a laptop and in CI. test/eslint-single-run.test.ts covers single-run mode; set
    // TSESTREE_SINGLE_RUN=true to run every suite in it.
    env: { TSESTREE_SINGLE_RUN: process.env.TSESTREE_SINGLE_RUN ?? "false" },
  },
});
