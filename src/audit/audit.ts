/**
 * The audit: what a reviewer reads to know where security contacts live and go — every source, every sink by
 * purpose, every violation with its flow, every declassification and suppression with its justification, and
 * fields that look like security contacts but are not branded. This module holds the data both audit formats
 * (src/report/audit-md.ts, src/report/audit-html.ts) render, and the helpers they share.
 */
import fs from "node:fs";
import path from "node:path";
import type { AnalysisResult, Location, Purpose } from "../analysis/findings.js";
import { relativePosix, relativeUri } from "../report/paths.js";
import type { SuppressionRecord } from "../suppressions.js";
import type { CandidateReport } from "../discovery/discover.js";
import type { Coverage } from "./coverage.js";
import type { RepositoryInfo } from "./repository.js";
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
  /** The repository analysed (repository.ts): the header names its commit, links go to its web host. */
  repository?: RepositoryInfo;
  /** Running in CI: no `vscode://` links, whose absolute paths are the CI machine's. */
  ci?: boolean;
  /** Reads a source file for the code snippets (default: the file system). */
  readSource?: (file: string) => string | undefined;
}

/** What the header says about the code read: "commit 1a2b3c4d5e6f (branch main, uncommitted changes), committed …". */
export function provenance(context: AuditContext): string | undefined {
  const repo = context.repository;
  if (repo?.commit === undefined) return undefined;
  const details = [repo.branch === undefined ? undefined : `branch ${repo.branch}`, repo.dirty === true ? "uncommitted changes" : undefined].filter(Boolean);
  return `commit ${repo.commit.slice(0, 12)}${details.length > 0 ? ` (${details.join(", ")})` : ""}${repo.commitDate === undefined ? "" : `, committed ${repo.commitDate}`}`;
}

/** A declassification's justification as a reviewer must see it: missing and empty ones stand out. */
export function justificationOf(justification: string | undefined): { missing: string } | { text: string } {
  if (justification === undefined) return { missing: "none given (not a string literal)" };
  if (justification.trim() === "") return { missing: "EMPTY justification" };
  return { text: justification };
}

/** The lines around a location (± `context`), numbered, for a code snippet; empty when the file cannot be read. */
export function snippet(auditContext: AuditContext, location: Location, context = 1): { line: number; text: string; here: boolean }[] {
  const source = (auditContext.readSource ?? readFile)(location.file);
  if (source === undefined) return [];
  const lines = source.split(/\r\n|\r|\n/);
  const first = Math.max(1, location.line - context);
  const last = Math.min(lines.length, location.line + context);
  const out: { line: number; text: string; here: boolean }[] = [];
  for (let line = first; line <= last; line++) out.push({ line, text: lines[line - 1] ?? "", here: line === location.line });
  return out;
}

function readFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
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

  /** "src/ads/x.ts", relative to the repository's root when known (the working directory otherwise). */
  file(file: string): string {
    return relativePosix(file, this.context.repository?.root ?? this.context.cwd);
  }

  /** "src/ads/x.ts:12:5". */
  at(location: Location): string {
    return `${this.file(location.file)}:${String(location.line)}:${String(location.column)}`;
  }

  /**
   * A link to the file at that line: in CI, where the report is downloaded and read elsewhere, the repository's web
   * view at the commit analysed when its host is known; else relative to where the report lives ("src/ads/x.ts#L12").
   */
  href(location: Location): string {
    const repo = this.context.ci === true ? this.context.repository : undefined;
    const inRepo = repo === undefined ? undefined : relativePosix(path.resolve(this.context.cwd, location.file), repo.root);
    if (repo?.webUrl !== undefined && repo.commit !== undefined && inRepo !== undefined && !inRepo.startsWith("../")) {
      return `${repo.webUrl}/${repo.blob ?? "blob"}/${repo.commit}/${relativeUri(inRepo)}#L${String(location.line)}`;
    }
    const relative = path.isAbsolute(location.file) ? relativePosix(location.file, this.context.linkBase) : location.file;
    const uri = /^[A-Za-z]:/.test(relative) || relative.startsWith("/") ? encodeURI(`file:///${relative.replace(/^\//, "")}`) : relativeUri(relative);
    return `${uri}#L${String(location.line)}`;
  }

  /** Opens the file at that line in VS Code: "vscode://file/abs/path.ts:12:5"; none in CI (another machine's path). */
  vscode(location: Location): string | undefined {
    if (this.context.ci === true) return undefined;
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
