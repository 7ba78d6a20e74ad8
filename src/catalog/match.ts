/**
 * Matches access paths of third-party API values ("@segment/analytics-node|Analytics().identify") against the
 * catalog. Pure data and string matching; the engine builds the paths as values flow.
 */
import type { CatalogEntry } from "./types.js";

export class CatalogMatcher {
  /** Modules whose imports get API paths: only these cost anything during analysis. */
  readonly modules: ReadonlySet<string>;
  private readonly byModule = new Map<string, CatalogEntry[]>();

  constructor(entries: readonly CatalogEntry[]) {
    for (const entry of entries) {
      const list = this.byModule.get(entry.module) ?? [];
      list.push(entry);
      this.byModule.set(entry.module, list);
    }
    this.modules = new Set(this.byModule.keys());
  }

  /** Entries matching a callee's API path, e.g. "facebook-nodejs-business-sdk|UserData().setEmail().setPhone". */
  match(apiPath: string): CatalogEntry[] {
    const bar = apiPath.indexOf("|");
    const entries = this.byModule.get(apiPath.slice(0, bar));
    if (!entries) return [];
    const path = apiPath.slice(bar + 1);
    return entries.filter((entry) => pathMatches(entry, path));
  }
}

function pathMatches(entry: CatalogEntry, path: string): boolean {
  const dot = entry.path.lastIndexOf(".");
  const receiver = dot < 0 ? "" : entry.path.slice(0, dot);
  const method = entry.path.slice(dot + 1);
  if (dot < 0) return method === "*" ? path !== "" : path === method;
  if (!path.startsWith(receiver)) return false;
  const rest = path.slice(receiver.length);
  if (!rest.startsWith(".")) return false;
  const called = rest.slice(rest.lastIndexOf(".") + 1);
  if (method !== "*" && called !== method) return false;
  const between = rest.slice(0, rest.lastIndexOf("."));
  // Without `fluent`, the method hangs directly off the receiver; with it, any chain of builder calls may come between.
  return between === "" || (entry.fluent === true && /^(\.[A-Za-z_$][\w$]*\(\))+$/.test(between));
}
