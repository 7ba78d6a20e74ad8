/**
 * When a result is incomplete, and how to say so in one line.
 *
 * purpose-lint is a gate: CI reads exit 0 as "no security contact reaches a sink". A run that skipped a file,
 * could not resolve an import of first-party code, was told by tsc that an input of the program is missing, or
 * widened part of the analysis (see `widened` in engine.ts) cannot promise that, so the CLI exits 2 unless the
 * user accepts it with `--allow-incomplete` (issue 9, docs/output-formats.md "Exit codes").
 */
import type { AnalysisResult, Notification } from "./findings.js";

/** How each kind of incompleteness is counted in the one-line summary: singular, plural. */
const PHRASES: Record<string, [string, string]> = {
  "syntax-error": ["file skipped for syntax errors", "files skipped for syntax errors"],
  "too-deep": ["file skipped, nested too deeply to analyse", "files skipped, nested too deeply to analyse"],
  "tsconfig-error": ["tsconfig input missing", "tsconfig inputs missing"],
  "unresolved-import": ["first-party import unresolved", "first-party imports unresolved"],
  widened: ["function widened", "functions widened"],
};

/** Whether anything in `result` makes "no violation" an unreliable answer. */
export function isIncomplete(result: Pick<AnalysisResult, "notifications" | "skippedFiles">): boolean {
  return result.skippedFiles.length > 0 || result.notifications.some((n) => n.incomplete === true);
}

/**
 * What made the result incomplete, counted by kind ("2 files skipped for syntax errors, 1 first-party import
 * unresolved"), or undefined when it is complete. Skipped files are counted from `skippedFiles`, each once.
 */
export function describeIncompleteness(result: Pick<AnalysisResult, "notifications" | "skippedFiles">): string | undefined {
  const counts = new Map<string, number>();
  const add = (kind: string, count: number): void => {
    if (count > 0) counts.set(kind, (counts.get(kind) ?? 0) + count);
  };
  const skippedByNotification = new Set<string>();
  for (const notification of result.notifications) {
    if (notification.incomplete !== true) continue;
    if (isSkipNotification(notification) && notification.location !== undefined) {
      skippedByNotification.add(notification.location.file);
    }
    add(notification.kind, notification.count ?? 1);
  }
  // Skipped files without a notification of their own (a caller that filled `skippedFiles` only).
  add("syntax-error", result.skippedFiles.filter((file) => !skippedByNotification.has(file)).length);
  if (counts.size === 0) return undefined;
  return [...counts]
    .map(([kind, count]) => {
      const [one, many] = PHRASES[kind] ?? [kind, kind];
      return `${String(count)} ${count === 1 ? one : many}`;
    })
    .join(", ");
}

function isSkipNotification(notification: Notification): boolean {
  return notification.kind === "syntax-error" || notification.kind === "too-deep";
}
