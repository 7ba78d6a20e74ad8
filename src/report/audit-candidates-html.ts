/** The audit's "Candidate security contacts" section in HTML (see src/discovery/discover.ts for what it holds). */
import type { Location } from "../analysis/findings.js";
import type { CandidateReport } from "../discovery/discover.js";
import { escapeHtml as e } from "./audit-html.js";

export function candidatesHtml(report: CandidateReport | undefined, link: (location: Location) => string): string {
  if (!report) return `<p class="empty">Not searched.</p>`;
  if (report.candidates.length === 0) return `<p class="empty">None: no unbranded field reaches a security use, and none is named like one.</p>`;
  const note =
    `<p class="note">Unbranded fields whose values the program uses for account security (the flow to the security use is ` +
    `the evidence), then fields only named like security contacts. A <span class="badge error">dual-use</span> field also ` +
    `reaches advertising, marketing or analytics code: branding it turns those flows into violations, so decide first.</p>`;
  const rows = report.candidates.map((c) => {
    const evidence = c.evidence === "name" ? "name only" : c.dualUse ? `usage <span class="badge error">dual-use</span>` : "usage";
    const uses = c.securityUses.map((f) => `<code>${e(f.callee)}</code> at ${link(f.location)}`).join("<br>") || "—";
    const other = c.otherSinks.map((f) => `<code>${e(f.callee)}</code> (${e(f.purpose)}) at ${link(f.location)}`).join("<br>") || "—";
    return `<tr><td><code>${e(c.field)}</code></td><td>${c.declaredAt ? link(c.declaredAt) : "—"}</td><td>${evidence}</td><td>${uses}</td><td>${other}</td></tr>`;
  });
  return `${note}<table><thead><tr><th>field</th><th>declared</th><th>evidence</th><th>security uses</th><th>other sinks</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
