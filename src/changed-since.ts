/**
 * `--changed-since REF`: limit the report to violations whose flow touches a file changed since a git ref —
 * committed on this branch since it forked from REF (`git diff --name-only REF...HEAD`), plus uncommitted changes
 * (staged and unstaged, `git diff --name-only HEAD`) and new untracked files. Git runs with execFileSync (no shell)
 * in the git root of the project's directory.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Finding } from "./analysis/findings.js";
import { UsageError } from "./errors.js";

/** Runs git; returns stdout, or throws with git's first stderr line (or the spawn error's code). */
function git(args: string[], cwd: string): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: unknown; stderr?: unknown };
    if (e.code === "ENOENT") throw new GitError("git is not installed or not on PATH");
    const stderr = typeof e.stderr === "string" ? e.stderr.trim().split("\n")[0] : undefined;
    throw new GitError(stderr === undefined || stderr === "" ? "git failed" : stderr);
  }
}

class GitError extends Error {}

/**
 * Absolute paths (realpath'd where they exist) of the files changed since `ref`, for the repository holding
 * `directory`.
 * @throws UsageError (exit 2) when git is missing, `directory` is not in a repository, or `ref` is not a commit.
 */
export function changedFiles(ref: string, directory: string): Set<string> {
  const flag = `--changed-since ${ref}`;
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`${flag}: not a git revision`);
  let root: string;
  try {
    root = git(["rev-parse", "--show-toplevel"], directory).trim();
  } catch (error) {
    throw new UsageError(`${flag}: ${directory} is not in a git repository (${(error as Error).message})`);
  }
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
  } catch {
    throw new UsageError(`${flag}: not a commit in the repository at ${root}`);
  }
  const lists: string[] = [];
  try {
    lists.push(git(["diff", "--name-only", "--no-renames", "-z", `${ref}...HEAD`, "--"], root));
    lists.push(git(["diff", "--name-only", "--no-renames", "-z", "HEAD", "--"], root));
    lists.push(git(["ls-files", "--others", "--exclude-standard", "-z"], root));
  } catch (error) {
    throw new UsageError(`${flag}: git diff failed (${(error as Error).message})`);
  }
  const files = new Set<string>();
  for (const list of lists) {
    for (const name of list.split("\0")) if (name !== "") files.add(canonical(path.join(root, name)));
  }
  return files;
}

/** Violations whose source read, trace steps or sink argument lie in one of `files` (from {@link changedFiles}). */
export function filterByChangedFiles(findings: readonly Finding[], files: ReadonlySet<string>): Finding[] {
  const cache = new Map<string, boolean>();
  const touched = (file: string): boolean => {
    let hit = cache.get(file);
    if (hit === undefined) cache.set(file, (hit = files.has(canonical(file))));
    return hit;
  };
  return findings.filter(
    (finding) =>
      touched(finding.source.location.file) ||
      touched(finding.sink.location.file) ||
      finding.trace.some((step) => touched(step.location.file)),
  );
}

/** True when `file` is one of `files` (from {@link changedFiles}). */
export function isChangedFile(file: string, files: ReadonlySet<string>): boolean {
  return files.has(canonical(file));
}

/** The real path when the file exists (so /tmp and /private/tmp compare equal), else the resolved path. */
function canonical(file: string): string {
  const resolved = path.resolve(file);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    return resolved;
  }
}
