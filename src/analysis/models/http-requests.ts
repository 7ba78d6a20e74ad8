/**
 * HTTP requests as sinks (the model of src/catalog/http/). A call whose API path is a known HTTP client
 * (`fetch`, axios, got, ky, undici, node:https, ofetch, `navigator.sendBeacon`) has its URL evaluated statically
 * (src/analysis/static-url.ts) — resolved against the base URL a created client remembers (`axios.create({
 * baseURL })`) or the call's own `baseURL` option — and, when it names a vendor endpoint, what the request sends
 * is a sink: the URL itself (path and query) and the body, JSON, form and query options. Nothing else is: a
 * request to "/api/login" or to Twilio sends the phone where it is meant to go. A factory's result remembers its
 * base URL on the API path, and an opened request (`https.request(url)`) the endpoint its writes go to.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { rememberedUrl } from "../../catalog/api-path.js";
import type { EndpointEntry, HttpClientEntry, RequestSlot } from "../../catalog/http/types.js";
import { HOLE, joinBase, withoutQuery } from "../../catalog/http/url-pattern.js";
import type { SinkInfo } from "../model.js";
import { PARAM } from "../static-url.js";
import { apiStepRemembering, type AV, join, member, type Value } from "../values.js";
import type { Activation, RequestForward } from "../interpret/activation.js";
import { skipOuter } from "../interpret/util.js";

type Call = TS.CallExpression | TS.NewExpression;

/**
 * Handles a call of an HTTP client API: reports what it sends to a matching endpoint, and returns the API value
 * of a created client or an opened request that remembers its URL (undefined for anything else).
 */
function httpRequest(this: Activation, node: Call, calleeValue: Value, args: AV[]): AV {
  const http = this.solver.http;
  if (http.modules.size === 0) return undefined;
  let result: AV;
  for (const path of calleeValue.api ?? []) {
    for (const entry of http.match(path)) {
      const remembered = rememberedUrl(path.slice(path.indexOf("|") + 1));
      if (entry.returns === "client") {
        const bases = this.slotUrls(node, entry.base ?? [], undefined);
        for (const base of bases ?? []) result = join(result, apiStepRemembering({ api: new Set([path]) }, remembered === undefined ? base : joinBase(remembered, base)));
        continue;
      }
      let urls = entry.url.length === 0 ? (remembered === undefined ? undefined : [remembered]) : this.slotUrls(node, entry.url, remembered);
      const bases = entry.base && this.slotUrls(node, entry.base, undefined);
      if (urls && bases) urls = urls.flatMap((url) => bases.map((base) => joinBase(base, url)));
      const hit = urls && this.solver.endpoints.match(urls);
      if (!hit && urls) this.recordForwards(urls, entry.client);
      if (!hit) {
        for (const url of urls ?? []) if (looksLikeTracking(url)) this.solver.uncoveredRequest(withoutQuery(url).replaceAll(HOLE, "…"), entry.client, node);
        continue;
      }
      if (entry.returns === "request") result = join(result, apiStepRemembering({ api: new Set([path]) }, hit.url));
      this.reportRequest(node, entry, hit.entry, args);
    }
  }
  return result;
}

/**
 * The URL candidates of the first slot that applies (see HttpClientEntry.url), joined to a client's remembered
 * base; undefined when no slot applies.
 */
function slotUrls(this: Activation, node: Call, slots: readonly RequestSlot[], base: string | undefined): string[] | undefined {
  const urls = this.solver.staticUrls;
  for (const slot of slots) {
    const arg = node.arguments?.[slot.argument];
    if (!arg || ts.isSpreadElement(arg)) continue;
    let strings: string[] | undefined;
    if (slot.property !== undefined) {
      const value = urls.property(arg, slot.property);
      if (value) strings = urls.stringsIn(value, ts.isSourceFile(this.fn) || ts.isClassLike(this.fn) ? undefined : this.fn);
    } else if (urls.objectLiteral(arg)) {
      strings = this.requestOptionsUrl(arg);
    } else strings = urls.stringsIn(arg, ts.isSourceFile(this.fn) || ts.isClassLike(this.fn) ? undefined : this.fn);
    if (!strings) continue;
    return base === undefined ? strings : strings.map((url) => joinBase(base, url));
  }
  return undefined;
}

/** A URL template over this function's parameters: the callers' arguments complete it (`completeForwards`). */
function recordForwards(this: Activation, urls: readonly string[], client: string): void {
  for (const template of urls) {
    if (!template.includes(PARAM) || this.forwards.some((f) => f.template === template && f.client === client)) continue;
    this.forwards.push({ template, client });
  }
}

/**
 * At a call of a function that requests a URL built from its parameters (a wrapper `post(url, body)`): the URL
 * with this call's arguments put in; when it names a vendor endpoint, every argument of this call is sent there.
 * Parameters of the calling function stay markers, so a wrapper of a wrapper forwards in turn.
 */
function completeForwards(this: Activation, node: Call, forwards: readonly RequestForward[], callee: TS.SignatureDeclaration, args: AV[]): void {
  const urls = this.solver.staticUrls;
  const scope = ts.isSourceFile(this.fn) || ts.isClassLike(this.fn) ? undefined : this.fn;
  for (const forward of forwards) {
    let candidates = [forward.template];
    for (const [, index] of forward.template.matchAll(new RegExp(`${PARAM}(\\d+)${PARAM}`, "g"))) {
      const arg = node.arguments?.[Number(index)];
      const values = arg && !ts.isSpreadElement(arg) ? urls.stringsIn(arg, scope) : [HOLE];
      candidates = candidates.flatMap((c) => values.map((v) => c.replaceAll(`${PARAM}${String(index)}${PARAM}`, v))).slice(0, 8);
    }
    // A URL whose known part already names an endpoint is reported here; one that needs more is forwarded.
    const hit = this.solver.endpoints.match(candidates);
    if (!hit) {
      this.recordForwards(candidates, forward.client);
      continue;
    }
    const name = callee.name && ts.isIdentifier(callee.name) ? callee.name.text : ts.isVariableDeclaration(callee.parent) && ts.isIdentifier(callee.parent.name) ? callee.parent.name.text : "wrapper";
    const sink: SinkInfo = {
      purpose: hit.entry.purpose,
      callee: `${hit.entry.vendor} ${hit.entry.url.replace(/^[a-z*]+:\/\//i, "")}`,
      origin: this.solver.configEndpoints.has(hit.entry) ? "config" : "catalog",
      step: `${name} (${forward.client})`,
      vendor: hit.entry.vendor,
      api: hit.entry.url,
    };
    this.solver.reportSink(node, sink, args, node.arguments ?? []);
  }
}

/** node:http's options form: `{ protocol, hostname | host, port, path }`. */
function requestOptionsUrl(this: Activation, options: TS.Expression): string[] | undefined {
  const urls = this.solver.staticUrls;
  const host = urls.property(options, "hostname") ?? urls.property(options, "host");
  if (!host) return undefined;
  const protocol = urls.property(options, "protocol");
  const path = urls.property(options, "path");
  const protocols = protocol ? urls.strings(protocol) : ["https:"];
  const out: string[] = [];
  for (const p of protocols) for (const h of urls.strings(host)) for (const rest of path ? urls.strings(path) : ["/"]) out.push(`${p.replace(/:?$/, ":")}//${h}${rest}`);
  return out.length > 0 ? out : [HOLE];
}

/** Reports the URL and each sent part of a request to a vendor endpoint, each at its own argument. */
function reportRequest(this: Activation, node: Call, client: HttpClientEntry, endpoint: EndpointEntry, args: AV[]): void {
  const sink: SinkInfo = {
    purpose: endpoint.purpose,
    callee: `${endpoint.vendor} ${endpoint.url.replace(/^[a-z*]+:\/\//i, "")}`,
    origin: this.solver.configEndpoints.has(endpoint) ? "config" : "catalog",
    step: client.client,
    vendor: endpoint.vendor,
    api: endpoint.url,
  };
  const urls = this.solver.staticUrls;
  for (const slot of [...client.url, ...client.sends]) {
    const arg = node.arguments?.[slot.argument];
    if (!arg || ts.isSpreadElement(arg)) continue;
    let value = args[slot.argument];
    let at: TS.Expression = arg;
    if (slot.property !== undefined) {
      // A string argument has no such property: only object arguments carry it.
      if (isStringish(arg)) continue;
      value = member(value, slot.property);
      at = urls.property(arg, slot.property) ?? arg;
      if (!urls.property(arg, slot.property) && urls.objectLiteral(arg)) continue;
    }
    const values: AV[] = [];
    const nodes: TS.Expression[] = [];
    values[slot.argument] = value;
    nodes[slot.argument] = at;
    this.solver.reportSink(node, sink, values, nodes);
  }
}

/**
 * A URL whose known host reads like a tracking, advertising or marketing service (for the audit's "not covered"
 * list; never a sink by itself).
 */
const TRACKING_HOST = /(analytic|track|pixel|collect|telemetry|beacon|insight|metric|marketing|crm|conversion|audience|adserv|ads[-.]|[-.]ads\b|tagmanager|segment|cdp)/i;

function looksLikeTracking(url: string): boolean {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1];
  return host !== undefined && !host.includes(HOLE) && TRACKING_HOST.test(host);
}

function isStringish(arg: TS.Expression): boolean {
  const inner = skipOuter(arg);
  return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isTemplateExpression(inner);
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const httpRequestMethods = { httpRequest, slotUrls, requestOptionsUrl, reportRequest, recordForwards, completeForwards };
