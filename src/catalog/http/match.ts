/** Matches statically evaluated request URLs (maybe with holes) against the endpoint table. */
import { compileUrlPattern, withoutQuery } from "./url-pattern.js";
import type { EndpointEntry } from "./types.js";

export class EndpointMatcher {
  private readonly compiled: { entry: EndpointEntry; pattern: RegExp }[];

  constructor(entries: readonly EndpointEntry[]) {
    this.compiled = entries.map((entry) => ({ entry, pattern: compileUrlPattern(entry.url) }));
  }

  /** The first endpoint one of the candidate URLs names (query and fragment ignored). */
  match(urls: readonly string[]): { entry: EndpointEntry; url: string } | undefined {
    for (const url of urls) {
      const bare = withoutQuery(url);
      for (const { entry, pattern } of this.compiled) if (pattern.test(bare)) return { entry, url };
    }
    return undefined;
  }
}
