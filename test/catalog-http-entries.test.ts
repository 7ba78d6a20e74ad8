/**
 * Every HTTP sink entry, generated: each vendor endpoint gets a `fetch` to its example URL with a security
 * contact in the body (a leak) and with the consented email (silent); each HTTP client API gets one request to
 * a conversion endpoint carrying the contact (a leak) and the same request to Twilio (silent) — a factory
 * (`axios.create`, `got.extend`, `new Client(origin)`) through a client built with that base URL, an opened
 * request (`https.request`) through what is written to it. A configured endpoint gets its leak and near-miss
 * too. The clients' types are absent, as on a fresh checkout. CLI path and ESLint must report exactly the
 * marked lines.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS, HTTP_CLIENTS, type HttpClientEntry, type RequestSlot } from "../src/catalog/http/index.js";
import { GLOBAL } from "../src/catalog/index.js";
import { loadConfig } from "../src/config/load.js";
import { analyzeGenerated, expectedLines, lintGenerated, writeGenerated } from "./generated-program.js";

const BASE = "https://graph.facebook.com/v21.0";
const PATH = "/123/events";
const TWILIO = "https://api.twilio.com/2010-04-01";
const CONFIGURED = { url: "https://ads.example.com/upload/**", purpose: "advertising" };

/** The expression for an entry's path from a default import of its module (or the global). */
function reach(entry: { module: string; path: string }, n: number, imports: string[]): string {
  const segments = entry.path.match(/\(\)|[A-Za-z_$][\w$]*/g) ?? [];
  if (entry.module === GLOBAL) return segments.map((s, i) => (s === "()" || i === 0 ? s : `.${s}`)).join("");
  imports.push(`import root${n} from "${entry.module}";`);
  return `root${n}${segments.map((s) => (s === "()" ? s : `.${s}`)).join("")}`;
}

/** Arguments putting `url` in the first URL slot and `value` in the first sent slot (the URL itself when none). */
function requestArgs(entry: HttpClientEntry, url: string, value: string): string {
  const slots = new Map<number, Map<string, string>>();
  const plain = new Map<number, string>();
  const put = (slot: RequestSlot, text: string) => {
    if (slot.property === undefined) plain.set(slot.argument, text);
    else {
      const object = slots.get(slot.argument) ?? new Map<string, string>();
      object.set(slot.property, text);
      slots.set(slot.argument, object);
    }
  };
  const urlSlot = entry.url[0];
  const sent = entry.sends.find((slot) => slot.property === undefined || urlSlot?.property !== undefined || slot.argument !== urlSlot?.argument);
  if (urlSlot) put(urlSlot, sent ? JSON.stringify(url) : `\`${url}?ph=\${${value}}\``);
  if (sent) put(sent, value);
  const count = Math.max(-1, ...plain.keys(), ...slots.keys()) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const object = slots.get(i);
    out.push(plain.get(i) ?? (object ? `{ ${[...object].map(([k, v]) => `${k}: ${v}`).join(", ")} }` : `{}`));
  }
  return out.join(", ");
}

/** A call of the entry, through a factory or an opener where the entry's path starts with one. */
function requestCall(entry: HttpClientEntry, n: number, imports: string[], base: string, value: string): string | undefined {
  const opener = HTTP_CLIENTS.find((other) => other.module === entry.module && other.returns !== undefined && entry.path.startsWith(`${other.path}()`));
  if (opener?.returns === "client") {
    const factory = reach(opener, n, imports);
    const baseSlot = opener.base?.[0];
    const baseArg = baseSlot?.property === undefined ? JSON.stringify(base) : `{ ${baseSlot.property}: ${JSON.stringify(base)} }`;
    const created = /^[A-Z]/.test(opener.path.split(".").pop() ?? "") ? `new ${factory}(${baseArg})` : `${factory}(${baseArg})`;
    const rest = entry.path.slice(opener.path.length + 2).replace(/^\./, "");
    const method = rest === "" ? "" : `.${rest}`;
    return `(${created})${method}(${requestArgs(entry, PATH, value)})`;
  }
  if (opener?.returns === "request") {
    const open = reach(opener, n, imports);
    const method = entry.path.slice(opener.path.length + 3);
    return `${open}(${JSON.stringify(base + PATH)}).${method}(${value})`;
  }
  if (entry.returns === "client") return undefined;
  return `${reach(entry, n, imports)}(${requestArgs(entry, base + PATH, value)})`;
}

function generate(): string {
  const imports: string[] = [];
  const lines = [`interface User { id: string; email: string; twoFactorPhone: SecurityContact<string> }`];
  ENDPOINTS.forEach((endpoint, n) => {
    lines.push(`// ${endpoint.vendor}: ${endpoint.url}`);
    lines.push(`export async function endpoint${n}(user: User) {`);
    lines.push(`  await fetch(${JSON.stringify(endpoint.example)}, { method: "POST", body: user.twoFactorPhone }); // expect-leak`);
    lines.push(`  await fetch(${JSON.stringify(endpoint.example)}, { method: "POST", body: user.email });`);
    lines.push(`}`);
  });
  HTTP_CLIENTS.forEach((entry, n) => {
    const leak = requestCall(entry, n, imports, BASE, "user.twoFactorPhone");
    if (!leak) return;
    lines.push(`// ${entry.client}: ${entry.module} ${entry.path}`);
    lines.push(`export async function client${n}(user: User) {`);
    lines.push(`  await ${leak}; // expect-leak`);
    lines.push(`  await ${requestCall(entry, n, [], TWILIO, "user.twoFactorPhone") ?? ""};`);
    lines.push(`}`);
  });
  lines.push(`export async function configured(user: User) {`);
  lines.push(`  await fetch("https://ads.example.com/upload/audience/7", { method: "PUT", body: user.twoFactorPhone }); // expect-leak`);
  lines.push(`  await fetch("https://ads.example.com/download/7", { method: "PUT", body: user.twoFactorPhone });`);
  lines.push(`}`);
  return [`import type { SecurityContact } from "purpose-lint";`, ...new Set(imports), ...lines, ""].join("\n");
}

describe(`HTTP sinks, entry by entry (${ENDPOINTS.length} endpoints, ${HTTP_CLIENTS.length} client APIs)`, () => {
  let dir: string;
  beforeAll(() => {
    dir = writeGenerated("purpose-lint-http-", generate(), { sinks: [CONFIGURED] });
  });
  afterAll(() => { if (process.env.KEEP_GENERATED) console.log("DIR", dir); else fs.rmSync(dir, { recursive: true, force: true }); });

  it("reports each entry's leak and nothing else through the CLI path", () => {
    const { result, lines } = analyzeGenerated(dir, { config: loadConfig(dir) });
    expect(lines).toEqual(expectedLines(dir));
    expect(result.findings.filter((f) => f.sink.origin === "config")).toHaveLength(1);
  });

  it("reports exactly the same lines through ESLint", async () => {
    expect(await lintGenerated(dir)).toEqual(expectedLines(dir));
  });
});
