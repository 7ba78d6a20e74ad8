/**
 * Printing the results table and writing results.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const fixed = (value, digits) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits));
const grouped = (value) => (value === null || value === undefined ? "n/a" : value.toLocaleString("en-US"));

/** A Markdown table (pasteable into docs/benchmark.md), columns right-aligned. */
export function formatTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padStart(widths[column])).join(" | ")} |`;
  const rule = `|${widths.map((width) => `${"-".repeat(width + 1)}:`).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** The tsc-vs-purpose-lint table: one row per corpus size. */
export function formatSpeedTable(corpora) {
  const header = [
    "files",
    "lines",
    "tsc wall s",
    "tsc peak MiB",
    "purpose-lint wall s",
    "purpose-lint peak MiB",
    "ratio wall",
    "ratio memory",
    "recall",
    "precision",
  ];
  const rows = corpora.map((corpus) => [
    grouped(corpus.files),
    grouped(corpus.lines),
    fixed(corpus.tsc?.medianWallS, 2),
    fixed(corpus.tsc?.medianPeakMiB, 0),
    fixed(corpus.cli?.medianWallS, 2),
    fixed(corpus.cli?.medianPeakMiB, 0),
    corpus.ratio?.wall == null ? "n/a" : `${fixed(corpus.ratio.wall, 2)}x`,
    corpus.ratio?.memory == null ? "n/a" : `${fixed(corpus.ratio.memory, 2)}x`,
    fixed(corpus.score?.recall, 3),
    fixed(corpus.score?.precision, 3),
  ]);
  return formatTable(header, rows);
}

/** One line per tool and corpus with every run, so the spread behind the median is visible. */
export function formatRuns(corpora) {
  const lines = [];
  for (const corpus of corpora) {
    for (const [tool, label] of [["tsc", "tsc"], ["cli", "purpose-lint"]]) {
      const stats = corpus[tool];
      if (!stats) continue;
      const runs = stats.runs.map((run) => `${run.wallS.toFixed(2)} s/${(run.peakKiB / 1024).toFixed(0)} MiB`).join(", ");
      lines.push(`  ${String(corpus.files).padStart(5)} files  ${label.padEnd(12)} ${runs}`);
    }
  }
  return lines.join("\n");
}

export function writeResults(file, results) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
