import { defineConfig } from "vitest/config";

import HeaviestFirst from "./test/heaviest-first.js";

/** Suites that mock modules or set process-wide state (TSESTREE_SINGLE_RUN): each runs in a process of its own. */
const ISOLATED = ["test/cli.test.ts", "test/config.test.ts", "test/eslint-leak-adapter.test.ts", "test/eslint-single-run.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default for `run` is one worker fewer than the cores: one worker on the 2-core machines CI and
    // this project's benchmarks use. Two keep both cores busy; no suite needs a core to itself.
    maxWorkers: 2,
    // Longest first (a fresh clone has no durations from a previous run to order by).
    sequence: { sequencer: HeaviestFirst },
    // The ESLint parity suite builds a typed program per fixture; give its worker room beyond the default heap.
    execArgv: ["--max-old-space-size=6144"],
    // typescript-eslint infers single-run mode from CI=true; pin the editor's (watch) mode so a run means the
    // same on a laptop and in CI. test/eslint-single-run.test.ts covers single-run mode; set
    // TSESTREE_SINGLE_RUN=true to run every suite in it.
    env: { TSESTREE_SINGLE_RUN: process.env.TSESTREE_SINGLE_RUN ?? "false" },
    projects: [
      // One process per worker for the other suites, not one per file: TypeScript, ESLint and the standard
      // library's declarations (src/analysis/load.ts caches them) are loaded and compiled once per worker, not
      // ~35 times; that start-up was about a third of the suite's CPU time.
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: "isolated", isolate: true, include: ISOLATED } },
    ],
  },
});
