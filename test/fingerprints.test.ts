/**
 * Metamorphic tests of fingerprints (issue 9, item 7): one small generated program, rewritten the ways refactors
 * rewrite code — functions as arrows (declarations → `const f = () =>`, methods → class fields holding arrows,
 * object literal methods → properties holding arrows), declarations reordered, functions moved to another file, an
 * unrelated function renamed — must give the same findings with the same fingerprints.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/analysis/engine.js";
import { loadProgram } from "../src/analysis/load.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-fingerprints-"));
afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

interface Variant {
  /** Functions as arrows held by consts, class fields and object properties instead of declarations and methods. */
  arrows: boolean;
  /** Top-level declarations in reverse order. */
  reversed: boolean;
  /** `syncAudience` and `AudienceService` in a file of their own. */
  moved: boolean;
  /** The unrelated helper's name. */
  unrelated: string;
}

/** A top-level unit of the program: how it is written as a declaration, and as an arrow. */
interface Unit {
  name: string;
  movable: boolean;
  declaration: string;
  arrow: string;
}

const UNITS: Unit[] = [
  {
    name: "uploadAudience",
    movable: false,
    declaration: "/** @sink advertising */\nexport function uploadAudience(phones: string[]): void {\n  void phones;\n}",
    arrow: "/** @sink advertising */\nexport const uploadAudience = (phones: string[]): void => {\n  void phones;\n};",
  },
  {
    name: "normalize",
    movable: false,
    declaration: "export function normalize(phone: string): string {\n  return phone.trim().toLowerCase();\n}",
    arrow: "export const normalize = (phone: string): string => {\n  return phone.trim().toLowerCase();\n};",
  },
  {
    name: "syncAudience",
    movable: true,
    declaration: "export function syncAudience(user: User): void {\n  uploadAudience([normalize(user.twoFactorPhone)]);\n}",
    arrow: "export const syncAudience = (user: User): void => {\n  uploadAudience([normalize(user.twoFactorPhone)]);\n};",
  },
  {
    name: "campaign",
    movable: false,
    declaration:
      "export function campaign(users: User[]): void {\n  users.forEach((u) => uploadAudience([u.recoveryEmail]));\n  uploadAudience(users.map((u) => normalize(u.recoveryEmail)));\n}",
    arrow:
      "export const campaign = function (users: User[]): void {\n  users.forEach((u) => uploadAudience([u.recoveryEmail]));\n  uploadAudience(users.map((u) => normalize(u.recoveryEmail)));\n};",
  },
  {
    name: "AudienceService",
    movable: true,
    declaration: "export class AudienceService {\n  push(user: User): void {\n    uploadAudience([user.twoFactorPhone]);\n  }\n}",
    arrow: "export class AudienceService {\n  push = (user: User): void => {\n    uploadAudience([user.twoFactorPhone]);\n  };\n}",
  },
  {
    name: "handlers",
    movable: false,
    declaration: "export const handlers = {\n  onSignup(user: User): void {\n    uploadAudience([normalize(user.recoveryEmail)]);\n  },\n};",
    arrow: "export const handlers = {\n  onSignup: (user: User): void => {\n    uploadAudience([normalize(user.recoveryEmail)]);\n  },\n};",
  },
  {
    name: "UNRELATED",
    movable: false,
    declaration: "export function UNRELATED(n: number): number {\n  return n + 1;\n}",
    arrow: "export const UNRELATED = (n: number): number => n + 1;",
  },
];

const HEADER = 'import type { User } from "./user.js";\n';
const USER =
  "export type SecurityContact<T> = T & { readonly __securityContact: true };\n" +
  "export interface User {\n  id: string;\n  twoFactorPhone: SecurityContact<string>;\n  recoveryEmail: SecurityContact<string>;\n}\n";

let count = 0;

/** Writes the variant as a project and returns its findings' fingerprints, sorted, and how many there are. */
function fingerprints(variant: Variant): string[] {
  const dir = path.join(TMP, `v${String(count++)}`);
  const render = (units: Unit[]): string =>
    (variant.reversed ? [...units].reverse() : units)
      .map((unit) => (variant.arrows ? unit.arrow : unit.declaration).replaceAll("UNRELATED", variant.unrelated))
      .join("\n\n");
  const stay = UNITS.filter((unit) => !variant.moved || !unit.movable);
  const moved = UNITS.filter((unit) => variant.moved && unit.movable);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "user.ts"), USER);
  fs.writeFileSync(path.join(dir, "src", "app.ts"), `${HEADER}\n${render(stay)}\n`);
  if (moved.length > 0) {
    fs.writeFileSync(path.join(dir, "src", "moved.ts"), `${HEADER}import { normalize, uploadAudience } from "./app.js";\n\n${render(moved)}\n`);
  }
  const options = { strict: true, target: "ES2022", lib: ["ES2022"], module: "ESNext", moduleResolution: "Bundler", types: [] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, include: ["src"] }));
  const result = analyzeProgram(loadProgram(path.join(dir, "tsconfig.json")));
  return result.findings.map((finding) => finding.fingerprint).sort();
}

const ORIGINAL: Variant = { arrows: false, reversed: false, moved: false, unrelated: "increment" };

describe("fingerprints survive refactors that keep the flow", () => {
  const original = fingerprints(ORIGINAL);

  it("the generated program has its five violations, each with its own fingerprint", () => {
    expect(original).toHaveLength(5);
    expect(new Set(original).size).toBe(5);
  });

  it.each<[string, Partial<Variant>]>([
    ["function → arrow (consts, class fields, object properties)", { arrows: true }],
    ["declarations reordered", { reversed: true }],
    ["functions moved to another file", { moved: true }],
    ["an unrelated function renamed", { unrelated: "bumpCounter" }],
    ["all of them at once", { arrows: true, reversed: true, moved: true, unrelated: "bumpCounter" }],
  ])("%s", (_name, change) => {
    expect(fingerprints({ ...ORIGINAL, ...change })).toEqual(original);
  });
});
