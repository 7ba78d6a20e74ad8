/**
 * The monorepo fixtures package summaries are tested on (test/summaries.test.ts, test/eslint-summaries.test.ts),
 * copied to a temporary directory where the summaries are written, with the repo layout their tsconfigs expect.
 */
import fs from "node:fs";
import path from "node:path";
import { REPO } from "./bad-input-utils.js";

/** A copy of fixtures/<fixture> below `tmp/<name>`, at the same depth below fixtures/tsconfig.base.json and runtime/. */
export function copyFixture(tmp: string, fixture: string, name = fixture): string {
  const root = path.join(tmp, name, "fixtures", fixture);
  fs.cpSync(path.join(REPO, "fixtures", fixture), root, { recursive: true });
  fs.copyFileSync(path.join(REPO, "fixtures", "tsconfig.base.json"), path.join(tmp, name, "fixtures", "tsconfig.base.json"));
  fs.mkdirSync(path.join(tmp, name, "runtime"));
  fs.copyFileSync(path.join(REPO, "runtime", "security-contact.ts"), path.join(tmp, name, "runtime", "security-contact.ts"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(tmp, name, "node_modules"));
  return root;
}

/** Each package of a fixture in dependency order, with the packages whose summaries its task reads. */
export const SUMMARY_LAYOUTS: Record<string, [pkg: string, deps: string[]][]> = {
  "monorepo/acme": [
    ["packages/identity", []],
    ["packages/growth", ["packages/identity"]],
    ["apps/web", ["packages/identity", "packages/growth"]],
  ],
  "cli-inputs/package-summaries": [
    ["packages/accounts", []],
    ["packages/marketing", ["packages/accounts"]],
    ["apps/web", ["packages/accounts", "packages/marketing"]],
  ],
};
