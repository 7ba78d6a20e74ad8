import path from "node:path";
import { pathToFileURL } from "node:url";

/** `file` relative to `cwd` with `/` separators ("src/sync.ts", "../lib/x.ts"); the same path if already relative. */
export function relativePosix(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file.split(path.sep).join("/");
  const relative = path.relative(cwd, file);
  // On Windows a file on another drive has no relative form.
  return (path.isAbsolute(relative) ? relative : relative === "" ? "." : relative).split(path.sep).join("/");
}

/** True when `relative` (from {@link relativePosix}) points outside the directory it is relative to. */
export function isOutside(relative: string): boolean {
  return relative === ".." || relative.startsWith("../") || path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative);
}

/** A relative POSIX path as a URI reference: each segment percent-encoded (spaces, `#`, `%`). */
export function relativeUri(relative: string): string {
  return relative.split("/").map(encodeURIComponent).join("/");
}

/** The `file:` URL of a directory, with the trailing slash SARIF base URIs require. */
export function directoryUrl(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The `file:` URL of a file. */
export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}
