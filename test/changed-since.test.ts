/**
 * --changed-since REF in a temporary git repository: only violations whose flow touches a file changed since the
 * ref (committed on the branch, uncommitted, or untracked) are reported; a bad ref or no repository is exit 2.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import type { JsonReport } from "../src/report/json.js";

const TMP = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-changed-")));
const REPO = path.join(TMP, "repo");
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const git = (...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: REPO,
    encoding: "utf8",
  });

const HEADER = `type SecurityContact<T> = T & { readonly __purpose?: "security" };
export interface User { id: string; twoFactorPhone: SecurityContact<string>; }
/** @sink advertising */
export function upload(value: string): void { void value; }
`;

const UTIL = `export function normalize(phone: string): string {\n  return phone.trim();\n}\n`;

const leak = (name: string): string =>
  `import { upload, type User } from "./sinks.js";\nimport { normalize } from "./util.js";\n` +
  `export function ${name}(user: User): void {\n  upload(normalize(user.twoFactorPhone));\n}\n`;

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { cwd: REPO, env: {}, stdoutIsTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const sinkFiles = (stdout: string): string[] =>
  (JSON.parse(stdout) as JsonReport).findings.map((f) => f.sink.location.file).sort();

beforeAll(() => {
  fs.mkdirSync(path.join(REPO, "src"), { recursive: true });
  fs.writeFileSync(
    path.join(REPO, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] }, include: ["src"] }),
  );
  fs.writeFileSync(path.join(REPO, "src", "sinks.ts"), HEADER);
  fs.writeFileSync(path.join(REPO, "src", "util.ts"), UTIL);
  fs.writeFileSync(path.join(REPO, "src", "a.ts"), leak("a"));
  fs.writeFileSync(path.join(REPO, "src", "b.ts"), leak("b"));
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "base");
  git("checkout", "-q", "-b", "feature");
  fs.appendFileSync(path.join(REPO, "src", "a.ts"), "// touched on the branch\n");
  git("commit", "-q", "-am", "touch a");
});

describe("--changed-since", () => {
  it("reports every violation without the flag", async () => {
    const result = await run(["--format", "json"]);
    expect(sinkFiles(result.stdout)).toEqual(["src/a.ts", "src/b.ts"]);
  });

  it("keeps violations in files committed on the branch since the ref", async () => {
    const result = await run(["--format", "json", "--changed-since", "main"]);
    expect(sinkFiles(result.stdout)).toEqual(["src/a.ts"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("1 violation outside the files changed since main not reported");
  });

  it("counts uncommitted and untracked changes", async () => {
    fs.appendFileSync(path.join(REPO, "src", "b.ts"), "// uncommitted\n");
    fs.writeFileSync(path.join(REPO, "src", "c.ts"), leak("c"));
    try {
      const result = await run(["--format", "json", "--changed-since", "main"]);
      expect(sinkFiles(result.stdout)).toEqual(["src/a.ts", "src/b.ts", "src/c.ts"]);
    } finally {
      git("checkout", "-q", "--", "src/b.ts");
      fs.rmSync(path.join(REPO, "src", "c.ts"));
    }
  });

  it("keeps a violation whose trace passes through a changed file", async () => {
    const clean = await run(["--format", "json", "--changed-since", "HEAD"]);
    expect(sinkFiles(clean.stdout)).toEqual([]);
    expect(clean.code).toBe(0);
    // util.ts holds neither source nor sink, but both flows pass through normalize().
    fs.appendFileSync(path.join(REPO, "src", "util.ts"), "// uncommitted\n");
    try {
      const result = await run(["--format", "json", "--changed-since", "HEAD"]);
      expect(sinkFiles(result.stdout)).toEqual(["src/a.ts", "src/b.ts"]);
    } finally {
      git("checkout", "-q", "--", "src/util.ts");
    }
  });

  it("exits 2 with one line for a bad ref", async () => {
    const result = await run(["--changed-since", "no-such-branch"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^purpose-lint: --changed-since no-such-branch: not a commit/);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect((await run(["--changed-since", "--output=x"])).code).toBe(2);
  });

  it("exits 2 outside a git repository", async () => {
    const outside = path.join(TMP, "plain");
    fs.mkdirSync(outside, { recursive: true });
    fs.copyFileSync(path.join(REPO, "tsconfig.json"), path.join(outside, "tsconfig.json"));
    let stderr = "";
    const code = await runCli(["--changed-since", "main"], {
      cwd: outside,
      env: {},
      stdoutIsTTY: false,
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^purpose-lint: --changed-since main: .* is not in a git repository/);
  });
});
