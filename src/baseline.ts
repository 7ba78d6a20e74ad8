/**
 * Baselines: a committed list of known violations, by fingerprint, so CI fails only on new ones.
 *
 * The file is `{ "version": 2, "fingerprints": [ { fingerprint, rule, file, source, sink } ] }`, sorted by
 * fingerprint (then file, source, sink) and written with a trailing newline, so regenerating it over unchanged
 * code gives a byte-identical file and a review diff shows exactly the violations added or removed. Only
 * `fingerprint` is used for matching (it survives unrelated edits: it hashes the flow's shape, not line numbers);
 * the other fields are for the people reading the diff. `file` is the sink argument's file, relative to the
 * baseline file's directory with `/` separators.
 */
import fs from "node:fs";
import path from "node:path";
import type { Finding } from "./analysis/findings.js";
import { UsageError } from "./errors.js";
import { relativePosix } from "./report/paths.js";
import { compareStrings } from "./report/summary.js";

/** 2 since fingerprints name functions however they are written and leave out files (issue 9); 1 is refused. */
export const BASELINE_VERSION = 2;

/** The file `--update-baseline` writes when `--baseline` is not given, relative to the working directory. */
export const DEFAULT_BASELINE_FILE = "purpose-lint.baseline.json";

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  /** The sink argument's file, relative to the baseline file's directory. */
  file: string;
  /** The source field ("User.twoFactorPhone"). */
  source: string;
  /** The sink callee and purpose ("addToTailoredAudience (advertising)"). */
  sink: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  fingerprints: BaselineEntry[];
}

/**
 * Reads and validates a baseline. `shown` is the path as the user typed it, for messages.
 * @throws UsageError (exit 2) when the file is missing, is not JSON, or is not a version-1 baseline.
 */
export function readBaseline(file: string, shown: string = file): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT") {
      throw new UsageError(`--baseline ${shown}: file not found (create it with --update-baseline)`);
    }
    throw new UsageError(`--baseline ${shown}: could not read it (${typeof code === "string" ? code : "read failed"})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--baseline ${shown}: not valid JSON (${reason})`);
  }
  const malformed = (what: string): UsageError =>
    new UsageError(`--baseline ${shown}: not a purpose-lint baseline: ${what} (regenerate it with --update-baseline)`);
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw malformed("expected a JSON object");
  const record = data as { version?: unknown; fingerprints?: unknown };
  if (record.version === 1) {
    throw new UsageError(
      `--baseline ${shown}: written by an earlier purpose-lint, whose fingerprints changed (they now survive function-to-arrow and move-to-file refactors); regenerate it with --update-baseline`,
    );
  }
  if (record.version !== BASELINE_VERSION) {
    throw malformed(`"version" must be ${String(BASELINE_VERSION)}, found ${record.version === undefined ? "nothing" : JSON.stringify(record.version)}`);
  }
  if (!Array.isArray(record.fingerprints)) throw malformed(`"fingerprints" must be an array`);
  const fingerprints = record.fingerprints.map((entry: unknown, index): BaselineEntry => {
    const e = entry as Partial<Record<keyof BaselineEntry, unknown>> | null;
    if (typeof e !== "object" || e === null || typeof e.fingerprint !== "string" || e.fingerprint === "") {
      throw malformed(`fingerprints[${String(index)}] has no "fingerprint" string`);
    }
    const text = (value: unknown): string => (typeof value === "string" ? value : "");
    return { fingerprint: e.fingerprint, rule: text(e.rule), file: text(e.file), source: text(e.source), sink: text(e.sink) };
  });
  return { version: BASELINE_VERSION, fingerprints };
}

/** The baseline for `findings`, to be written next to `baselineFile`: one entry per finding, sorted, deduplicated. */
export function createBaseline(findings: readonly Finding[], baselineFile: string): Baseline {
  const directory = path.dirname(path.resolve(baselineFile));
  const entries = findings.map(
    (finding): BaselineEntry => ({
      fingerprint: finding.fingerprint,
      rule: finding.ruleId,
      file: relativePosix(finding.sink.location.file, directory),
      source: finding.source.field,
      sink: `${finding.sink.callee} (${finding.sink.purpose})`,
    }),
  );
  const unique = new Map(entries.map((entry) => [JSON.stringify(entry), entry]));
  const fingerprints = [...unique.values()].sort(
    (a, b) =>
      compareStrings(a.fingerprint, b.fingerprint) ||
      compareStrings(a.file, b.file) ||
      compareStrings(a.source, b.source) ||
      compareStrings(a.sink, b.sink),
  );
  return { version: BASELINE_VERSION, fingerprints };
}

/** The baseline as file text: two-space indented JSON, fixed key order, trailing newline. */
export function serializeBaseline(baseline: Baseline): string {
  const fingerprints = baseline.fingerprints.map(({ fingerprint, rule, file, source, sink }) => ({
    fingerprint,
    rule,
    file,
    source,
    sink,
  }));
  return `${JSON.stringify({ version: baseline.version, fingerprints }, null, 2)}\n`;
}

/**
 * Writes the baseline for `findings` to `file`. `shown` is the path as the user typed it.
 * @throws UsageError when the file cannot be written.
 */
export function writeBaseline(file: string, findings: readonly Finding[], shown: string = file): Baseline {
  const baseline = createBaseline(findings, file);
  try {
    fs.writeFileSync(file, serializeBaseline(baseline));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`--baseline ${shown}: could not write it (${typeof code === "string" ? code : "write failed"})`);
  }
  return baseline;
}

export interface BaselineFilter {
  /** Violations whose fingerprint is not in the baseline: the ones to report. */
  fresh: Finding[];
  /** Violations the baseline already knows. */
  known: Finding[];
  /** Baseline entries no current violation matches (fixed, or changed shape): candidates for removal. */
  stale: BaselineEntry[];
}

/** Splits findings into new and known violations against a baseline. */
export function filterByBaseline(findings: readonly Finding[], baseline: Baseline): BaselineFilter {
  const known = new Set(baseline.fingerprints.map((entry) => entry.fingerprint));
  const current = new Set(findings.map((finding) => finding.fingerprint));
  return {
    fresh: findings.filter((finding) => !known.has(finding.fingerprint)),
    known: findings.filter((finding) => known.has(finding.fingerprint)),
    stale: baseline.fingerprints.filter((entry) => !current.has(entry.fingerprint)),
  };
}
