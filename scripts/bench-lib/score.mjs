/**
 * Scoring: runs the shared score.mjs on a corpus's expected.json and a findings file, parses its last line
 * `recall=… precision=… expected=… found=…`.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const parseRatio = (text) => (text === "n/a" ? null : Number(text));

export function scoreFindings(scorer, corpusDir, findingsFile) {
  const result = spawnSync(process.execPath, [scorer, path.join(corpusDir, "expected.json"), findingsFile], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`cannot run ${scorer}: ${result.error.message}`);
  const lines = result.stdout.trim().split("\n");
  const last = lines.at(-1) ?? "";
  const match = /^recall=(\S+) precision=(\S+) expected=(\d+) found=(\d+)$/.exec(last.trim());
  if (!match) throw new Error(`unexpected output from score.mjs:\n${result.stdout}${result.stderr}`);
  return {
    recall: parseRatio(match[1]),
    precision: parseRatio(match[2]),
    expected: Number(match[3]),
    found: Number(match[4]),
    summary: last.trim(),
    report: result.stdout,
  };
}
