/**
 * The human format: each violation with a code frame of the sink and the flow that reaches it, then notifications,
 * skipped files and a one-line summary.
 */
import fs from "node:fs";
import { Chalk, type ChalkInstance } from "chalk";
import type { AnalysisResult, Finding, Location, Notification } from "../analysis/findings.js";
import type { ReportContext } from "./context.js";
import { witnessSteps } from "./flow.js";
import { relativePosix } from "./paths.js";
import { sortFindings, summarize, unnamedSkippedFiles, type Summary } from "./summary.js";

/** Lines of context shown above and below the sink line. */
const FRAME_CONTEXT = 2;

/** Formats a result for a terminal. Colour only when `context.color`; no trailing newline. */
export function formatPretty(result: AnalysisResult, context: ReportContext): string {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const readSource = cachedReader(context.readSource ?? readFileOrUndefined);
  const where = (location: Location): string =>
    `${relativePosix(location.file, context.cwd)}:${String(location.line)}:${String(location.column)}`;

  const blocks: string[] = sortFindings(result.findings).map((finding) =>
    formatFinding(finding, { c, where, readSource }),
  );
  const problems = result.problems ?? [];
  if (problems.length > 0) {
    blocks.push(problems.map((p) => `${c.underline(where(p.location))}  ${c.red("error")}  ${p.message}  ${c.dim(p.ruleId)}`).join("\n"));
  }
  if (result.notifications.length > 0) {
    blocks.push(result.notifications.map((n) => formatNotification(n, c, where)).join("\n"));
  }
  // A skipped file is named once: by its notification (syntax error, too deep), or here when none names it.
  const unnamed = unnamedSkippedFiles(result);
  if (unnamed.length > 0) {
    blocks.push(
      [
        c.yellow(`Skipped ${plural(unnamed.length, "file")} with syntax errors (not analysed):`),
        ...[...unnamed].sort().map((file) => `  ${relativePosix(file, context.cwd)}`),
      ].join("\n"),
    );
  }
  blocks.push(summaryLine(summarize(result), context.elapsedMs, c, failingErrors(result)));
  return blocks.join("\n\n");
}

interface FindingFormatter {
  c: ChalkInstance;
  where: (location: Location) => string;
  readSource: (file: string) => string | undefined;
}

function formatFinding(finding: Finding, { c, where, readSource }: FindingFormatter): string {
  const sink = finding.sink.location;
  const lines = [
    `${c.underline(where(sink))}  ${c.red("error")}  ${c.dim(finding.ruleId)}`,
    `  ${c.bold(finding.message)}`,
  ];
  // Where the developer who wrote the flow looks: the call that hands the value to the code that forwards it.
  if (finding.entry) lines.push(`  ${c.dim("entry")} ${c.underline(where(finding.entry.location))}  ${finding.entry.message}`);
  const source = readSource(sink.file);
  if (source !== undefined) lines.push("", ...codeFrame(source, sink, c));

  const steps = witnessSteps(finding);
  const entryStep = finding.entry ? finding.trace[finding.entry.step] : undefined;
  const locations = steps.map((step) => where(step.location));
  const width = Math.max(...locations.map((l) => l.length));
  const numberWidth = String(steps.length).length;
  lines.push("", `  ${c.dim("Flow:")}`);
  steps.forEach((step, i) => {
    const number = `${String(i + 1).padStart(numberWidth)}.`;
    const text = step === entryStep ? `${step.label}  ← entry` : step.label;
    const label = step.kind === "sink" ? c.red(text) : step.kind === "source" ? c.cyan(text) : text;
    lines.push(`    ${number} ${c.dim((locations[i] ?? "").padEnd(width))}  ${label}`);
  });
  return lines.join("\n");
}

/** The sink line ± {@link FRAME_CONTEXT} lines, numbered, with carets under the argument. */
function codeFrame(source: string, location: Location, c: ChalkInstance): string[] {
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop(); // the final newline opens no line
  const target = location.line - 1;
  const sinkLine = lines[target];
  if (sinkLine === undefined) return [];
  const first = Math.max(0, target - FRAME_CONTEXT);
  const last = Math.min(lines.length - 1, target + FRAME_CONTEXT);
  const gutterWidth = String(last + 1).length;
  const frame: string[] = [];
  for (let i = first; i <= last; i++) {
    const gutter = `${String(i + 1).padStart(gutterWidth)} |`;
    const text = lines[i] ?? "";
    const code = text === "" ? "" : ` ${text}`;
    frame.push(i === target ? `  ${c.red(">")} ${gutter}${code}` : `    ${c.dim(gutter)}${code}`);
    if (i === target) {
      const start = Math.min(Math.max(location.column - 1, 0), sinkLine.length);
      const end = location.endLine === location.line ? location.endColumn - 1 : sinkLine.length;
      // Keep tabs so the carets line up under tab-indented code.
      const padding = sinkLine.slice(0, start).replace(/[^\t]/g, " ");
      const carets = "^".repeat(Math.max(1, Math.min(end, sinkLine.length) - start));
      frame.push(`    ${c.dim(`${" ".repeat(gutterWidth)} |`)} ${padding}${c.red(carets)}`);
    }
  }
  return frame;
}

function formatNotification(notification: Notification, c: ChalkInstance, where: (l: Location) => string): string {
  const level = notification.level === "error" ? c.red("error") : c.yellow("warning");
  const at = notification.location === undefined ? "" : `${where(notification.location)}  `;
  return `${level}  ${at}${notification.message}  ${c.dim(notification.kind)}`;
}

/**
 * Errors that fail a run whose analysis is complete, other than violations (a suppression without a reason): a run
 * that exits 1 never ends on a green line.
 */
function failingErrors(result: AnalysisResult): Notification[] {
  return result.notifications.filter((n) => n.level === "error" && n.incomplete !== true);
}

function summaryLine(summary: Summary, elapsedMs: number, c: ChalkInstance, failing: readonly Notification[]): string {
  const seconds = `${(elapsedMs / 1000).toFixed(2)} s`;
  if (summary.violations === 0 && summary.incomplete) {
    // Never a clean-looking line from an incomplete analysis: the notifications above say what is missing.
    return c.yellow(`No violations found, but the analysis is incomplete (see above) · ${plural(summary.filesAnalyzed, "file")} · ${seconds}`);
  }
  const others = summary.problems === 0 ? "" : ` · ${plural(summary.problems, "other problem")} (see above)`;
  if (summary.violations === 0 && (summary.problems > 0 || failing.length > 0)) {
    // Exit 1 without a leak: say what fails the run, in red, never the green clean line.
    const kinds = [...new Set(failing.map((n) => n.kind))].join(", ");
    const parts = [
      summary.problems > 0 ? plural(summary.problems, "problem") : "",
      failing.length > 0 ? `${plural(failing.length, "error")} (${kinds})` : "",
    ].filter((part) => part !== "");
    return c.red.bold(`No violations, but ${parts.join(" and ")} above fail${summary.problems + failing.length === 1 ? "s" : ""} the run`) +
      ` · ${plural(summary.filesAnalyzed, "file")} · ${seconds}`;
  }
  if (summary.violations === 0) {
    return c.green(`No violations · ${plural(summary.filesAnalyzed, "file")} · ${seconds}`);
  }
  const { advertising, marketing, analytics } = summary.byPurpose;
  const counts = `${String(advertising)} advertising, ${String(marketing)} marketing, ${String(analytics)} analytics`;
  return c.red.bold(
    `${plural(summary.violations, "violation")} (${counts}) in ${plural(summary.filesWithViolations, "file")}`,
  ) + `${others}${summary.incomplete ? " · analysis incomplete (see above)" : ""} · elapsed ${seconds}`;
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? "" : "s"}`;
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function cachedReader(read: (file: string) => string | undefined): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) cache.set(file, read(file));
    return cache.get(file);
  };
}
