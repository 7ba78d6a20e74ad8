import fs from "node:fs";
import path from "node:path";

/**
 * The repository root holding `directory`: the nearest directory upward with a `.git` entry (a directory, or a
 * file in a worktree or submodule), else `directory` itself. SARIF URIs are relative to it, so a run from a
 * sub-package maps onto the repository that code scanning knows.
 */
export function repositoryRoot(directory: string): string {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return path.resolve(directory);
  }
}
