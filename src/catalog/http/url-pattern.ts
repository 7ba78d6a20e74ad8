/**
 * URL patterns for endpoints, and URLs known only in part. A pattern is a URL where `*` matches within one path
 * segment (in the host: within the host) and `**` any run of segments, also none ("…/capture/**" matches
 * "…/capture", "…/capture/" and "…/capture/x"). A statically evaluated URL may hold holes (`HOLE`) where its
 * value is unknown (`${pixelId}`); a hole matches only where the pattern has a wildcard, so
 * "https://graph.facebook.com/v19.0/<hole>/events" matches ".../*\/*\/events" and a URL that starts with a hole
 * (a base URL from the environment) matches nothing.
 */

/** Stands for an unknown part of a statically evaluated URL. */
export const HOLE = "\u0000";

export function compileUrlPattern(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (pattern.startsWith("/**", i) && i + 3 === pattern.length) {
      source += "(?:/.*)?";
      i += 2;
    } else if (pattern.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (char === "*") source += "[^/]*";
    else source += char.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "i");
}

/** A URL without its query string and fragment, for matching against endpoint patterns. */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** Whether a text is a valid endpoint pattern: absolute http(s) (or `*://`) with a host. */
export function isUrlPattern(pattern: string): boolean {
  return /^(https?|\*):\/\/[^/?#\s]+(\/[^\s?#]*)?$/.test(pattern);
}

/**
 * Resolves a URL (maybe relative) against a base, as `new URL(url, base)` does for the cases a static evaluation
 * meets: an absolute URL stays, "/x" replaces the base's path, "x" is appended to the base's directory; a URL
 * starting with a hole is unknown.
 */
export function resolveUrl(url: string, base: string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (url.startsWith(HOLE) || base === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) return undefined;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(base)?.[0] ?? base;
  if (url.startsWith("//")) return `${base.slice(0, base.indexOf(":") + 1)}${url}`;
  if (url.startsWith("/")) return origin + url;
  const basePath = withoutQuery(base).slice(origin.length);
  const directory = basePath.slice(0, basePath.lastIndexOf("/") + 1) || "/";
  return origin + directory + url;
}

/**
 * Joins a client's base URL and a request path the way axios, got and ky do (`baseURL` + "/events", `prefixUrl`
 * + "events"): concatenation with exactly one slash between; an absolute request URL ignores the base.
 */
export function joinBase(base: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (url === "") return base;
  return `${base.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
}
