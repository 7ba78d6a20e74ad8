/**
 * Fixture discovery and ground truth, shared by the CLI suite (fixtures.test.ts) and the ESLint parity suite.
 *
 * A fixture is a directory under fixtures/ holding a tsconfig.json (fixtures/tsconfig.base.json, fixtures/cli-inputs
 * and node_modules excepted). Its ground truth is every source line ending in an `// expect-leak` comment: the line
 * of a sink argument that carries a security contact. A fixture without such a line must produce no finding.
 * A fixture whose analysis is expected to be incomplete (issue 9: exit 2 unless --allow-incomplete) says so with a
 * `// expect-incomplete: <notification kind>` comment; every other fixture must be analysed completely.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository's fixtures/ directory. */
export const FIXTURES_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

/** Directories under fixtures/ that are not ground-truth fixtures. */
const EXCLUDED_TOP_LEVEL = new Set(["cli-inputs"]);

/** Files scanned for `// expect-leak` markers. */
const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);

/** `// expect-leak`, optionally followed by an explanation; must be a line comment. */
const EXPECT_LEAK = /\/\/\s*expect-leak\b/;

export interface FixtureCase {
  /** POSIX path relative to fixtures/: "basics/direct-field-read", "demo". */
  name: string;
  /** Absolute directory of the fixture. */
  dir: string;
  /** Absolute path of the fixture's tsconfig.json. */
  tsconfig: string;
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * Every fixture under fixtures/, sorted by name. A directory with a tsconfig.json is one fixture; its
 * subdirectories belong to it and are not searched for further fixtures.
 */
export function listFixtures(root: string = FIXTURES_ROOT): FixtureCase[] {
  const found: FixtureCase[] = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const isRoot = dir === root;
    if (!isRoot && entries.some((e) => e.isFile() && e.name === "tsconfig.json")) {
      found.push({ name: toPosix(path.relative(root, dir)), dir, tsconfig: path.join(dir, "tsconfig.json") });
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      if (isRoot && EXCLUDED_TOP_LEVEL.has(entry.name)) continue;
      visit(path.join(dir, entry.name));
    }
  };
  visit(root);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The source files of a fixture that may carry markers, as absolute paths (node_modules skipped). */
export function fixtureSourceFiles(dir: string): string[] {
  const files: string[] = [];
  const visit = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) visit(full);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name))) {
        files.push(full);
      }
    }
  };
  visit(dir);
  return files;
}

/** "relative/path.ts:LINE" for an absolute file and a 1-based line, relative to the fixture directory. */
export function leakKey(dir: string, file: string, line: number): string {
  return `${toPosix(path.relative(dir, file))}:${line}`;
}

/** Sorts "file:line" keys by file, then numerically by line. */
export function sortLeakKeys(keys: Iterable<string>): string[] {
  const split = (k: string): [string, number] => {
    const i = k.lastIndexOf(":");
    return [k.slice(0, i), Number(k.slice(i + 1))];
  };
  return [...keys].sort((a, b) => {
    const [fa, la] = split(a);
    const [fb, lb] = split(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb;
  });
}

/** The expected findings of a fixture: sorted "relative/path.ts:LINE" for every line carrying `// expect-leak`. */
export function expectedLeaks(dir: string): string[] {
  const keys: string[] = [];
  for (const file of fixtureSourceFiles(dir)) {
    const lines = readFileSync(file, "utf8").split(/\r?\n/);
    lines.forEach((text, index) => {
      if (EXPECT_LEAK.test(text)) keys.push(leakKey(dir, file, index + 1));
    });
  }
  return sortLeakKeys(keys);
}

/** `expect-problem: purpose/<rule>` in a line comment: that rule (not the leak rule) reports a problem on the line. */
const EXPECT_PROBLEM = /\/\/.*?\bexpect-problem:\s*(purpose\/[\w-]+)/;

/** The expected problems of the other rules: sorted "purpose/<rule> relative/path.ts:LINE". */
export function expectedProblems(dir: string): string[] {
  const keys: string[] = [];
  for (const file of fixtureSourceFiles(dir)) {
    readFileSync(file, "utf8").split(/\r?\n/).forEach((text, index) => {
      const rule = EXPECT_PROBLEM.exec(text)?.[1];
      if (rule !== undefined) keys.push(`${rule} ${leakKey(dir, file, index + 1)}`);
    });
  }
  return keys.sort();
}

/** `// expect-incomplete: <kind>`: the notification kind that makes the fixture's analysis incomplete. */
const EXPECT_INCOMPLETE = /\/\/\s*expect-incomplete:\s*([\w-]+)/;

/** The notification kinds a fixture declares with `// expect-incomplete: <kind>` (empty: must be complete). */
export function expectedIncomplete(dir: string): string[] {
  const kinds = new Set<string>();
  for (const file of fixtureSourceFiles(dir)) {
    for (const match of readFileSync(file, "utf8").matchAll(new RegExp(EXPECT_INCOMPLETE, "g"))) kinds.add(match[1] ?? "");
  }
  return [...kinds].sort();
}
