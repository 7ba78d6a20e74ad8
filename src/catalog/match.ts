/**
 * Matches access paths of third-party API values ("@segment/analytics-node|Analytics().identify") against
 * entries that name an API by module and path (the SDK catalog, the HTTP clients). Pure data and string
 * matching; the engine builds the paths as values flow.
 */
import { plainPath } from "./api-path.js";
import { GLOBAL, type CatalogEntry } from "./types.js";

/** What a path matcher needs of an entry. */
export interface PathEntry {
  module: string;
  path: string;
  fluent?: boolean;
}

export class PathMatcher<T extends PathEntry> {
  /** Modules whose imports get API paths: only these cost anything during analysis. */
  readonly modules: ReadonlySet<string>;
  /** Names of the global scope the entries start from (`fbq`, `dataLayer`, `fetch`). */
  readonly globals: ReadonlySet<string>;
  private readonly byModule = new Map<string, T[]>();

  constructor(entries: readonly T[]) {
    const globals = new Set<string>();
    for (const entry of entries) {
      const list = this.byModule.get(entry.module) ?? [];
      list.push(entry);
      this.byModule.set(entry.module, list);
      if (entry.module === GLOBAL) globals.add(/^[^.(]*/.exec(entry.path)?.[0] ?? entry.path);
    }
    this.modules = new Set(this.byModule.keys());
    this.globals = globals;
  }

  /** Entries matching a callee's API path, e.g. "facebook-nodejs-business-sdk|UserData().setEmail().setPhone". */
  match(apiPath: string): T[] {
    const bar = apiPath.indexOf("|");
    const entries = this.byModule.get(apiPath.slice(0, bar));
    if (!entries) return [];
    const path = plainPath(apiPath.slice(bar + 1));
    return entries.filter((entry) => pathMatches(entry, path));
  }
}

/** The SDK catalog's matcher. */
export class CatalogMatcher extends PathMatcher<CatalogEntry> {}

function pathMatches(entry: PathEntry, path: string): boolean {
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
