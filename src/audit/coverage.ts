/**
 * The audit's coverage section: for each catalogued SDK, page global and HTTP endpoint the program uses, its
 * calls — which are sinks, which of those carried a security contact — and its other calls; and what the catalog
 * does not cover but looks like it should: imports of modules named like ad, marketing or analytics packages
 * that are not catalogued, and requests to hosts named like tracking services that match no known endpoint.
 * A reviewer reads it to know what the analysis saw, and what to add to the config.
 */
import type TS from "typescript";
import type { Finding, Inventory, Location, Purpose } from "../analysis/findings.js";
import { CATALOG, GLOBAL } from "../catalog/index.js";
import { HTTP_CLIENTS } from "../catalog/http/index.js";
import { firstPartySourceFiles } from "../suppressions.js";
import ts from "../typescript.js";
import { locationOf } from "../analysis/locations.js";

export interface CoveredApi {
  vendor: string;
  /** The module, "(global)", or the endpoint's URL pattern. */
  api: string;
  kind: "SDK" | "global" | "endpoint";
  purposes: Purpose[];
  /** Each sink call, and whether a security contact reached it (a violation, suppressed or not). */
  sinkCalls: { callee: string; location: Location; carried: boolean }[];
  /** Calls of the same API that are not sinks, by path (`isFeatureEnabled` ×3). */
  otherCalls: { path: string; locations: Location[] }[];
}

export interface NotCovered {
  /** A module specifier, or a request URL (unknown parts as "…"). */
  name: string;
  kind: "module" | "endpoint";
  /** For an endpoint: the HTTP client that sent it. */
  client?: string;
  locations: Location[];
}

export interface Coverage {
  covered: CoveredApi[];
  notCovered: NotCovered[];
}

/**
 * Module names that read like ad, marketing or analytics packages: vendor names and the trade's words, as whole
 * words of the specifier. Feature flags, error tracking and transactional messaging are not listed.
 */
const TRACKING_MODULE =
  /(^|[-_/@.])(analytics|tracking|tracker|pixel|pixels|marketing|advertising|adtech|crm|gtm|gtag|tag-?manager|mixpanel|amplitude|hotjar|fullstory|logrocket|posthog|rudderstack|snowplow|hubspot|mailchimp|klaviyo|braze|customerio|sendinblue|brevo|iterable|intercom|marketo|pardot|attio|pipedrive|criteo|taboola|outbrain|appsflyer|onesignal|mparticle|tealium|matomo|piwik|plausible|umami)([-_/@.]|$)/i;

/** Whether a module specifier reads like an ad, marketing or analytics package. */
export function looksLikeTrackingModule(specifier: string): boolean {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("@types/")) return false;
  return TRACKING_MODULE.test(specifier);
}

export function buildCoverage(inventory: Inventory, findings: readonly Finding[], program: TS.Program): Coverage {
  const covered = new Map<string, CoveredApi>();
  const entryOf = (vendor: string, api: string): CoveredApi => {
    const key = `${vendor}\u0000${api}`;
    let entry = covered.get(key);
    if (!entry) {
      const kind = api === GLOBAL ? "global" : /^[a-z*]+:\/\//i.test(api) ? "endpoint" : "SDK";
      covered.set(key, (entry = { vendor, api, kind, purposes: [], sinkCalls: [], otherCalls: [] }));
    }
    return entry;
  };
  for (const sink of inventory.sinks) {
    if (sink.vendor === undefined || sink.api === undefined) continue;
    const entry = entryOf(sink.vendor, sink.api);
    if (!entry.purposes.includes(sink.purpose)) entry.purposes.push(sink.purpose);
    for (const location of sink.calls) {
      const carried = findings.some((f) => f.sink.callee === sink.callee && contains(location, f.sink.location));
      entry.sinkCalls.push({ callee: sink.callee, location, carried });
    }
  }
  // Other calls of a catalogued API belong to the vendor the catalog names for that module (or global).
  const vendorOf = new Map<string, string>();
  for (const e of CATALOG) vendorOf.set(e.module === GLOBAL ? `${GLOBAL}|${/^[^.(]*/.exec(e.path)?.[0] ?? ""}` : e.module, e.vendor);
  for (const call of inventory.otherApiCalls ?? []) {
    const head = /^[^.(]*/.exec(call.path)?.[0] ?? "";
    const vendor = vendorOf.get(call.module === GLOBAL ? `${GLOBAL}|${head}` : call.module);
    if (vendor === undefined) continue;
    entryOf(vendor, call.module).otherCalls.push({ path: call.path, locations: call.calls });
  }
  for (const entry of covered.values()) entry.sinkCalls.sort((a, b) => compareLocations(a.location, b.location));
  return {
    covered: [...covered.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.api.localeCompare(b.api)),
    notCovered: [...uncoveredModules(program), ...(inventory.uncoveredRequests ?? []).map((r): NotCovered => ({ name: r.url, kind: "endpoint", client: r.client, locations: r.calls }))],
  };
}

/** Imports (and `require` / `import()`) of tracking-looking modules the catalog and the HTTP clients do not know. */
function uncoveredModules(program: TS.Program): NotCovered[] {
  const known = new Set([...CATALOG.map((e) => e.module), ...HTTP_CLIENTS.map((e) => e.module)]);
  const found = new Map<string, Location[]>();
  const note = (specifier: TS.StringLiteralLike): void => {
    const name = specifier.text;
    if (known.has(name) || !looksLikeTrackingModule(name) || isOwnCode(program, specifier)) return;
    const list = found.get(name) ?? [];
    list.push(locationOf(specifier));
    found.set(name, list);
  };
  for (const file of firstPartySourceFiles(program)) {
    for (const statement of file.statements) {
      if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        if (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword) continue;
        note(statement.moduleSpecifier);
      }
    }
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length === 1 && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
        const arg = node.arguments[0];
        if (arg && ts.isStringLiteralLike(arg)) note(arg);
      }
      ts.forEachChild(node, visit);
    };
    if (file.text.includes("require(") || file.text.includes("import(")) visit(file);
  }
  return [...found].map(([name, locations]): NotCovered => ({ name, kind: "module", locations })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A specifier that resolves to the program's own sources — a path alias (`@/lib/posthog`) or a workspace package
 * built from source — is code the analysis reads (its SDK calls are covered or not on their own), not a vendor.
 */
function isOwnCode(program: TS.Program, specifier: TS.StringLiteralLike): boolean {
  const file = specifier.getSourceFile();
  const resolved = ts.resolveModuleName(specifier.text, file.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return false;
  const target = program.getSourceFile(resolved.resolvedFileName);
  return target !== undefined && !target.isDeclarationFile;
}

function compareLocations(a: Location, b: Location): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function contains(outer: Location, inner: Location): boolean {
  if (outer.file !== inner.file) return false;
  const starts = outer.line < inner.line || (outer.line === inner.line && outer.column <= inner.column);
  const ends = outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn);
  return starts && ends;
}
