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

const ms = (value) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(0));
const ratio = (value) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : `${value.toFixed(2)}x`);

/** The ESLint section's tables: editor latency (A vs B) and cold `eslint` over src/ next to the CLI. */
export function formatEslintTables(corpora) {
  const withEslint = corpora.filter((corpus) => corpus.eslint);
  const latency = formatTable(
    [
      "files",
      "edits",
      "A first ms",
      "A median ms",
      "A p90 ms",
      "B first ms",
      "B median ms",
      "B p90 ms",
      "ratio B/A",
      "ratio B/A CPU",
      `≤ ${withEslint[0]?.eslint.latency.limit ?? 1.5}x`,
      "S first ms",
      "S 1st edit ms",
      "S median ms",
      "first B/A",
      "first S/A",
      "ratio S/A",
    ],
    withEslint.map(({ files, eslint: { latency: l } }) => [
      grouped(files),
      String(l.B.edits.length),
      ms(l.A.firstMs),
      ms(l.A.medianMs),
      ms(l.A.p90Ms),
      ms(l.B.firstMs),
      ms(l.B.medianMs),
      ms(l.B.p90Ms),
      ratio(l.ratio),
      ratio(l.ratioCpu),
      l.pass ? "yes" : "NO",
      ms(l.S?.firstMs),
      ms(l.S?.edits[0]?.ms),
      ms(l.S?.medianMs),
      ratio(l.firstRatio),
      ratio(l.firstRatioSummary),
      ratio(l.ratioSummary),
    ]),
  );
  const cold = formatTable(
    ["files", "eslint (B) wall s", "eslint peak MiB", "purpose-lint wall s", "ratio wall", "leak messages", "CLI leak findings", "equal"],
    withEslint.map(({ files, eslint: { cold: c } }) => [
      grouped(files),
      fixed(c.wallS, 2),
      fixed(c.peakMiB, 0),
      fixed(c.cli.wallS, 2),
      ratio(c.wallS / c.cli.wallS),
      grouped(c.leakMessages),
      grouped(c.cli.leakFindings),
      c.leaks.countsEqual ? (c.leaks.sameLocations ? "yes" : "count only") : "NO",
    ]),
  );
  return { latency, cold };
}

/** Every edit's time per configuration, and anything the ESLint section found odd. */
export function formatEslintDetails(corpora) {
  const lines = [];
  for (const corpus of corpora) {
    if (!corpus.eslint) continue;
    const { latency, cold } = corpus.eslint;
    for (const config of ["A", "B", "S"]) {
      const stats = latency[config];
      if (stats === undefined) continue;
      lines.push(
        `  ${String(corpus.files).padStart(5)} files  ${config}  edits wall ms: ${stats.edits.map((edit) => edit.ms.toFixed(0)).join(", ")}`,
        `  ${String(corpus.files).padStart(5)} files  ${config}  edits CPU ms:  ${stats.edits.map((edit) => edit.cpuMs.toFixed(0)).join(", ")}` +
          `  (median ${stats.medianCpuMs.toFixed(0)}; first run ${stats.firstCpuMs.toFixed(0)})`,
        `  ${String(corpus.files).padStart(5)} files  ${config}  new ts.Program on ${stats.newPrograms}/${stats.edits.length} edits; ` +
          `child ${stats.wallS.toFixed(1)} s, peak ${stats.peakMiB.toFixed(0)} MiB`,
      );
    }
    lines.push(
      `  ${String(corpus.files).padStart(5)} files  eslint (B): ${cold.files} files linted, ${cold.programs} ts.Program(s), ` +
        `CPU ${cold.cpuS.toFixed(1)} s in the lint call; messages by rule: ${JSON.stringify(cold.byRule)}`,
    );
    lines.push(`  ${String(corpus.files).padStart(5)} files  purpose-lint CLI: ${cold.cli.source}`);
    if (!cold.leaks.sameLocations) {
      lines.push(
        `  ${String(corpus.files).padStart(5)} files  leak locations differ: only ESLint ${JSON.stringify(cold.leaks.onlyEslint)}, only CLI ${JSON.stringify(cold.leaks.onlyCli)}`,
      );
    }
  }
  return lines.join("\n");
}

export function writeResults(file, results) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
