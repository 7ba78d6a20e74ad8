/**
 * The machine format: a stable, versioned JSON document (schema in docs/output-formats.md). Every path is
 * relative to `context.cwd` with `/` separators; keys are written in a fixed order and findings are sorted, so
 * equal results give byte-equal reports.
 */
import type { AnalysisResult, Finding, Location, Notification, TraceStep } from "../analysis/findings.js";
import type { RuleProblem } from "../checks/problems.js";
import type { ReportContext } from "./context.js";
import { relativePosix } from "./paths.js";
import { compareStrings, sortFindings, summarize, type Summary } from "./summary.js";
import { TOOL_NAME } from "./tool-info.js";

/** Bumped only for incompatible changes (a field removed, renamed or retyped); new fields keep version 1. */
export const JSON_SCHEMA_VERSION = 1;

/** The document {@link formatJson} writes. Same shapes as `findings.ts`, with relative POSIX paths. */
export interface JsonReport {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: string; version: string };
  findings: Finding[];
  /** Problems of `purpose/no-brand-cast` and `purpose/declassify-needs-reason`, sorted by place. */
  problems: RuleProblem[];
  notifications: Notification[];
  skippedFiles: string[];
  summary: Summary & { elapsedMs: number };
}

/** Formats a result as the JSON report (two-space indented, no trailing newline). */
export function formatJson(result: AnalysisResult, context: ReportContext): string {
  return JSON.stringify(buildJsonReport(result, context), null, 2);
}

/** The JSON report as an object, for callers that embed it. */
export function buildJsonReport(result: AnalysisResult, context: ReportContext): JsonReport {
  const loc = (location: Location): Location => ({
    file: relativePosix(location.file, context.cwd),
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  });
  const step = (s: TraceStep): TraceStep => ({ location: loc(s.location), label: s.label, kind: s.kind });
  const finding = (f: Finding): Finding => ({
    ruleId: f.ruleId,
    message: f.message,
    source: { field: f.source.field, location: loc(f.source.location) },
    sink: {
      callee: f.sink.callee,
      purpose: f.sink.purpose,
      argumentIndex: f.sink.argumentIndex,
      origin: f.sink.origin,
      location: loc(f.sink.location),
    },
    trace: f.trace.map(step),
    fingerprint: f.fingerprint,
    ...(f.entry === undefined ? {} : { entry: { ...f.entry, location: loc(f.entry.location) } }),
  });
  const notification = (n: Notification): Notification => ({
    level: n.level,
    kind: n.kind,
    message: n.message,
    ...(n.location === undefined ? {} : { location: loc(n.location) }),
    ...(n.incomplete === true ? { incomplete: true } : {}),
    ...(n.count === undefined ? {} : { count: n.count }),
  });
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: context.toolVersion },
    findings: sortFindings(result.findings).map(finding),
    problems: (result.problems ?? []).map((p) => ({ ruleId: p.ruleId, messageId: p.messageId, message: p.message, location: loc(p.location) })),
    notifications: result.notifications.map(notification),
    skippedFiles: result.skippedFiles.map((file) => relativePosix(file, context.cwd)).sort(compareStrings),
    summary: { ...summarize(result), elapsedMs: Math.round(context.elapsedMs) },
  };
}
