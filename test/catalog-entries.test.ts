/**
 * Every catalog entry, not just one per vendor: a generated program calls each entry's API path once with a
 * security contact (a leak, marked `// expect-leak`) and once with the consented email (silent) — plus, for an
 * entry with a `when` condition, once with the contact on an endpoint that does not match (silent). A global's
 * entry is called bare (`fbq(…)`) and through `window` (`window.fbq(…)`), both leaks. The SDKs' types are
 * absent, as on a fresh checkout: matching works from the import (or the global's name) and the access path.
 * The program goes through the CLI path and through ESLint, and both must report exactly the marked lines.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG, GLOBAL, type CatalogEntry } from "../src/catalog/index.js";
import { analyzeGenerated, expectedLines, lintGenerated, writeGenerated } from "./generated-program.js";

/** The expression that reaches an entry's API path from a root named `root`: `root.lists.addListMember`. */
function callee(entry: CatalogEntry): { imports: string; expression: string } {
  const segments = entry.path.replace(/\*$/, "set").match(/\(\)|[A-Za-z_$][\w$]*/g) ?? [];
  if (entry.module === GLOBAL) return { imports: "", expression: segments.map((s, i) => (s === "()" || i === 0 ? s : `.${s}`)).join("") };
  let expression = "root";
  let imports = `import root from "${entry.module}";`;
  const first = segments[0];
  if (first !== undefined && first !== "()") {
    imports = `import { ${first} as root } from "${entry.module}";`;
    segments.shift();
  }
  for (const segment of segments) expression += segment === "()" ? "()" : `.${segment}`;
  return { imports, expression };
}

/** Arguments with `value` in the first identifier-carrying position (inside the request object for a `when`). */
function args(entry: CatalogEntry, value: string, url?: string): string {
  const carrier = entry.arguments?.[0] ?? 0;
  const count = Math.max(carrier, entry.when?.argument ?? 0) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (entry.when && i === entry.when.argument) {
      const carried = i === carrier ? `, body: { contacts: [{ phone_number: ${value} }] }` : "";
      const text = `"${url ?? entry.when.example ?? ""}"`;
      out.push(entry.when.property === undefined ? text : `{ ${entry.when.property}: ${text}${carried} }`);
    } else out.push(i === carrier ? value : `"x"`);
  }
  return out.join(", ");
}

function generate(): string {
  const lines = [`import type { SecurityContact } from "purpose-lint";`, `interface User { id: string; email: string; twoFactorPhone: SecurityContact<string> }`];
  const imports: string[] = [];
  CATALOG.forEach((entry, n) => {
    const { imports: line, expression } = callee(entry);
    if (line) imports.push(line.replace("as root", `as root${n}`).replace("import root", `import root${n}`));
    const call = expression.replace(/^root/, `root${n}`);
    lines.push(`/** ${entry.vendor}: ${entry.path} */`);
    lines.push(`export function leak${n}(user: User) {`);
    lines.push(`  return ${call}(${args(entry, "user.twoFactorPhone")}); // expect-leak`);
    lines.push(`}`);
    if (entry.module === GLOBAL) {
      lines.push(`export function leakThroughWindow${n}(user: User) {`);
      lines.push(`  return window.${call}(${args(entry, "user.twoFactorPhone")}); // expect-leak`);
      lines.push(`}`);
    }
    lines.push(`export function clean${n}(user: User) {`);
    lines.push(`  return ${call}(${args(entry, "user.email")});`);
    lines.push(`}`);
    if (entry.when) {
      lines.push(`export function otherEndpoint${n}(user: User) {`);
      lines.push(`  return ${call}(${args(entry, "user.twoFactorPhone", "/v3/mail/send")});`);
      lines.push(`}`);
    }
  });
  // The page's globals, as a project without their @types packages declares them (or does not: `fbq` is bare).
  lines.push(`declare global { interface Window { [name: string]: any } }`);
  return [...imports, ...lines, ""].join("\n");
}

describe(`the SDK catalog, entry by entry (${CATALOG.length} entries)`, () => {
  let dir: string;
  beforeAll(() => {
    dir = writeGenerated("purpose-lint-catalog-", generate());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reports each entry's leak and nothing else through the CLI path", () => {
    const { result, lines } = analyzeGenerated(dir);
    expect(lines).toEqual(expectedLines(dir));
    expect(result.findings).toHaveLength(CATALOG.length + CATALOG.filter((entry) => entry.module === GLOBAL).length);
    expect(result.findings.every((f) => f.sink.origin === "catalog")).toBe(true);
  });

  it("reports exactly the same lines through ESLint", async () => {
    expect(await lintGenerated(dir)).toEqual(expectedLines(dir));
  });
});
