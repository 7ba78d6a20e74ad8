/**
 * Candidate reports as text (for people), JSON (for tools and `adopt`), and the audit's Markdown section. Pure
 * formatters over plain data: paths relative to the working directory.
 */
import type { Location } from "../analysis/findings.js";
import { relativePosix } from "../report/paths.js";
import type { Candidate, CandidateFlow, CandidateReport } from "./discover.js";

export const CANDIDATE_FORMATS = ["text", "json"] as const;
export type CandidateFormat = (typeof CANDIDATE_FORMATS)[number];

export function isCandidateFormat(value: string): value is CandidateFormat {
  return (CANDIDATE_FORMATS as readonly string[]).includes(value);
}

const at = (location: Location | undefined, cwd: string): string =>
  location ? `${relativePosix(location.file, cwd)}:${String(location.line)}` : "(unknown)";

/** "usage — reaches a security use", "usage, dual-use — …", "name only". */
export function verdict(candidate: Candidate): string {
  if (candidate.evidence === "name") return "name only: named like a security contact, no security use found";
  if (candidate.dualUse) return "dual-use: reaches a security use AND an advertising, marketing or analytics sink — decide before branding";
  if (candidate.prismaModel !== undefined) return "reaches a security use: tag the column /// @purpose security in schema.prisma, then prisma generate";
  return "reaches a security use: brand it SecurityContact<T>";
}

function flowLines(flow: CandidateFlow, cwd: string, indent: string): string[] {
  const head = `${indent}→ ${flow.callee} (${flow.purpose === "security" ? "security use" : `${flow.purpose} sink`}) at ${at(flow.location, cwd)}`;
  const steps = flow.trace.map((step, i) => `${indent}    ${String(i + 1)}. ${at(step.location, cwd)} ${step.label}`);
  return [head, ...steps];
}

export function formatCandidatesText(report: CandidateReport, cwd: string): string {
  const usage = report.candidates.filter((c) => c.evidence === "usage");
  const lines: string[] = [];
  for (const candidate of report.candidates) {
    lines.push(`${candidate.field}${candidate.type ? `: ${candidate.type}` : ""}  (${at(candidate.declaredAt, cwd)})`);
    lines.push(`  ${verdict(candidate)}`);
    for (const flow of candidate.securityUses) lines.push(...flowLines(flow, cwd, "  "));
    for (const flow of candidate.otherSinks) lines.push(...flowLines(flow, cwd, "  "));
    lines.push("");
  }
  const dual = usage.filter((c) => c.dualUse).length;
  lines.push(
    `${String(usage.length)} candidate security contact(s) by usage (${String(dual)} dual-use), ` +
      `${String(report.candidates.length - usage.length)} by name only · ${(report.elapsedMs / 1000).toFixed(1)} s`,
  );
  return lines.join("\n");
}

export function formatCandidatesJson(report: CandidateReport, cwd: string): string {
  const relative = (location: Location | undefined) => (location ? { ...location, file: relativePosix(location.file, cwd) } : undefined);
  const flow = (f: CandidateFlow) => ({ ...f, location: relative(f.location), trace: f.trace.map((s) => ({ ...s, location: relative(s.location) })) });
  return JSON.stringify(
    {
      candidates: report.candidates.map((c) => ({ ...c, declaredAt: relative(c.declaredAt), securityUses: c.securityUses.map(flow), otherSinks: c.otherSinks.map(flow) })),
      skippedFiles: report.skippedFiles.map((file) => relativePosix(file, cwd)),
    },
    null,
    2,
  );
}

/** The audit's "Candidate security contacts" section (Markdown). */
export function formatCandidatesMarkdown(report: CandidateReport, cwd: string): string {
  const lines = ["## Candidate security contacts", ""];
  if (report.candidates.length === 0) return [...lines, "None: no unbranded field reaches a security use, and none is named like one.", ""].join("\n");
  lines.push(
    "Unbranded fields whose values the program uses for account security (usage evidence: the flow to the security use), " +
      "then fields only named like security contacts. `purpose-lint adopt` brands them; a dual-use field also reaches " +
      "advertising, marketing or analytics code — branding it turns those flows into violations, so decide first.",
    "",
    "| field | declared | evidence | security uses | other sinks |",
    "|---|---|---|---|---|",
  );
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  for (const c of report.candidates) {
    const uses = c.securityUses.map((f) => `${cell(f.callee)} at ${at(f.location, cwd)}`).join("<br>") || "—";
    const other = c.otherSinks.map((f) => `${cell(f.callee)} (${f.purpose}) at ${at(f.location, cwd)}`).join("<br>") || "—";
    const evidence = c.evidence === "name" ? "name only" : c.dualUse ? "**usage, dual-use**" : "usage";
    lines.push(`| \`${cell(c.field)}\` | ${at(c.declaredAt, cwd)} | ${evidence} | ${uses} | ${other} |`);
  }
  lines.push("");
  return lines.join("\n");
}
