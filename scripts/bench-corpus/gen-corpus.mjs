#!/usr/bin/env node
/**
 * purpose-lint's own benchmark corpus: a synthetic TypeScript service of N files with leaks of SecurityContact
 * values planted at a known rate, near-misses beside them, and an answer key (expected.json). Plain Node, no
 * dependencies, deterministic for equal options.
 *
 *   node gen-corpus.mjs --out DIR --files N [--seed S] [--leak-rate R] [--near-miss-rate R] [--force]
 *
 * Layout: src/domain.ts (the branded records), src/sinks.ts (@sink functions for each purpose), src/util/*.ts
 * (helpers that reshape strings), and N − 2 − helpers feature modules that read records, pass values through
 * helpers and across modules, and call sinks — with a planted leak (a branded field into a sink, through one or
 * two helpers) or near-miss (a plain field, a declassified value, a count) in some of them. Each planted sink
 * argument is on a line of its own; expected.json lists them as { file, line } relative to DIR.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

function fail(message) {
  process.stderr.write(`gen-corpus: ${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: "string" },
      files: { type: "string" },
      seed: { type: "string", default: "1" },
      "leak-rate": { type: "string", default: "0.025" },
      "near-miss-rate": { type: "string" },
      force: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
const files = Number(values.files);
const leakRate = Number(values["leak-rate"]);
const nearMissRate = Number(values["near-miss-rate"] ?? values["leak-rate"]);
if (!values.out) fail("--out DIR is required");
if (!Number.isInteger(files) || files < 10 || files > 20000) fail("--files must be a whole number from 10 to 20000");
if (!(leakRate >= 0 && leakRate <= 0.5) || !(nearMissRate >= 0 && nearMissRate <= 0.5)) fail("rates must be between 0 and 0.5");

// A small seeded generator (xorshift32 over a hash of the seed): equal options, equal corpus.
let state = [...String(values.seed)].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261) || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];

const out = path.resolve(values.out);
const src = path.join(out, "src");
if (existsSync(src)) {
  if (!values.force) fail(`${src} exists (pass --force to replace it)`);
  rmSync(src, { recursive: true, force: true });
}
mkdirSync(path.join(src, "util"), { recursive: true });
mkdirSync(path.join(src, "features"), { recursive: true });

const write = (relative, text) => writeFileSync(path.join(out, relative), text);

write(
  "tsconfig.json",
  `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["src"] }, null, 2)}\n`,
);
write(
  "src/domain.ts",
  `import type { SecurityContact } from "purpose-lint";

export interface Account {
  id: string;
  email: string;
  displayName: string;
  twoFactorPhone: SecurityContact<string>;
  recoveryEmail?: SecurityContact<string>;
}

export interface Order {
  id: string;
  accountId: string;
  total: number;
}
`,
);
write(
  "src/sinks.ts",
  `/** @sink advertising */
export function uploadAudience(audience: string, identifiers: string[]): void {
  void audience;
  void identifiers;
}

/** @sink marketing */
export function subscribe(list: string, contact: { address: string; name?: string }): void {
  void list;
  void contact;
}

/** @sink analytics */
export function track(event: string, properties: Record<string, unknown>): void {
  void event;
  void properties;
}
`,
);

const HELPERS = Math.max(2, Math.min(40, Math.floor(files / 50)));
const helperNames = [];
for (let h = 0; h < HELPERS; h++) {
  const name = `normalize${h}`;
  helperNames.push({ module: `../util/text${h}`, name });
  const body = pick([
    "return value.trim().toLowerCase();",
    'return value.replace(/[^0-9+]/g, "");',
    "return `${value}`.padStart(4, \" \").trim();",
    'return value.split(" ").join("");',
  ]);
  write(`src/util/text${h}.ts`, `export function ${name}(value: string): string {\n  ${body}\n}\n`);
}

const expected = [];
const nearMisses = [];
const features = files - 2 - HELPERS;
const leaks = leakRate > 0 ? Math.max(1, Math.round(features * leakRate)) : 0;
const misses = nearMissRate > 0 ? Math.max(1, Math.round(features * nearMissRate)) : 0;
// Which feature modules get a planted leak or near-miss: spread over the corpus, decided by the seed.
const order = Array.from({ length: features }, (_, i) => i).sort(() => random() - 0.5);
const leakAt = new Set(order.slice(0, leaks));
const missAt = new Set(order.slice(leaks, leaks + misses));

for (let f = 0; f < features; f++) {
  const helper = pick(helperNames);
  const other = pick(helperNames);
  const lines = [
    'import { declassify } from "purpose-lint";',
    'import type { Account, Order } from "../domain";',
    'import { subscribe, track, uploadAudience } from "../sinks";',
    `import { ${helper.name} } from "${helper.module}";`,
    ...(other.name === helper.name ? [] : [`import { ${other.name} } from "${other.module}";`]),
    "",
  ];
  // Ordinary code: reshaping records and orders, caching, a class — what a real module spends its lines on.
  const blocks = 2 + Math.floor(random() * 4);
  for (let b = 0; b < blocks; b++) {
    lines.push(
      `export function summarize${f}_${b}(orders: Order[], account: Account): string {`,
      "  const totals = new Map<string, number>();",
      "  for (const order of orders) totals.set(order.accountId, (totals.get(order.accountId) ?? 0) + order.total);",
      `  const label = ${helper.name}(account.displayName);`,
      "  return `${label}: ${[...totals.values()].reduce((a, b) => a + b, 0).toFixed(2)}`;",
      "}",
      "",
      `export class Report${f}_${b} {`,
      "  private readonly rows: string[] = [];",
      `  add(account: Account): void {\n    this.rows.push(${other.name}(account.email));\n  }`,
      "  count(): number {\n    return this.rows.length;\n  }",
      "}",
      "",
    );
  }
  const file = `src/features/feature${f}.ts`;
  const plant = (sinkLine) => {
    lines.push(...sinkLine.before);
    const line = lines.join("\n").split("\n").length + 1; // entries may hold several lines
    lines.push(sinkLine.call, ...sinkLine.after);
    return line;
  };
  if (leakAt.has(f)) {
    const shape = pick(["audience", "subscribe", "track"]);
    const field = pick(["twoFactorPhone", "recoveryEmail ?? \"\""]);
    const read = `account.${field}`;
    const call = {
      audience: { before: [`export function plantedLeak${f}(account: Account): void {`, `  const key = ${helper.name}(${read});`], call: "  uploadAudience(\"lookalike\", [key]);", after: ["}", ""] },
      subscribe: { before: [`export function plantedLeak${f}(account: Account): void {`, `  const address = ${other.name}(${helper.name}(${read}));`], call: "  subscribe(\"offers\", { address, name: account.displayName });", after: ["}", ""] },
      track: { before: [`export function plantedLeak${f}(account: Account): void {`], call: `  track("profile_viewed", { contact: ${helper.name}(${read}) });`, after: ["}", ""] },
    }[shape];
    expected.push({ file, line: plant(call) });
  }
  if (missAt.has(f)) {
    const call = pick([
      { before: [`export function nearMiss${f}(account: Account): void {`], call: `  subscribe("newsletter", { address: ${helper.name}(account.email) });`, after: ["}", ""] },
      { before: [`export function nearMiss${f}(account: Account): void {`], call: "  track(\"2fa_enabled\", { hasPhone: account.twoFactorPhone.length > 0 });", after: ["}", ""] },
      {
        before: [`export function nearMiss${f}(account: Account): void {`],
        call: '  subscribe("sms", { address: declassify(account.twoFactorPhone, "the member opted in to SMS offers on this number") });',
        after: ["}", ""],
      },
    ]);
    nearMisses.push({ file, line: plant(call) });
  }
  write(file, `${lines.join("\n")}\n`);
}

write("expected.json", `${JSON.stringify({ generator: "purpose-lint/scripts/bench-corpus", files, seed: values.seed, leaks: expected, nearMisses }, null, 2)}\n`);
process.stdout.write(`gen-corpus: ${files} files, ${expected.length} leaks, ${nearMisses.length} near-misses in ${out}\n`);
