/**
 * The audit: what a reviewer reads to know where security contacts live and go — every source, every sink by
 * purpose, every violation with its flow, every declassification and suppression with its justification, and
 * fields that look like security contacts but are not branded. This module holds the data both audit formats
 * (src/report/audit-md.ts, src/report/audit-html.ts) render, and the helpers they share.
 */
import path from "node:path";
import type { AnalysisResult, Location, Purpose } from "../analysis/findings.js";
import { relativePosix, relativeUri } from "../report/paths.js";
import type { SuppressionRecord } from "../suppressions.js";
import type { CandidateReport } from "../discovery/discover.js";
import type { Coverage } from "./coverage.js";
import type { SuspiciousField } from "./suspicious.js";

export const AUDIT_FORMATS = ["md", "html", "fides"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function isAuditFormat(value: string): value is AuditFormat {
  return (AUDIT_FORMATS as readonly string[]).includes(value);
}

/** Everything an audit shows. Paths are absolute; renderers relativise them. */
export interface AuditData {
  /** The tsconfig analysed (absolute). */
  project: string;
  /** The analysis result, after suppressions (so `findings` are the unsuppressed violations). */
  result: AnalysisResult;
  suppressions: SuppressionRecord[];
  suspicious: SuspiciousField[];
  /** Catalogued APIs the program uses, and what looks like one but is not catalogued. */
  coverage: Coverage;
  /** Unbranded fields used for account security (src/discovery/); absent when not searched. */
  candidates?: CandidateReport;
}

export interface AuditContext {
  /** Directory that displayed paths are relative to (the working directory). */
  cwd: string;
  /** Directory that link targets are relative to: where the report file is written (the cwd for stdout). */
  linkBase: string;
  toolVersion: string;
  elapsedMs: number;
  /** Fixed timestamp for the header; omitted when undefined (tests compare output). */
  generatedAt?: string;
}

/** How a sink was declared, in a reviewer's words. */
export const ORIGIN_LABELS: Record<"jsdoc" | "catalog" | "config", string> = {
  jsdoc: "first-party @sink tag",
  catalog: "SDK catalog",
  config: "config / zones",
};

export const PURPOSE_ORDER: readonly Purpose[] = ["advertising", "marketing", "analytics"];

/** Helpers both renderers use to show and link locations. */
export class Locator {
  constructor(private readonly context: AuditContext) {}

  /** "src/ads/x.ts". */
  file(file: string): string {
    return relativePosix(file, this.context.cwd);
  }

  /** "src/ads/x.ts:12:5". */
  at(location: Location): string {
    return `${this.file(location.file)}:${String(location.line)}:${String(location.column)}`;
  }

  /** A relative link to the file at that line, from where the report lives: "src/ads/x.ts#L12". */
  href(location: Location): string {
    const relative = path.isAbsolute(location.file) ? relativePosix(location.file, this.context.linkBase) : location.file;
    const uri = /^[A-Za-z]:/.test(relative) || relative.startsWith("/") ? encodeURI(`file:///${relative.replace(/^\//, "")}`) : relativeUri(relative);
    return `${uri}#L${String(location.line)}`;
  }

  /** Opens the file at that line in VS Code: "vscode://file/abs/path.ts:12:5". */
  vscode(location: Location): string {
    const absolute = path.resolve(this.context.cwd, location.file).split(path.sep).join("/");
    const encoded = absolute.split("/").map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment))).join("/");
    return `vscode://file${encoded.startsWith("/") ? "" : "/"}${encoded}:${String(location.line)}:${String(location.column)}`;
  }
}

/** Counts for the audit's summary. */
export function auditCounts(data: AuditData): {
  sources: number;
  reads: number;
  sinks: number;
  sinkCalls: number;
  violations: number;
  declassifications: number;
  suppressions: number;
  suspicious: number;
  covered: number;
  notCovered: number;
  files: number;
} {
  const { inventory } = data.result;
  return {
    sources: inventory.sources.length,
    reads: inventory.sources.reduce((n, s) => n + s.reads.length, 0),
    sinks: inventory.sinks.length,
    sinkCalls: inventory.sinks.reduce((n, s) => n + s.calls.length, 0),
    violations: data.result.findings.length,
    declassifications: inventory.declassifications.length,
    suppressions: data.suppressions.length,
    suspicious: data.suspicious.length,
    covered: data.coverage.covered.length,
    notCovered: data.coverage.notCovered.length,
    files: data.result.stats.files,
  };
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${String(count)} ${count === 1 ? noun : nouns}`;
}

/** What each suppression status means, in a reviewer's words. */
export const SUPPRESSION_STATUS: Record<SuppressionRecord["status"], string> = {
  used: "suppresses",
  unused: "unused (matches no violation)",
  "missing-reason": "ERROR: no reason (suppresses nothing)",
};
