/**
 * Findings are plain data: the engine produces them, reporters and the ESLint rule only translate them.
 * Paths are absolute (native separators); reporters relativise them. Lines and columns are 1-based.
 */

/** The purposes a security contact may never serve under the default policy. */
export type Purpose = "advertising" | "marketing" | "analytics";

export const PURPOSES: readonly Purpose[] = ["advertising", "marketing", "analytics"];

/**
 * What a sink serves: a policy purpose, or "security" — a security use (sending a one-time code, enrolling a
 * second factor), a target only of candidate discovery (src/discovery/), never a violation.
 */
export type SinkPurpose = Purpose | "security";

/** A sink that serves a policy purpose (not a security use). */
export function isPolicyPurpose(purpose: SinkPurpose): purpose is Purpose {
  return purpose !== "security";
}

export const LEAK_RULE_ID = "purpose/no-security-contact-leak";

import type { RuleProblem } from "../checks/problems.js";

/** A source range. `endLine`/`endColumn` point just past the last character. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One step of a witness trace: where it happened and what happened, in a few words. */
export interface TraceStep {
  location: Location;
  /** "read twoFactorPhone", "returned from normalizePhone", "hashed by createHash", "passed to addToTailoredAudience". */
  label: string;
  kind: "source" | "call" | "return" | "transform" | "store" | "sink";
}

export interface Finding {
  ruleId: typeof LEAK_RULE_ID;
  /** Human-readable one-liner: what reaches what, via which hops. */
  message: string;
  source: {
    /** "User.twoFactorPhone", or the parameter / variable name for a branded parameter. */
    field: string;
    location: Location;
  };
  sink: {
    /** "addToTailoredAudience", "AudienceSyncClient.addMembers". */
    callee: string;
    purpose: Purpose;
    /** 0-based index of the argument that carries the value. */
    argumentIndex: number;
    /** How the sink was declared: a JSDoc `@sink` tag, the SDK catalog, a config entry. */
    origin: "jsdoc" | "catalog" | "config";
    /** The sink argument's range: the primary location of the finding. */
    location: Location;
  };
  /** Source read first, sink argument last; the shortest witness the engine found. */
  trace: TraceStep[];
  /**
   * Where the flow leaves the outermost first-party function on it for the code that forwards it to the sink
   * (analysis/entry.ts): the call that passes the value to a helper or wrapper. Absent when the sink argument is
   * in that function itself. The editor reports the violation here too (messageId `leakEntry`), and a
   * suppression accepts the flow here.
   */
  entry?: {
    /** The argument (or hand-off) the entry step is at. */
    location: Location;
    /** The function the value is handed to ("trackEvent"), or the hand-off ("published on user.changed"). */
    callee: string;
    /** "passes twoFactorPhone into trackEvent, which sends it to PostHog capture — analytics (src/analytics/posthog.ts:4)". */
    message: string;
    /** Index of the entry step in `trace`. */
    step: number;
  };
  /** Hash of the flow's shape (source field, sink callee and argument, enclosing functions), not of line numbers. */
  fingerprint: string;
}

/** A violation or problem silenced in source, and by what. */
export interface SuppressedResult {
  finding?: Finding;
  problem?: RuleProblem;
  /** The reason the comment gives; "" when it gives none. */
  justification: string;
  /** The comment. */
  comment: Location;
  /** "purpose-lint-ignore", "eslint-disable-next-line", "eslint-disable-line" or "eslint-disable". */
  directive: string;
}

/** Something a user must know to trust a result: an analysis that was cut short, an import that did not resolve. */
export interface Notification {
  level: "warning" | "error";
  /** "syntax-error", "tsconfig-error", "unresolved-import", "widened", "unused-suppression", … */
  kind: string;
  message: string;
  location?: Location;
  /**
   * The analysis did not see or follow everything here (a skipped file, an unresolved first-party import, a
   * missing input, widened code): "no violation" is not a promise, and the CLI exits 2 unless
   * `--allow-incomplete` is given. Absent when false.
   */
  incomplete?: boolean;
  /** How many occurrences this one notification summarises (widened functions); 1 when absent. */
  count?: number;
}

export interface AnalysisResult {
  findings: Finding[];
  notifications: Notification[];
  /** Absolute paths of files skipped because they do not parse. */
  skippedFiles: string[];
  /**
   * Problems of the other rules (`purpose/no-brand-cast`, `purpose/declassify-needs-reason`), which the CLI runs
   * beside the engine (src/checks/); absent when they were not run.
   */
  problems?: RuleProblem[];
  /** What comments in the source silenced (the CLI fills it in; SARIF reports them as suppressed results). */
  suppressed?: SuppressedResult[];
  /** Sources, sinks and declassifications, for the audit report. */
  inventory: Inventory;
  /** What the package's exports do with security contacts, when asked for (`--summary-out`; export-summaries.ts). */
  exports?: import("./export-summaries.js").PackageExports;
  stats: {
    files: number;
    functions: number;
    contexts: number;
    elapsedMs: number;
  };
}

/** What a reviewer audits besides violations: every source, every sink, every declassification. */
export interface Inventory {
  /** Each branded field or declaration, with every place the program reads it. */
  sources: { field: string; declaredAt?: Location; reads: Location[] }[];
  /**
   * Each sink, with every call the analysis saw (tainted or not); catalogued and configured third-party sinks
   * name their vendor and API (a module, "(global)", or an endpoint's URL pattern).
   */
  sinks: { callee: string; purpose: Purpose; origin: "jsdoc" | "catalog" | "config"; calls: Location[]; vendor?: string; api?: string }[];
  /** Calls into catalogued SDKs and globals that matched no sink entry ("posthog-js|isFeatureEnabled"), by API path. */
  otherApiCalls?: { module: string; path: string; calls: Location[] }[];
  /** Requests to hosts that look like tracking or marketing services but match no known endpoint. */
  uncoveredRequests?: { url: string; client: string; calls: Location[] }[];
  /** Each `declassify` (or configured sanitizer) call, its justification, and the sinks the value reaches next. */
  declassifications: {
    location: Location;
    /** The justification's text when it is a string literal; undefined otherwise. */
    justification: string | undefined;
    /** The sanitizer's name: "declassify". */
    sanitizer: string;
    /** Source fields the declassified value came from. */
    fields: string[];
    reaches: { callee: string; purpose: Purpose; location: Location }[];
  }[];
}
