/**
 * Workspace roots (issue 13, item 1): a directory whose package.json lists `workspaces` (npm, yarn) or that holds a
 * pnpm-workspace.yaml is analysed as if it were a solution-style tsconfig referencing every workspace package's
 * tsconfig.json. The program is then built exactly as for a solution (project-references.ts): one program across
 * the packages, each read from its sources, built or not.
 *
 * A tsconfig.json in the same directory wins: the workspace manifest is read only where there is none, or when
 * `--project` names package.json or pnpm-workspace.yaml itself.
 */
import fs from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import type TS from "typescript";
import { UsageError } from "../errors.js";

/** A workspace manifest and the package directory globs it lists. */
export interface WorkspaceManifest {
  file: string;
  patterns: string[];
}

const PACKAGE_JSON = "package.json";
const PNPM_WORKSPACE = "pnpm-workspace.yaml";

/** Whether `file` names a workspace manifest (package.json or pnpm-workspace.yaml) rather than a tsconfig. */
export function isManifestPath(file: string): boolean {
  const base = path.basename(file);
  return base === PACKAGE_JSON || base === PNPM_WORKSPACE;
}

/**
 * The workspace manifest in `dir`: pnpm-workspace.yaml when present (pnpm ignores package.json `workspaces`), else a
 * package.json with `workspaces`; undefined when `dir` is no workspace root.
 * @throws UsageError naming the file when it cannot be read or its package list is malformed.
 */
export function findWorkspaceManifest(dir: string): WorkspaceManifest | undefined {
  const pnpm = path.join(dir, PNPM_WORKSPACE);
  if (fs.existsSync(pnpm)) return readManifest(pnpm);
  const npm = path.join(dir, PACKAGE_JSON);
  return hasWorkspacesField(npm) ? readManifest(npm) : undefined;
}

/**
 * Reads a manifest named by `--project`.
 * @throws UsageError naming the file when it is missing, unreadable, or lists no workspaces.
 */
export function readManifest(file: string, display: (file: string) => string = (f) => f): WorkspaceManifest {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`${display(file)}: cannot be read`);
  }
  const patterns = path.basename(file) === PNPM_WORKSPACE ? pnpmPatterns(text, file, display) : npmPatterns(text, file, display);
  return { file, patterns };
}

function hasWorkspacesField(file: string): boolean {
  try {
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    return typeof json === "object" && json !== null && "workspaces" in json;
  } catch {
    return false;
  }
}

/** package.json `workspaces`: an array of globs (npm, yarn) or `{ packages: [...] }` (yarn classic). */
function npmPatterns(text: string, file: string, display: (file: string) => string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UsageError(`${display(file)}: is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const field = typeof json === "object" && json !== null ? (json as { workspaces?: unknown }).workspaces : undefined;
  if (field === undefined) return [];
  const list = Array.isArray(field) ? field : typeof field === "object" && field !== null ? (field as { packages?: unknown }).packages : undefined;
  if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
    throw new UsageError(`${display(file)}: "workspaces" must be an array of globs (or { "packages": [...] })`);
  }
  return list;
}

/**
 * pnpm-workspace.yaml's `packages` list, in block (`- "packages/*"`) or flow (`[a, b]`) style. Only that key is
 * read; pnpm's other settings (catalogs, build permissions) are not the analysis's concern. Without `packages`,
 * pnpm takes every package below the root, and so does this.
 */
function pnpmPatterns(text: string, file: string, display: (file: string) => string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start === -1) return ["**"];
  const inline = stripComment(lines[start]!.replace(/^packages\s*:/, "")).trim();
  if (inline !== "") {
    const flow = /^\[(.*)\]$/.exec(inline);
    if (!flow) throw new UsageError(`${display(file)}:${String(start + 1)}: "packages" must be a list of globs`);
    return flow[1]!.split(",").map((item) => unquote(item.trim())).filter((item) => item !== "");
  }
  const patterns: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = stripComment(lines[i]!);
    if (line.trim() === "") continue;
    if (!/^\s/.test(line) && !line.startsWith("-")) break; // the next top-level key
    const item = /^\s*-\s*(.*)$/.exec(line);
    if (!item) throw new UsageError(`${display(file)}:${String(i + 1)}: expected a "- <glob>" entry under "packages"`);
    patterns.push(unquote(item[1]!.trim()));
  }
  return patterns;
}

function stripComment(line: string): string {
  // A "#" starts a comment at the line's start or after whitespace, outside quotes (globs rarely hold one).
  const match = /(^|\s)#(?=(?:[^"']|"[^"]*"|'[^']*')*$)/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

function unquote(text: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(text);
  return quoted ? quoted[2]! : text;
}

/**
 * The workspace's package directories: those matching the manifest's globs (a `!glob` excludes) and holding a
 * package.json, sorted by path. node_modules and dot-directories are never searched.
 */
export function workspacePackages(manifest: WorkspaceManifest): string[] {
  const root = path.dirname(manifest.file);
  const normalise = (glob: string): string => glob.trim().replace(/^\.\//, "").replace(/\/+$/, "").replace(/\/package\.json$/, "");
  const include = manifest.patterns.filter((glob) => !glob.trim().startsWith("!")).map(normalise).filter((glob) => glob !== "" && glob !== ".");
  const exclude = manifest.patterns.filter((glob) => glob.trim().startsWith("!")).map((glob) => normalise(glob.trim().slice(1)));
  if (include.length === 0) return [];
  const included = picomatch(include);
  const excluded = exclude.length > 0 ? picomatch(exclude) : (): boolean => false;
  // A glob without "**" cannot match deeper than its own number of segments.
  const maxDepth = include.some((glob) => glob.includes("**")) ? Infinity : Math.max(...include.map((glob) => glob.split("/").length));
  const found: string[] = [];
  const visit = (relative: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (included(child) && !excluded(child) && fs.existsSync(path.join(root, child, PACKAGE_JSON))) found.push(path.join(root, child));
      if (depth + 1 < maxDepth) visit(child, depth + 1);
    }
  };
  visit("", 0);
  return found.sort();
}

/**
 * A solution-style root standing for the workspace: no files of its own, a reference to the tsconfig.json of every
 * workspace package that has one. `configFilePath` is the manifest, so reported paths are relative to the root.
 * @throws UsageError when no workspace package has a tsconfig.json.
 */
export function workspaceSolution(manifest: WorkspaceManifest, display: (file: string) => string): TS.ParsedCommandLine {
  const packages = workspacePackages(manifest);
  const tsconfigs = packages.map((dir) => path.join(dir, "tsconfig.json")).filter((file) => fs.existsSync(file));
  if (tsconfigs.length === 0) {
    const what = packages.length === 0 ? `its workspaces (${manifest.patterns.join(", ") || "none listed"}) match no package` : `none of its ${String(packages.length)} workspace packages has a tsconfig.json`;
    throw new UsageError(`${display(manifest.file)}: ${what}; pass --project for a tsconfig`);
  }
  return {
    options: { configFilePath: manifest.file },
    fileNames: [],
    projectReferences: tsconfigs.map((file) => ({ path: file, originalPath: path.relative(path.dirname(manifest.file), file) })),
    errors: [],
  };
}
