/**
 * A package's own findings in its summary (`--summary-out`), for the editor's first lint: when the program the
 * editor builds has exactly the inputs the CLI's run had (the summary's input hash, recomputed from the editor's
 * program), the rules report the findings the CLI computed instead of analysing the whole program again. The
 * first edit after that analyses the program in full (there is no engine state to resume from), and every
 * later one resumes from it as before (src/analysis/cache.ts).
 *
 * Paths are stored relative to the package's directory with "/", so a summary written on a CI machine serves a
 * checkout anywhere.
 */
import path from "node:path";

import type { Finding } from "../analysis/findings.js";

/** The findings with every location's `file` relative to `directory`, in a stable order. */
export function portableFindings(findings: readonly Finding[], directory: string): Finding[] {
  const shown = (file: string) => path.relative(directory, file).split(path.sep).join("/");
  return findings.map((finding) => mapFiles(finding, shown)).sort(byPlace);
}

/** The stored findings with their paths made absolute again, for the checkout at `directory`. */
export function localFindings(stored: readonly Finding[], directory: string): Finding[] {
  return stored.map((finding) => mapFiles(finding, (file) => path.resolve(directory, ...file.split("/"))));
}

/** A deep copy of a finding with `map` applied to each location's `file` (the only paths a finding holds). */
function mapFiles(finding: Finding, map: (file: string) => string): Finding {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([key, member]) => [key, key === "file" && typeof member === "string" ? map(member) : copy(member)]);
    return Object.fromEntries(entries);
  };
  return copy(finding) as Finding;
}

function byPlace(a: Finding, b: Finding): number {
  const x = a.sink.location;
  const y = b.sink.location;
  return compare(x.file, y.file) || x.line - y.line || x.column - y.column || compare(a.fingerprint, b.fingerprint) || compare(a.source.field, b.source.field);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
