/**
 * The audit as one self-contained HTML file: inline CSS, no scripts, no external fonts or images — nothing is
 * fetched when it is viewed. Each violation has a flow graph drawn here as inline SVG (a box per trace step,
 * arrows between them, laid out left-to-right in rows that snake back and forth), and every location links to
 * its file and line (a relative `href`, and a `vscode://file/…` link that opens it in VS Code).
 */
import { candidatesHtml } from "./audit-candidates-html.js";
import type { Finding, Location, TraceStep } from "../analysis/findings.js";
import {
  auditCounts,
  justificationOf,
  Locator,
  provenance,
  snippet,
  ORIGIN_LABELS,
  plural,
  PURPOSE_ORDER,
  SUPPRESSION_STATUS,
  type AuditContext,
  type AuditData,
} from "../audit/audit.js";
import { coverageHtml } from "./audit-coverage-html.js";
import { witnessSteps } from "./flow.js";
import { sortFindings } from "./summary.js";
import { TOOL_NAME } from "./tool-info.js";

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const e = escapeHtml;

const CSS = `
:root { color-scheme: light; --fg:#1d2330; --muted:#5b6475; --line:#d9dee8; --bg:#ffffff; --soft:#f5f7fb;
  --red:#b42318; --red-bg:#fdecea; --blue:#1f5fbf; --blue-bg:#e8f0fd; --amber:#8a5a00; --amber-bg:#fff4dc;
  --green:#1e7b43; }
* { box-sizing: border-box; }
body { margin: 0; padding: 32px 40px 64px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p.meta, p.note { color: var(--muted); margin: 4px 0 12px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
a { color: var(--blue); text-decoration: none; }
a:hover { text-decoration: underline; }
a.mono { overflow-wrap: anywhere; }
a.vs { white-space: nowrap; font-size: 11px; color: var(--muted); margin-left: 6px; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 12px; margin: 20px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.card .n { font-size: 26px; font-weight: 700; }
.card .l { color: var(--muted); font-size: 12px; }
.card.bad { background: var(--red-bg); border-color: #f3b8b2; } .card.bad .n { color: var(--red); }
.card.warn { background: var(--amber-bg); border-color: #f1d48f; } .card.warn .n { color: var(--amber); }
.banner { background: var(--amber-bg); border: 1px solid #f1d48f; border-radius: 8px; padding: 10px 14px; margin: 16px 0; }
.violation { border: 1px solid var(--line); border-left: 4px solid var(--red); border-radius: 8px; padding: 4px 18px 12px; margin: 16px 0; }
.violation h3 { margin-top: 14px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px; padding: 1px 8px; margin-right: 6px;
  background: var(--soft); border: 1px solid var(--line); color: var(--muted); vertical-align: 1px; }
.badge.advertising, .badge.error, .badge.missing-reason { background: var(--red-bg); color: var(--red); border-color: #f3b8b2; }
.badge.marketing, .badge.warning, .badge.unused { background: var(--amber-bg); color: var(--amber); border-color: #f1d48f; }
.badge.analytics { background: var(--blue-bg); color: var(--blue); border-color: #b9cff5; }
.badge.used { background: #e6f4ea; color: var(--green); border-color: #b7dfc3; }
.flow { overflow-x: auto; margin: 8px 0; }
.flow svg { display: block; }
.empty { color: var(--muted); font-style: italic; }
pre.snippet { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; font-size: 12px; overflow-x: auto; }
nav { margin: 12px 0 0; font-size: 13px; } nav a { margin-right: 14px; }
`;

/** Formats an audit as a self-contained HTML page, without a trailing newline. */
export function formatAuditHtml(data: AuditData, context: AuditContext): string {
  const locator = new Locator(context);
  const link = (location: Location, text: string = locator.at(location)): string =>
    `<a class="mono" href="${e(locator.href(location))}">${e(text)}</a>` + vscodeLink(locator.vscode(location));
  const counts = auditCounts(data);
  const { result } = data;
  const title = `${TOOL_NAME} audit: ${locator.file(data.project)}`;
  const body: string[] = [];

  body.push(`<h1>${e(title)}</h1>`);
  body.push(
    `<p class="meta">Generated by ${e(TOOL_NAME)} ${e(context.toolVersion)}` +
      `${context.generatedAt === undefined ? "" : ` on ${e(context.generatedAt)}`} · ` +
      (provenance(context) === undefined ? "" : `${e(provenance(context) ?? "")} · `) +
      `${e(plural(counts.files, "file"))} analysed in ${(context.elapsedMs / 1000).toFixed(2)} s</p>`,
  );
  body.push(
    `<nav>${[
      ["violations", "Violations"],
      ["sources", "Sources"],
      ["sinks", "Sinks"],
      ["coverage", "Coverage"],
      ["declassifications", "Declassifications"],
      ["suppressions", "Suppressions"],
      ["candidates", "Candidate security contacts"],
      ["suspicious", "Suspicious fields"],
      ["notifications", "Notifications"],
    ]
      .map(([id = "", text = ""]) => `<a href="#${id}">${text}</a>`)
      .join("")}</nav>`,
  );
  if (result.skippedFiles.length > 0) {
    body.push(
      `<div class="banner"><strong>Incomplete:</strong> ${e(plural(result.skippedFiles.length, "file"))} not analysed ` +
        `because of syntax errors: ${result.skippedFiles.map((f) => `<code>${e(locator.file(f))}</code>`).join(", ")}</div>`,
    );
  }
  const card = (n: number, label: string, tone = ""): string =>
    `<div class="card ${tone}"><div class="n">${String(n)}</div><div class="l">${e(label)}</div></div>`;
  body.push(
    `<div class="cards">${[
      card(counts.violations, "violations", counts.violations > 0 ? "bad" : ""),
      card(counts.sources, `security-contact sources (${plural(counts.reads, "read")})`),
      card(counts.sinks, `sinks (${plural(counts.sinkCalls, "call")})`),
      card(counts.declassifications, "declassifications"),
      card(counts.suppressions, "suppressions"),
      card(counts.suspicious, "suspicious fields", counts.suspicious > 0 ? "warn" : ""),
      card(counts.covered, `catalogued APIs used (${String(counts.notCovered)} not covered)`, counts.notCovered > 0 ? "warn" : ""),
      card(result.notifications.length, "notifications", result.notifications.length > 0 ? "warn" : ""),
    ].join("")}</div>`,
  );

  // Violations, each with its flow graph and steps.
  body.push(`<h2 id="violations">Violations</h2>`);
  const findings = sortFindings(result.findings);
  if (findings.length === 0) body.push(`<p class="empty">No violations.</p>`);
  findings.forEach((finding, index) => {
    const steps = witnessSteps(finding);
    body.push(
      `<section class="violation" id="violation-${String(index + 1)}">`,
      `<h3><span class="badge ${e(finding.sink.purpose)}">${e(finding.sink.purpose)}</span>` +
        `${String(index + 1)}. ${e(finding.source.field)} → ${e(finding.sink.callee)}</h3>`,
      `<p>${e(finding.message)}</p>`,
      `<p class="note">Sink argument ${link(finding.sink.location)} · sink declared by ${e(ORIGIN_LABELS[finding.sink.origin])} · ` +
        `fingerprint <code>${e(finding.fingerprint)}</code></p>`,
      snippetHtml(snippet(context, finding.sink.location)),
      `<div class="flow">${flowGraph(finding, steps, locator, index)}</div>`,
      table(
        ["#", "step", "kind", "where"],
        steps.map((step, i) => [String(i + 1), e(step.label), e(step.kind), link(step.location)]),
        [0],
      ),
      `</section>`,
    );
  });

  body.push(
    `<h2 id="sources">Sources</h2>`,
    `<p class="note">Every field or declaration branded <code>SecurityContact&lt;T&gt;</code>, and where the program reads it.</p>`,
  );
  body.push(
    result.inventory.sources.length === 0
      ? `<p class="empty">No security-contact sources.</p>`
      : table(
          ["field", "declared at", "reads", "read at"],
          result.inventory.sources.map((s) => [
            `<code>${e(s.field)}</code>`,
            s.declaredAt === undefined ? "—" : link(s.declaredAt),
            String(s.reads.length),
            s.reads.map((r) => link(r)).join("<br>") || "—",
          ]),
          [2],
        ),
  );

  body.push(`<h2 id="sinks">Sinks by purpose</h2>`);
  if (result.inventory.sinks.length === 0) body.push(`<p class="empty">No sinks.</p>`);
  for (const purpose of PURPOSE_ORDER) {
    const sinks = result.inventory.sinks.filter((s) => s.purpose === purpose);
    if (sinks.length === 0) continue;
    body.push(
      `<h3><span class="badge ${purpose}">${purpose}</span>${e(plural(sinks.length, "sink"))}</h3>`,
      table(
        ["sink", "declared by", "calls", "called at"],
        sinks.map((s) => [
          `<code>${e(s.callee)}</code>`,
          e(ORIGIN_LABELS[s.origin]),
          String(s.calls.length),
          s.calls.map((c) => link(c)).join("<br>") || "—",
        ]),
        [2],
      ),
    );
  }

  body.push(coverageHtml(data.coverage, link, table));

  body.push(`<h2 id="declassifications">Declassifications</h2>`);
  body.push(
    result.inventory.declassifications.length === 0
      ? `<p class="empty">No declassifications.</p>`
      : table(
          ["where", "justification", "fields", "goes next"],
          result.inventory.declassifications.map((d) => [
            link(d.location),
            justificationHtml(justificationOf(d.justification)),
            d.fields.map((f) => `<code>${e(f)}</code>`).join(", ") || "—",
            d.reaches
              .map((r) => `<span class="badge ${r.purpose}">${r.purpose}</span><code>${e(r.callee)}</code> at ${link(r.location)}`)
              .join("<br>") || `<span class="empty">no sink</span>`,
          ]),
        ),
  );

  body.push(
    `<h2 id="suppressions">Suppressions</h2>`,
    `<p class="note"><code>// purpose-lint-ignore: &lt;reason&gt;</code> comments.</p>`,
  );
  body.push(
    data.suppressions.length === 0
      ? `<p class="empty">No suppressions.</p>`
      : table(
          ["where", "reason", "status", "suppressed"],
          data.suppressions.map((s) => [
            link(s.location),
            s.reason === undefined ? `<span class="badge error">none</span>` : e(s.reason),
            `<span class="badge ${s.status}">${e(SUPPRESSION_STATUS[s.status])}</span>`,
            s.suppressed.map((f) => `${e(f.source.field)} → <code>${e(f.sink.callee)}</code>`).join("<br>") || "—",
          ]),
        ),
  );

  body.push(`<h2 id="candidates">Candidate security contacts</h2>`, candidatesHtml(data.candidates, link));
  body.push(
    `<h2 id="suspicious">Suspicious fields</h2>`,
    `<p class="note">Named like security contacts but typed as a plain string (or a Prisma column without ` +
      `<code>/// @purpose security</code>): brand them <code>SecurityContact&lt;T&gt;</code> so the analysis follows ` +
      `them, or confirm they are not security contacts.</p>`,
  );
  body.push(
    data.suspicious.length === 0
      ? `<p class="empty">No suspicious fields.</p>`
      : table(
          ["field", "type", "where"],
          data.suspicious.map((f) => [`<code>${e(f.name)}</code>`, `<code>${e(f.type)}</code>`, link(f.location)]),
        ),
  );

  body.push(`<h2 id="notifications">Notifications</h2>`);
  body.push(
    result.notifications.length === 0
      ? `<p class="empty">None: the analysis is complete.</p>`
      : table(
          ["level", "kind", "message", "where"],
          result.notifications.map((n) => [
            `<span class="badge ${n.level}">${n.level}</span>`,
            `<code>${e(n.kind)}</code>`,
            e(n.message),
            n.location === undefined ? "—" : link(n.location),
          ]),
        ),
  );

  return [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    // Nothing may be fetched at view time: no network, no scripts.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    "</body>",
    "</html>",
  ].join("\n");
}

/** A table; `cells` are HTML already; `numeric` lists right-aligned column indexes. */
function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const cls = (i: number): string => (numeric.includes(i) ? ` class="num"` : "");
  return [
    "<table>",
    `<thead><tr>${headers.map((h, i) => `<th${cls(i)}>${e(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows.map((row) => `<tr>${row.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`),
    "</tbody>",
    "</table>",
  ].join("\n");
}

// Flow graph geometry.
const BOX_W = 316;
const BOX_H = 50;
const GAP_X = 44;
const GAP_Y = 34;
const PAD = 12;
const PER_ROW = 3;

const KIND_STYLE: Record<TraceStep["kind"], { fill: string; stroke: string }> = {
  source: { fill: "#e8f0fd", stroke: "#1f5fbf" },
  sink: { fill: "#fdecea", stroke: "#b42318" },
  call: { fill: "#f5f7fb", stroke: "#8a94a6" },
  return: { fill: "#f5f7fb", stroke: "#8a94a6" },
  transform: { fill: "#fff4dc", stroke: "#b7791f" },
  store: { fill: "#f5f7fb", stroke: "#8a94a6" },
};

/**
 * Boxes for each trace step, in rows of {@link PER_ROW} that alternate direction (so every arrow is short),
 * joined by arrows. Each box links to its step's file and line.
 */
function flowGraph(finding: Finding, steps: TraceStep[], locator: Locator, index: number): string {
  const rows = Math.ceil(steps.length / PER_ROW);
  const columns = Math.min(PER_ROW, steps.length);
  const width = PAD * 2 + columns * BOX_W + (columns - 1) * GAP_X;
  const height = PAD * 2 + rows * BOX_H + (rows - 1) * GAP_Y;
  const marker = `arrow-${String(index + 1)}`;
  const position = (i: number): { x: number; y: number } => {
    const row = Math.floor(i / PER_ROW);
    const inRow = i % PER_ROW;
    const column = row % 2 === 0 ? inRow : PER_ROW - 1 - inRow;
    return { x: PAD + column * (BOX_W + GAP_X), y: PAD + row * (BOX_H + GAP_Y) };
  };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" ` +
      `viewBox="0 0 ${String(width)} ${String(height)}" role="img" ` +
      `aria-label="${e(`Flow of ${finding.source.field} to ${finding.sink.callee}: ${String(steps.length)} steps`)}">`,
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
      `<path d="M0,0 L10,5 L0,10 z" fill="#5b6475"/></marker></defs>`,
  ];
  // Arrows first, so boxes sit on top of them.
  for (let i = 0; i + 1 < steps.length; i++) {
    const a = position(i);
    const b = position(i + 1);
    let d: string;
    if (a.y === b.y) {
      const leftToRight = b.x > a.x;
      const y = a.y + BOX_H / 2;
      const x1 = leftToRight ? a.x + BOX_W : a.x;
      const x2 = leftToRight ? b.x - 2 : b.x + BOX_W + 2;
      d = `M${String(x1)},${String(y)} L${String(x2)},${String(y)}`;
    } else {
      const x = a.x + BOX_W / 2;
      d = `M${String(x)},${String(a.y + BOX_H)} L${String(x)},${String(b.y - 2)}`;
    }
    parts.push(`<path d="${d}" stroke="#5b6475" stroke-width="1.6" fill="none" marker-end="url(#${marker})"/>`);
  }
  steps.forEach((step, i) => {
    const { x, y } = position(i);
    const style = KIND_STYLE[step.kind];
    const where = `${locator.file(step.location.file).split("/").pop() ?? ""}:${String(step.location.line)}`;
    parts.push(
      `<a href="${e(locator.href(step.location))}">`,
      `<title>${e(`${String(i + 1)}. ${step.label} (${step.kind}) — ${locator.at(step.location)}`)}</title>`,
      `<rect x="${String(x)}" y="${String(y)}" width="${String(BOX_W)}" height="${String(BOX_H)}" rx="7" ` +
        `fill="${style.fill}" stroke="${style.stroke}" stroke-width="${step.kind === "source" || step.kind === "sink" ? "2" : "1.2"}"/>`,
      `<circle cx="${String(x + 17)}" cy="${String(y + BOX_H / 2)}" r="10" fill="${style.stroke}"/>`,
      `<text x="${String(x + 17)}" y="${String(y + BOX_H / 2 + 4)}" text-anchor="middle" font-size="11" font-weight="700" ` +
        `fill="#ffffff" font-family="system-ui, sans-serif">${String(i + 1)}</text>`,
      `<text x="${String(x + 34)}" y="${String(y + 21)}" font-size="12.5" font-weight="600" fill="#1d2330" ` +
        `font-family="system-ui, sans-serif">${e(truncate(step.label, 40))}</text>`,
      `<text x="${String(x + 34)}" y="${String(y + 38)}" font-size="11" fill="#5b6475" ` +
        `font-family="ui-monospace, Menlo, Consolas, monospace">${e(truncate(where, 44))}</text>`,
      `</a>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function vscodeLink(href: string | undefined): string {
  return href === undefined ? "" : `<a class="vs" href="${e(href)}" title="Open in VS Code">vscode</a>`;
}

function justificationHtml(j: ReturnType<typeof justificationOf>): string {
  return "missing" in j ? `<span class="badge error">${e(j.missing)}</span>` : e(j.text);
}

/** The sink's line with one line around it, the sink line marked. */
function snippetHtml(lines: ReturnType<typeof snippet>): string {
  if (lines.length === 0) return "";
  const width = String(lines.at(-1)?.line ?? 0).length;
  const rows = lines.map((l) => `${l.here ? "&gt;" : " "} ${String(l.line).padStart(width)} | ${e(l.text)}`);
  return `<pre class="snippet">${rows.join("\n")}</pre>`;
}
