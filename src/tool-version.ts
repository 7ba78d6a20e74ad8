/** purpose-lint's own version, as its package.json says (shown by --version, recorded in package summaries). */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TOOL_NAME } from "./report/tool-info.js";

let cachedVersion: string | undefined;

/** The version in purpose-lint's own package.json, found upward from this module (src/ or dist/src/). */
export function readToolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, "package.json");
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === TOOL_NAME && typeof pkg.version === "string") return (cachedVersion = pkg.version);
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = path.dirname(directory);
    if (parent === directory) return (cachedVersion = "0.0.0");
    directory = parent;
  }
}
