/** The audit's coverage section in HTML (see src/audit/coverage.ts for what it holds). */
import type { Location } from "../analysis/findings.js";
import type { Coverage } from "../audit/coverage.js";
import { escapeHtml as e } from "./audit-html.js";

type Table = (headers: string[], rows: string[][], numeric?: number[]) => string;

export function coverageHtml(coverage: Coverage, link: (location: Location) => string, table: Table): string {
  const out = [
    `<h2 id="coverage">Coverage</h2>`,
    `<p class="note">Catalogued SDKs, page globals and HTTP endpoints the program calls; ` +
      `<span class="badge error">carried</span> marks a call a security contact reached.</p>`,
  ];
  out.push(
    coverage.covered.length === 0
      ? `<p class="empty">No catalogued API is used.</p>`
      : table(
          ["vendor", "API", "kind", "sink calls", "other calls"],
          coverage.covered.map((api) => [
            e(api.vendor),
            `<code>${e(api.api)}</code>`,
            e(api.kind),
            api.sinkCalls.map((c) => `${link(c.location)}${c.carried ? ` <span class="badge error">carried</span>` : ""}`).join("<br>") || "—",
            api.otherCalls.map((c) => `<code>${e(c.path)}</code> ×${String(c.locations.length)}`).join(", ") || "—",
          ]),
        ),
  );
  out.push(
    `<h3>Not covered</h3>`,
    `<p class="note">Modules named like ad, marketing or analytics packages, and requests to tracking-looking hosts, ` +
      `that the catalog does not know: add them in purpose-lint.config.json if they receive user data.</p>`,
    coverage.notCovered.length === 0
      ? `<p class="empty">Nothing.</p>`
      : table(
          ["module or endpoint", "kind", "where"],
          coverage.notCovered.map((item) => [
            `<code>${e(item.name)}</code>`,
            e(item.client === undefined ? item.kind : `${item.kind} (${item.client})`),
            item.locations.map((l) => link(l)).join("<br>"),
          ]),
        ),
  );
  return out.join("\n");
}
