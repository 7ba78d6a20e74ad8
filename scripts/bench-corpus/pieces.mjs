// The texts gen-corpus.mjs writes, shared by its single-project and monorepo layouts: the branded records, the
// @sink functions, the helpers and the feature modules with their planted leaks and near-misses. Every function
// draws from the caller's seeded `random` in a fixed order, so equal options give equal corpora.

export const DOMAIN_TS = `import type { SecurityContact } from "purpose-lint";

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
`;

export const SINKS_TS = `/** @sink advertising */
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
`;

/** The body of a helper that reshapes a string (a value passed in comes out tainted). */
export function helperBody(pick) {
  return pick([
    "return value.trim().toLowerCase();",
    'return value.replace(/[^0-9+]/g, "");',
    "return `${value}`.padStart(4, \" \").trim();",
    'return value.split(" ").join("");',
  ]);
}

/**
 * One feature module: ordinary code around `helper` and `other` (imported as `imports` say), and optionally a
 * planted leak and a near-miss, each sink argument on a line of its own. Returns the text and the planted lines.
 */
export function featureModule(f, { imports, helper, other, leak, miss }, { random, pick }) {
  const lines = [...imports, ""];
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
  const plant = (sinkLine) => {
    lines.push(...sinkLine.before);
    const line = lines.join("\n").split("\n").length + 1; // entries may hold several lines
    lines.push(sinkLine.call, ...sinkLine.after);
    return line;
  };
  let leakLine;
  let missLine;
  if (leak) {
    const shape = pick(["audience", "subscribe", "track"]);
    const field = pick(["twoFactorPhone", "recoveryEmail ?? \"\""]);
    const read = `account.${field}`;
    const call = {
      audience: { before: [`export function plantedLeak${f}(account: Account): void {`, `  const key = ${helper.name}(${read});`], call: "  uploadAudience(\"lookalike\", [key]);", after: ["}", ""] },
      subscribe: { before: [`export function plantedLeak${f}(account: Account): void {`, `  const address = ${other.name}(${helper.name}(${read}));`], call: "  subscribe(\"offers\", { address, name: account.displayName });", after: ["}", ""] },
      track: { before: [`export function plantedLeak${f}(account: Account): void {`], call: `  track("profile_viewed", { contact: ${helper.name}(${read}) });`, after: ["}", ""] },
    }[shape];
    leakLine = plant(call);
  }
  if (miss) {
    const call = pick([
      { before: [`export function nearMiss${f}(account: Account): void {`], call: `  subscribe("newsletter", { address: ${helper.name}(account.email) });`, after: ["}", ""] },
      { before: [`export function nearMiss${f}(account: Account): void {`], call: "  track(\"2fa_enabled\", { hasPhone: account.twoFactorPhone.length > 0 });", after: ["}", ""] },
      {
        before: [`export function nearMiss${f}(account: Account): void {`],
        call: '  subscribe("sms", { address: declassify(account.twoFactorPhone, "the member opted in to SMS offers on this number") });',
        after: ["}", ""],
      },
    ]);
    missLine = plant(call);
  }
  return { text: `${lines.join("\n")}\n`, leakLine, missLine };
}

/** Which of `count` modules get a planted leak and which a near-miss: spread over the corpus, decided by the seed. */
export function plantings(count, leakRate, nearMissRate, random) {
  const leaks = leakRate > 0 ? Math.max(1, Math.round(count * leakRate)) : 0;
  const misses = nearMissRate > 0 ? Math.max(1, Math.round(count * nearMissRate)) : 0;
  const order = Array.from({ length: count }, (_, i) => i).sort(() => random() - 0.5);
  return { leakAt: new Set(order.slice(0, leaks)), missAt: new Set(order.slice(leaks, leaks + misses)) };
}
