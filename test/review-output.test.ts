/**
 * What a reviewer reads (issue 11, item 4): a run failed only by a reasonless suppression never ends on a green
 * line; a skipped file is named once in pretty output and once in SARIF; the audit's header names the commit,
 * branch and date (read with git, nothing when git or a repository is absent), its links work in a report
 * downloaded from CI, an empty declassify justification stands out, and each violation shows its sink's code.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Log } from "sarif";
import { afterAll, describe, expect, it } from "vitest";

import { justificationOf, Locator, provenance } from "../src/audit/audit.js";
import { readRepository, webUrlOf } from "../src/audit/repository.js";
import { runCli } from "../src/cli.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-review-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const BRAND = path.resolve("src/index.ts").split(path.sep).join("/");

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(TMP, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noEmit: true, types: [], paths: { "purpose-lint": [BRAND] } }, include: ["src"] }),
  );
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, "src", file), text);
  return dir;
}

async function run(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { cwd, env, stdoutIsTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const APP = `import type { SecurityContact } from "purpose-lint";
import { declassify } from "purpose-lint";
interface User { id: string; twoFactorPhone: SecurityContact<string> }
/** @sink analytics */
export function track(event: string, properties: object): void { void event; void properties; }
export function onLogin(user: User): void {
  // purpose-lint-ignore
  track("login", { id: user.id });
  track("masked", { phone: declassify(user.twoFactorPhone, "") });
}
export function onSignup(user: User): void {
  track("signup", { phone: user.twoFactorPhone });
}
`;

describe("pretty and SARIF verdicts", () => {
  it("a run failed only by a reasonless suppression says so in red words, not a green 'No violations'", async () => {
    const dir = project("reasonless", { "app.ts": APP.replace(/export function onSignup[\s\S]*$/, "").replace(/^.*declassify.*$/gm, "") });
    const { code, stdout } = await run(["--project", dir], dir);
    expect(code).toBe(1);
    const last = stdout.trimEnd().split("\n").at(-1) ?? "";
    expect(last).toMatch(/^No violations, but 1 error \(suppression-without-reason\) above fails the run · /);
    expect(stdout).not.toMatch(/^No violations ·/m);
  });

  it("names a skipped file once in pretty output and once in SARIF", async () => {
    const dir = project("skipped", { "app.ts": APP, "broken.ts": "export function broken( {\n  return 1;\n" });
    const pretty = await run(["--project", dir], dir);
    expect(pretty.code).toBe(2);
    expect(pretty.stdout.split("\n").filter((line) => line.includes("src/broken.ts"))).toHaveLength(1);
    expect(pretty.stderr).not.toContain("src/broken.ts");
    const sarif = JSON.parse((await run(["--project", dir, "--format", "sarif"], dir)).stdout) as Log;
    const notes = sarif.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.filter((n) => JSON.stringify(n).includes("broken.ts"))).toHaveLength(1);
  });
});

describe("the audit for reviewers", () => {
  const dir = project("audit", { "app.ts": APP });

  it("makes an empty justification stand out, and shows each violation's sink code", async () => {
    const md = (await run(["audit", "--project", dir], dir)).stdout;
    expect(md).toContain("**⚠ EMPTY justification**");
    expect(md).toMatch(/```ts\n {2}11 \| export function onSignup\(user: User\): void \{\n> 12 \| {3}track\("signup", \{ phone: user\.twoFactorPhone \}\);\n/);
    const html = (await run(["audit", "--project", dir, "--format", "html"], dir)).stdout;
    expect(html).toContain(`<span class="badge error">EMPTY justification</span>`);
    expect(html).toContain(`<pre class="snippet">`);
    expect(justificationOf(undefined)).toEqual({ missing: "none given (not a string literal)" });
    expect(justificationOf("  ")).toEqual({ missing: "EMPTY justification" });
  });

  it("outside a repository has no commit line, and links stay relative", async () => {
    expect(readRepository(dir, {})).toBeUndefined();
    const md = (await run(["audit", "--project", dir], dir)).stdout;
    expect(md).not.toContain("commit ");
    expect(md).toContain("](src/app.ts#L12)");
  });

  it("in a repository names commit, branch and date, and in CI links to the host's file view", async () => {
    const git = (...args: string[]): string => execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    git("init", "-q", "-b", "review");
    git("-c", "user.email=a@b.c", "-c", "user.name=a", "add", ".");
    git("-c", "user.email=a@b.c", "-c", "user.name=a", "commit", "-q", "-m", "x");
    const sha = git("rev-parse", "HEAD");
    const repo = readRepository(path.join(dir, "src"), {});
    expect(repo).toMatchObject({ root: fs.realpathSync(dir), commit: sha, branch: "review" });
    expect(repo?.dirty).toBeUndefined();
    const md = (await run(["audit", "--project", dir], dir)).stdout;
    expect(md).toMatch(new RegExp(`· commit ${sha.slice(0, 12)} \\(branch review\\), committed \\d{4}-\\d\\d-\\d\\dT`));

    const ci = { CI: "true", GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/app", GITHUB_SHA: sha, GITHUB_REF_NAME: "main" };
    const html = (await run(["audit", "--project", dir, "--format", "html", "--output", path.join(TMP, "audit-ci.html")], dir, ci)).stdout;
    expect(html).toBe("");
    const written = fs.readFileSync(path.join(TMP, "audit-ci.html"), "utf8");
    expect(written).toContain(`href="https://github.com/acme/app/blob/${sha}/src/app.ts#L12"`);
    expect(written).not.toContain("vscode://");
    expect(written).toContain("branch main");
  });

  it("reads a host from the remote or CI variables", () => {
    expect(webUrlOf({}, "git@github.com:acme/app.git")).toBe("https://github.com/acme/app");
    expect(webUrlOf({}, "https://user@gitlab.com/acme/group/app.git")).toBe("https://gitlab.com/acme/group/app");
    expect(webUrlOf({}, "/srv/git/app.git")).toBeUndefined();
    expect(webUrlOf({}, "git@git.internal:acme/app.git")).toBeUndefined();
    expect(webUrlOf({ CI_PROJECT_URL: "https://gitlab.example/acme/app" }, undefined)).toBe("https://gitlab.example/acme/app");
    const locator = new Locator({ cwd: "/r", linkBase: "/r", toolVersion: "0", elapsedMs: 0, ci: true, repository: { root: "/r", commit: "abc", webUrl: "https://gitlab.com/a/b", blob: "-/blob" } });
    expect(locator.href({ file: "/r/src/x.ts", line: 3, column: 1, endLine: 3, endColumn: 2 })).toBe("https://gitlab.com/a/b/-/blob/abc/src/x.ts#L3");
    expect(locator.vscode({ file: "/r/src/x.ts", line: 3, column: 1, endLine: 3, endColumn: 2 })).toBeUndefined();
    expect(provenance({ cwd: "/", linkBase: "/", toolVersion: "0", elapsedMs: 0, repository: { root: "/r", commit: "0123456789abcdef", dirty: true } })).toBe(
      "commit 0123456789ab (uncommitted changes)",
    );
  });
});
