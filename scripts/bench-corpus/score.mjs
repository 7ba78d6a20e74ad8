#!/usr/bin/env node
/**
 * Scores a SARIF log from purpose-lint against a corpus's answer key (expected.json from gen-corpus.mjs):
 *
 *   node score.mjs DIR/expected.json findings.sarif
 *
 * A leak result (rule purpose/no-security-contact-leak, not suppressed) matches a planted leak when its primary
 * location is the planted sink argument's file and line; several results on one line count once. Prints the missed
 * leaks and the false findings, then one line: `recall=… precision=… expected=… found=…`. Always exits 0 once
 * both files are read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [expectedFile, findingsFile] = process.argv.slice(2);
if (!expectedFile || !findingsFile) {
  process.stderr.write("usage: node score.mjs DIR/expected.json findings.sarif\n");
  process.exit(2);
}
const corpus = path.dirname(path.resolve(expectedFile));
const key = JSON.parse(readFileSync(expectedFile, "utf8"));
const log = JSON.parse(readFileSync(findingsFile, "utf8"));

/** A result's primary location as "file:line" relative to the corpus directory. */
function placeOf(run, result) {
  const physical = result.locations?.[0]?.physicalLocation;
  const uri = physical?.artifactLocation?.uri ?? "";
  const base = run.originalUriBaseIds?.[physical?.artifactLocation?.uriBaseId ?? ""]?.uri;
  const absolute = fileURLToPath(new URL(uri, base ?? `file://${corpus}/`));
  return `${path.relative(corpus, absolute).split(path.sep).join("/")}:${physical?.region?.startLine ?? 0}`;
}

const found = new Set();
for (const run of log.runs ?? []) {
  for (const result of run.results ?? []) {
    if (result.ruleId === "purpose/no-security-contact-leak" && result.suppressions === undefined) found.add(placeOf(run, result));
  }
}
const expected = new Set(key.leaks.map((leak) => `${leak.file}:${leak.line}`));
const nearMisses = new Set(key.nearMisses.map((miss) => `${miss.file}:${miss.line}`));
const hits = [...found].filter((place) => expected.has(place));
const ratio = (part, whole) => (whole === 0 ? "n/a" : (part / whole).toFixed(3));

for (const place of [...expected].filter((p) => !found.has(p)).sort()) process.stdout.write(`missed   ${place}\n`);
for (const place of [...found].filter((p) => !expected.has(p)).sort()) {
  process.stdout.write(`false    ${place}${nearMisses.has(place) ? " (a planted near-miss)" : ""}\n`);
}
process.stdout.write(`recall=${ratio(hits.length, expected.size)} precision=${ratio(hits.length, found.size)} expected=${expected.size} found=${found.size}\n`);
