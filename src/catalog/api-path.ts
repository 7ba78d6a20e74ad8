/**
 * API paths as strings: "module|path", the path's segments `.name` (property) and `()` (call or construction).
 * A call segment may remember a URL, written inside its parentheses: `axios.create({ baseURL })` gives
 * "axios|create(https://api.segment.io/v1)", so the instance's later requests resolve against it, and
 * `https.request(url)` gives "node:https|request(https://…)", so what is written to the request is known to go
 * there. Parentheses and bars inside the URL are percent-encoded; matching against the catalog ignores what a
 * call remembers.
 */

/** `path` with every call's remembered URL dropped: "create(https://x)" -> "create()". */
export function plainPath(path: string): string {
  return path.includes("(") ? path.replace(/\([^()]+\)/g, "()") : path;
}

/** The URL the last remembering call in `path` carries. */
export function rememberedUrl(path: string): string | undefined {
  let found: string | undefined;
  for (const match of path.matchAll(/\(([^()]+)\)/g)) found = match[1];
  return found?.replace(/%(28|29|7C|25)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

/** The call segment that remembers `url`. */
export function rememberingCall(url: string): string {
  return `(${url.replace(/%/g, "%25").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\|/g, "%7C")})`;
}

/**
 * How a catalogued sink is named to a reader: the vendor, then the API path without call markers, without a
 * leading segment that repeats the vendor, and without a leading lower-case factory call when something follows
 * it ("PostHog PostHog().capture" → "PostHog capture", "Mixpanel init().people.set" → "Mixpanel people.set",
 * "Facebook CustomAudience().createUser" keeps its class).
 */
export function sinkDisplayName(vendor: string, path: string): string {
  const letters = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const segments = plainPath(path)
    .split(".")
    .map((segment) => ({ name: segment.replace(/\(\)/g, ""), called: segment.endsWith("()") }))
    .filter((segment) => segment.name !== "");
  while (segments.length > 1 && letters(segments[0]!.name) === letters(vendor)) segments.shift();
  if (segments.length > 1 && segments[0]!.called && /^[a-z]/.test(segments[0]!.name)) segments.shift();
  const shown = segments.map((segment) => segment.name).join(".");
  return shown === "" || letters(shown) === letters(vendor) ? vendor : `${vendor} ${shown}`;
}
