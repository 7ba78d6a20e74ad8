/**
 * The HTTP sink tables and their helpers: URL patterns (wildcards, holes), URL resolution, the endpoint table
 * (each example matches its own pattern, transactional URLs match none), API paths that remember a URL, and the
 * static URL evaluator on a small program.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { StaticUrls } from "../src/analysis/static-url.js";
import { plainPath, rememberedUrl, rememberingCall } from "../src/catalog/api-path.js";
import { ENDPOINTS } from "../src/catalog/http/index.js";
import { EndpointMatcher } from "../src/catalog/http/match.js";
import { compileUrlPattern, HOLE, isUrlPattern, joinBase, resolveUrl } from "../src/catalog/http/url-pattern.js";

describe("URL patterns", () => {
  it("matches * within a segment or host and ** across segments, also none", () => {
    const capi = compileUrlPattern("https://graph.facebook.com/*/*/events");
    expect(capi.test("https://graph.facebook.com/v21.0/123/events")).toBe(true);
    expect(capi.test("https://graph.facebook.com/v21.0/123/456/events")).toBe(false);
    const capture = compileUrlPattern("https://*.posthog.com/capture/**");
    for (const url of ["https://us.i.posthog.com/capture", "https://us.i.posthog.com/capture/", "https://eu.i.posthog.com/capture/x/y"]) expect(capture.test(url), url).toBe(true);
    expect(capture.test("https://us.i.posthog.com/decide/")).toBe(false);
    expect(capture.test("https://posthog.com.evil.example/capture/")).toBe(false);
  });

  it("lets holes stand only where the pattern has a wildcard", () => {
    const capi = compileUrlPattern("https://graph.facebook.com/*/*/events");
    expect(capi.test(`https://graph.facebook.com/v21.0/${HOLE}/events`)).toBe(true);
    expect(capi.test(`${HOLE}/v21.0/1/events`)).toBe(false);
    expect(capi.test(`https://graph.facebook.com/v21.0/1/${HOLE}`)).toBe(false);
  });

  it("validates patterns: absolute, with a host, no query", () => {
    expect(isUrlPattern("https://ads.example.com/upload/**")).toBe(true);
    expect(isUrlPattern("*://ads.example.com")).toBe(true);
    expect(isUrlPattern("ads.example.com/upload")).toBe(false);
    expect(isUrlPattern("https://ads.example.com/upload?x=1")).toBe(false);
  });

  it("resolves relative URLs and joins base URLs", () => {
    expect(resolveUrl("/v1/track", "https://api.segment.io/x/y")).toBe("https://api.segment.io/v1/track");
    expect(resolveUrl("track", "https://api.segment.io/v1/")).toBe("https://api.segment.io/v1/track");
    expect(resolveUrl("https://a.example/x", "https://b.example")).toBe("https://a.example/x");
    expect(resolveUrl(`${HOLE}/x`, "https://b.example")).toBeUndefined();
    expect(joinBase("https://graph.facebook.com/v21.0/", "/123/events")).toBe("https://graph.facebook.com/v21.0/123/events");
    expect(joinBase("https://graph.facebook.com", "https://api.twilio.com/x")).toBe("https://api.twilio.com/x");
  });
});

describe("the endpoint table", () => {
  const matcher = new EndpointMatcher(ENDPOINTS);

  it("each endpoint's example matches it", () => {
    for (const entry of ENDPOINTS) {
      expect(entry.example, entry.url).toBeDefined();
      expect(compileUrlPattern(entry.url).test((entry.example ?? "").replace(/[?#].*$/, "")), `${entry.url} vs ${String(entry.example)}`).toBe(true);
      expect(isUrlPattern(entry.url), entry.url).toBe(true);
    }
  });

  it("transactional and security endpoints match nothing", () => {
    for (const url of [
      "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
      "https://api.sendgrid.com/v3/mail/send",
      "https://api.customer.io/v1/send/email",
      "https://api.brevo.com/v3/smtp/email",
      "https://api.brevo.com/v3/transactionalSMS/sms",
      "https://app.loops.so/api/v1/transactional",
      "https://api.hubapi.com/marketing/v3/transactional/single-email/send",
      "https://mandrillapp.com/api/1.0/messages/send",
      "https://rest.iad-01.braze.com/transactional/v1/campaigns/abc/send",
      "https://graph.facebook.com/v21.0/me",
      "/api/login",
    ]) {
      expect(matcher.match([url]), url).toBeUndefined();
    }
  });

  it("ignores the query string", () => {
    expect(matcher.match(["https://tr.snapchat.com/v3/p/events?access_token=x"])?.entry.vendor).toBe("Snap");
  });
});

describe("API paths that remember a URL", () => {
  it("round-trips a URL with parentheses and bars and drops it for matching", () => {
    const url = "https://x.example/a(b)|c%2F";
    const path = `create${rememberingCall(url)}.post`;
    expect(plainPath(path)).toBe("create().post");
    expect(rememberedUrl(path)).toBe(url);
    expect(rememberedUrl("create().post")).toBeUndefined();
  });
});

describe("static URL evaluation", () => {
  const files: Record<string, string> = {
    "consts.ts": [
      `export const GRAPH = "https://graph.facebook.com/v21.0";`,
      `export const ENDPOINTS = { segment: "https://api.segment.io/v1/track" } as const;`,
      `export let mutable = "https://api.mixpanel.com/track";`,
    ].join("\n"),
    "use.ts": [
      `import { GRAPH, ENDPOINTS, mutable } from "./consts";`,
      `declare const pixelId: string; declare const flag: boolean;`,
      `const base = process.env.CAPI_BASE ?? "https://graph.facebook.com";`,
      `const u = new URL("/v1/identify", "https://api.segment.io");`,
      `export const cases = [`,
      `  \`\${GRAPH}/\${pixelId}/events\`,`,
      `  ENDPOINTS.segment,`,
      `  mutable,`,
      `  base + "/v21.0/1/events",`,
      `  u.href,`,
      `  flag ? "https://a.example" : "https://b.example",`,
      `  "https://x.example/" + encodeURIComponent(pixelId),`,
      `];`,
    ].join("\n"),
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-urls-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const program = ts.createProgram(Object.keys(files).map((name) => path.join(dir, name)), { strict: true, noEmit: true, types: [] });
  const evaluator = new StaticUrls(program.getTypeChecker());
  const array = program.getSourceFile(path.join(dir, "use.ts"))?.statements.at(-1) as ts.VariableStatement;
  const elements = (array.declarationList.declarations[0]?.initializer as ts.ArrayLiteralExpression).elements;
  const show = (index: number) => evaluator.strings(elements[index] as ts.Expression).map((s) => s.replaceAll(HOLE, "…"));

  it("follows consts across files, templates, object properties, new URL and alternatives", () => {
    expect(show(0)).toEqual(["https://graph.facebook.com/v21.0/…/events"]);
    expect(show(1)).toEqual(["https://api.segment.io/v1/track"]);
    expect(show(2)).toEqual(["…"]);
    expect(show(3)).toEqual(["…/v21.0/1/events", "https://graph.facebook.com/v21.0/1/events"]);
    expect(show(4)).toEqual(["https://api.segment.io/v1/identify"]);
    expect(show(5)).toEqual(["https://a.example", "https://b.example"]);
    expect(show(6)).toEqual(["https://x.example/…"]);
  });
});
