/**
 * What the audit's header says about the code it read — the repository root, commit, branch and date — and where
 * its links point so that they still work in a report downloaded from CI: a web host's file view at that commit
 * when the repository's host is known (CI variables, else the `origin` remote), else paths relative to the report.
 * Read with the `git` command (never the project's own code); without git, or outside a repository, nothing.
 */
import { execFileSync } from "node:child_process";

export interface RepositoryInfo {
  /** Absolute path of the working tree's root. */
  root: string;
  commit?: string;
  branch?: string;
  /** The commit's date, ISO 8601. */
  commitDate?: string;
  /** Uncommitted changes to tracked files: lines may differ from the commit's. */
  dirty?: boolean;
  /** "https://github.com/acme/app": file links become `<webUrl>/<blob>/<commit>/<path>#L<line>`. */
  webUrl?: string;
  /** The host's path segment for a file at a commit: "blob" (GitHub), "-/blob" (GitLab). */
  blob?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The repository holding `directory`, or undefined (no git, not a repository, git failed). */
export function readRepository(directory: string, env: Env): RepositoryInfo | undefined {
  const git = (...args: string[]): string | undefined => {
    try {
      const out = execFileSync("git", args, { cwd: directory, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5_000, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
      return out.trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const root = git("rev-parse", "--show-toplevel");
  if (root === undefined) return undefined;
  const info: RepositoryInfo = { root };
  const commit = env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? git("rev-parse", "HEAD");
  if (commit) info.commit = commit;
  const head = git("rev-parse", "--abbrev-ref", "HEAD");
  // CI checks out a detached HEAD: its variables name the branch.
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || env.CI_COMMIT_REF_NAME || (head === "HEAD" ? undefined : head);
  if (branch) info.branch = branch;
  const date = git("show", "-s", "--format=%cI", "HEAD");
  if (date) info.commitDate = date;
  const status = git("status", "--porcelain", "--untracked-files=no");
  if (status !== undefined) info.dirty = true;
  const web = webUrlOf(env, git("remote", "get-url", "origin"));
  if (web) {
    info.webUrl = web;
    info.blob = env.CI_PROJECT_URL !== undefined || /gitlab/i.test(web) ? "-/blob" : "blob";
  }
  return info;
}

/** A browsable https URL of the repository, from CI variables or an origin remote on a known host. */
export function webUrlOf(env: Env, remote: string | undefined): string | undefined {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY) return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`;
  if (env.CI_PROJECT_URL) return env.CI_PROJECT_URL;
  if (remote === undefined) return undefined;
  // git@github.com:acme/app.git, ssh://git@gitlab.com/acme/app.git, https://user@github.com/acme/app.git
  const match = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)[:/](.+?)(?:\.git)?\/?$/i.exec(remote);
  if (!match) return undefined;
  const [, host = "", repo = ""] = match;
  if (!/^(github\.com|gitlab\.com)$/i.test(host)) return undefined;
  return `https://${host}/${repo}`;
}
