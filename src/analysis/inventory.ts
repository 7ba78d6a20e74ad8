/**
 * The audit inventory: every source read, every sink call and every declassification the engine saw, collected
 * as the analysis runs (it visits every function anyway) and turned into plain data at the end.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { isPolicyPurpose, type Inventory, type Location } from "./findings.js";
import { locationOf } from "./locations.js";
import type { SinkInfo } from "./model.js";
import type { Source } from "./values.js";

export class InventoryBuilder {
  private readonly sinks = new Map<string, { info: SinkInfo; calls: Set<TS.Node> }>();
  private readonly otherApiCalls = new Map<string, Set<TS.Node>>();
  private readonly uncoveredRequests = new Map<string, { url: string; client: string; calls: Set<TS.Node> }>();
  private readonly declassifications = new Map<TS.Node, { fields: Set<string>; reaches: Map<string, { info: SinkInfo; arg: TS.Node }> }>();

  sinkCall(info: SinkInfo, call: TS.Node): void {
    // Security uses (candidate discovery's targets) are no sinks a reviewer audits.
    if (!isPolicyPurpose(info.purpose)) return;
    const key = `${info.origin}|${info.purpose}|${info.api ?? ""}|${info.callee}`;
    let entry = this.sinks.get(key);
    if (!entry) this.sinks.set(key, (entry = { info, calls: new Set() }));
    entry.calls.add(call);
  }

  /** A call into a catalogued API that is not a sink ("posthog-js|isFeatureEnabled"). */
  otherApiCall(apiPath: string, call: TS.Node): void {
    let calls = this.otherApiCalls.get(apiPath);
    if (!calls) this.otherApiCalls.set(apiPath, (calls = new Set()));
    calls.add(call);
  }

  /** A request whose URL looks like a tracking service's but matches no endpoint. */
  uncoveredRequest(url: string, client: string, call: TS.Node): void {
    const key = `${client} ${url}`;
    let entry = this.uncoveredRequests.get(key);
    if (!entry) this.uncoveredRequests.set(key, (entry = { url, client, calls: new Set() }));
    entry.calls.add(call);
  }

  declassification(call: TS.CallExpression, fields: readonly string[]): void {
    let entry = this.declassifications.get(call);
    if (!entry) this.declassifications.set(call, (entry = { fields: new Set(), reaches: new Map() }));
    for (const field of fields) entry.fields.add(field);
  }

  declassifiedReaches(call: TS.Node, info: SinkInfo, arg: TS.Node): void {
    const entry = this.declassifications.get(call);
    entry?.reaches.set(`${info.callee}@${arg.pos}@${arg.getSourceFile().fileName}`, { info, arg });
  }

  build(sources: readonly Source[]): Inventory {
    const byField = new Map<string, { declaredAt?: Location; reads: Location[] }>();
    for (const source of sources) {
      if (source.kind === "declassified") continue;
      let entry = byField.get(source.field);
      if (!entry) byField.set(source.field, (entry = { reads: [] }));
      if (!entry.declaredAt && source.declaration) entry.declaredAt = locationOf(source.declaration);
      entry.reads.push(locationOf(source.node));
    }
    return {
      sources: [...byField].map(([field, entry]) => ({ field, ...entry, reads: entry.reads.sort(compareLocations) })).sort((a, b) => a.field.localeCompare(b.field)),
      sinks: [...this.sinks.values()]
        .flatMap(({ info, calls }) => (isPolicyPurpose(info.purpose) ? [{ info, purpose: info.purpose, calls }] : []))
        .map(({ info, purpose, calls }) => ({
          callee: info.callee,
          purpose,
          origin: info.origin,
          calls: [...calls].map((c) => locationOf(c)).sort(compareLocations),
          ...(info.vendor === undefined ? {} : { vendor: info.vendor }),
          ...(info.api === undefined ? {} : { api: info.api }),
        }))
        .sort((a, b) => a.purpose.localeCompare(b.purpose) || a.callee.localeCompare(b.callee)),
      otherApiCalls: [...this.otherApiCalls]
        .map(([apiPath, calls]) => ({ module: apiPath.slice(0, apiPath.indexOf("|")), path: apiPath.slice(apiPath.indexOf("|") + 1), calls: [...calls].map((c) => locationOf(c)).sort(compareLocations) }))
        .sort((a, b) => a.module.localeCompare(b.module) || a.path.localeCompare(b.path)),
      uncoveredRequests: [...this.uncoveredRequests.values()]
        .map(({ url, client, calls }) => ({ url, client, calls: [...calls].map((c) => locationOf(c)).sort(compareLocations) }))
        .sort((a, b) => a.url.localeCompare(b.url) || a.client.localeCompare(b.client)),
      declassifications: [...this.declassifications].map(([call, entry]) => {
        const args = ts.isCallExpression(call) ? call.arguments : undefined;
        const reason = args?.[1];
        const callee = ts.isCallExpression(call) ? call.expression.getText() : "declassify";
        return {
          location: locationOf(call),
          justification: reason && (ts.isStringLiteral(reason) || ts.isNoSubstitutionTemplateLiteral(reason)) ? reason.text : undefined,
          sanitizer: callee,
          fields: [...entry.fields].sort(),
          reaches: [...entry.reaches.values()].flatMap(({ info, arg }) => (isPolicyPurpose(info.purpose) ? [{ callee: info.callee, purpose: info.purpose, location: locationOf(arg) }] : [])),
        };
      }).sort((a, b) => compareLocations(a.location, b.location)),
    };
  }
}

function compareLocations(a: Location, b: Location): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
