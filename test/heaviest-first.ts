/**
 * The order vitest hands test files to its two workers: longest first, so that the last file to start is a short
 * one and both cores stay busy to the end. Vitest's own order uses the durations of the previous run, which a
 * fresh clone (CI) does not have; then the suites known to be heaviest go first, largest files after them.
 */
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The heaviest suites, heaviest first (CPU time of `npm test`, 2026-12-07). */
const HEAVIEST = [
  "eslint-parity",
  "fixtures",
  "deep-inputs",
  "incremental",
  "config",
  "turbo",
  "bench-corpus",
  "audit",
  "cli",
  "catalog-entries",
].map((name) => `${name}.test.ts`);

export default class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = HEAVIEST.indexOf(path.basename(spec.moduleId));
      return index === -1 ? HEAVIEST.length : index;
    };
    const previousRun = (spec: TestSpecification): boolean =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${path.relative(this.ctx.config.root, spec.moduleId)}`) !== undefined;
    // With every file's duration from a previous run, vitest's order is already longest first.
    if (sorted.every(previousRun)) return sorted;
    return sorted.map((spec, index) => ({ spec, index })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index).map(({ spec }) => spec);
  }
}
