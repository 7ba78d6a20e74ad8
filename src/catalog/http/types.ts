/**
 * HTTP requests as sinks: a call of a known HTTP client (`fetch`, axios, got, ky, undici, node:https, ofetch)
 * whose URL names a vendor's ad, marketing or analytics endpoint. Two tables: the clients (where a call carries
 * its URL and what it sends) and the endpoints (URL patterns per vendor). The engine evaluates the URL of a
 * client call statically and reports what the request sends to a matching endpoint.
 */
import type { Purpose } from "../../analysis/findings.js";

/** A vendor endpoint: what a request to a matching URL sends goes to the vendor. */
export interface EndpointEntry {
  vendor: string;
  /**
   * URL pattern (see url-pattern.ts): `*` matches within one path segment or host, `**` any run of segments
   * (also none); the query string and fragment of a request are ignored: "https://graph.facebook.com/*\/*\/events".
   */
  url: string;
  purpose: Purpose;
  /** What the endpoint does with what it receives, for reports and docs. */
  description: string;
  /** A URL the pattern matches, for the docs and the generated tests. */
  example?: string;
}

/** Where a part of a request sits in a call: an argument, or a property of an argument's object. */
export interface RequestSlot {
  argument: number;
  property?: string;
}

/** An HTTP client API, by module and access path like a catalog entry ("axios" "create().post"). */
export interface HttpClientEntry {
  /** The library, for reports and docs: "axios". */
  client: string;
  module: string;
  path: string;
  /**
   * Where the URL is, first slot that applies: a `property` slot applies when its argument is an object (a
   * config), a plain slot when it is not. Empty: the URL comes from the client value (a created client or an open
   * request remembers it).
   */
  url: RequestSlot[];
  /** Where a base URL the call's own URL resolves against may be (ofetch's per-call `baseURL`). */
  base?: RequestSlot[];
  /** What the request sends besides its URL (which always counts): body, JSON, form, query parameters. */
  sends: RequestSlot[];
  /**
   * What the call returns that later calls use: a client whose requests resolve against the call's base URL
   * (`axios.create({ baseURL })`, `new Client(origin)`), or an open request whose writes go to the call's URL
   * (`https.request(url)` then `req.write(body)`).
   */
  returns?: "client" | "request";
}
