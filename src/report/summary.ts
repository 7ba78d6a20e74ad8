import { PURPOSES, type AnalysisResult, type Finding, type Purpose } from "../analysis/findings.js";
import { isIncomplete } from "../analysis/incomplete.js";

/** Counts every format reports the same way. */
export interface Summary {
  violations: number;
  byPurpose: Record<Purpose, number>;
  /** Distinct files that contain a sink argument of a violation. */
  filesWithViolations: number;
  /** Problems of the other rules: brand casts, declassify calls without a real justification. */
  problems: number;
  filesAnalyzed: number;
  skippedFiles: number;
  /** Something was skipped, unresolved, missing or widened: "no violation" is not a promise (see incomplete.ts). */
  incomplete: boolean;
}

/** Counts of a result, by purpose and by file. */
export function summarize(result: AnalysisResult): Summary {
  const byPurpose = Object.fromEntries(PURPOSES.map((p) => [p, 0])) as Record<Purpose, number>;
  for (const finding of result.findings) byPurpose[finding.sink.purpose] += 1;
  return {
    violations: result.findings.length,
    byPurpose,
    filesWithViolations: new Set(result.findings.map((f) => f.sink.location.file)).size,
    problems: result.problems?.length ?? 0,
    filesAnalyzed: result.stats.files,
    skippedFiles: result.skippedFiles.length,
    incomplete: isIncomplete(result),
  };
}

/**
 * Findings in a stable order: sink file, line, column, then fingerprint, so two runs over the same code produce
 * byte-identical reports whatever order the engine found them in. Files compare by code unit, not locale.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.sink.location.file, b.sink.location.file) ||
      a.sink.location.line - b.sink.location.line ||
      a.sink.location.column - b.sink.location.column ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
}

/** Code-unit comparison, independent of the locale the tool runs in. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Skipped files no notification names (each skipped file is reported once, by its notification when it has one). */
export function unnamedSkippedFiles(result: Pick<AnalysisResult, "notifications" | "skippedFiles">): string[] {
  const named = new Set(result.notifications.map((n) => n.location?.file));
  return result.skippedFiles.filter((file) => !named.has(file));
}
