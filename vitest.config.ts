import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The ESLint parity suite builds a typed program per fixture; give its worker room beyond the default heap.
    execArgv: ["--max-old-space-size=6144"],
  },
});
