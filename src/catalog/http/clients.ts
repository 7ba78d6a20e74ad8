/**
 * HTTP clients whose calls the engine reads a URL from (see types.ts). Read from each library's published types:
 * lib.dom `fetch(input, init)`; axios index.d.ts (v1: `axios(config)`, `axios(url, config)`, `get(url, config)`,
 * `post(url, data, config)`, `request(config)`, `create(config)` with `baseURL`, `data`, `params`); got
 * dist/source/types.d.ts (v14: `got(url, options)`, `got.post(…)`, `extend({ prefixUrl })`, options `json`,
 * `body`, `form`, `searchParams`); ky distribution/types (v1: `ky(input, options)`, `ky.post(…)`,
 * `create`/`extend({ prefixUrl })`, options `json`, `body`, `searchParams`); undici index.d.ts (v6: `request(url,
 * { body, query })`, `fetch`, `new Client(origin).request({ path, body, query })`); node:https and node:http
 * (`request(url | options, [options], callback)`, `get`, then `req.write(chunk)` / `req.end(chunk)`); ofetch
 * (v1: `ofetch(url, { body, query, params, baseURL })`, `ofetch.create({ baseURL })`, and Nuxt's global
 * `$fetch`); and the browser's `navigator.sendBeacon(url, data)`.
 */
import { GLOBAL } from "../types.js";
import type { HttpClientEntry, RequestSlot } from "./types.js";

const arg = (argument: number, property?: string): RequestSlot => (property === undefined ? { argument } : { argument, property });

/** `fetch(input, init)`: the URL first, `init.body` sent. */
const fetchLike = (client: string, module: string, path: string): HttpClientEntry => ({ client, module, path, url: [arg(0)], sends: [arg(1, "body")] });

const FETCH: HttpClientEntry[] = [
  fetchLike("fetch", GLOBAL, "fetch"),
  fetchLike("node-fetch", "node-fetch", ""),
  fetchLike("cross-fetch", "cross-fetch", ""),
  fetchLike("cross-fetch", "cross-fetch", "fetch"),
  fetchLike("isomorphic-fetch", "isomorphic-fetch", ""),
  fetchLike("undici", "undici", "fetch"),
  { client: "sendBeacon", module: GLOBAL, path: "navigator.sendBeacon", url: [arg(0)], sends: [arg(1)] },
];

/** axios, static and per instance: config-only and (url, config) forms, `data` and `params` sent. */
function axios(receiver: string): HttpClientEntry[] {
  const at = (method: string) => (receiver === "" ? method : method === "" ? receiver : `${receiver}.${method}`);
  const config = (i: number) => [arg(i, "data"), arg(i, "params")];
  const entries: HttpClientEntry[] = [
    { client: "axios", module: "axios", path: at(""), url: [arg(0, "url"), arg(0)], sends: [...config(0), ...config(1)] },
    { client: "axios", module: "axios", path: at("request"), url: [arg(0, "url")], sends: config(0) },
  ];
  for (const method of ["get", "delete", "head", "options"]) {
    entries.push({ client: "axios", module: "axios", path: at(method), url: [arg(0)], sends: [arg(1, "params")] });
  }
  for (const method of ["post", "put", "patch", "postForm", "putForm", "patchForm"]) {
    entries.push({ client: "axios", module: "axios", path: at(method), url: [arg(0)], sends: [arg(1), arg(2, "params")] });
  }
  return entries;
}

/** got and ky: `(url, options)` and per-method shortcuts; `options.url` when the options come alone (got). */
function gotOrKy(client: "got" | "ky", receiver: string): HttpClientEntry[] {
  const options = (i: number) => (client === "got" ? [arg(i, "json"), arg(i, "body"), arg(i, "form"), arg(i, "searchParams")] : [arg(i, "json"), arg(i, "body"), arg(i, "searchParams")]);
  const at = (method: string) => (method === "" ? receiver : receiver === "" ? method : `${receiver}.${method}`);
  const url = client === "got" ? [arg(0, "url"), arg(0)] : [arg(0)];
  return ["", "get", "post", "put", "patch", "delete", "head"].map((method) => ({
    client,
    module: client,
    path: at(method),
    url,
    sends: [...options(0), ...options(1)],
  }));
}

/** Factories of clients with a base URL: `axios.create({ baseURL })`, `got.extend({ prefixUrl })`, … */
const FACTORIES: HttpClientEntry[] = [
  { client: "axios", module: "axios", path: "create", url: [], base: [arg(0, "baseURL")], sends: [], returns: "client" },
  { client: "got", module: "got", path: "extend", url: [], base: [arg(0, "prefixUrl")], sends: [], returns: "client" },
  ...["create", "extend"].map((factory): HttpClientEntry => ({ client: "ky", module: "ky", path: factory, url: [], base: [arg(0, "prefixUrl")], sends: [], returns: "client" })),
  { client: "ofetch", module: "ofetch", path: "ofetch.create", url: [], base: [arg(0, "baseURL")], sends: [], returns: "client" },
  { client: "ofetch", module: "ofetch", path: "$fetch.create", url: [], base: [arg(0, "baseURL")], sends: [], returns: "client" },
  ...["Client", "Pool"].map((cls): HttpClientEntry => ({ client: "undici", module: "undici", path: cls, url: [], base: [arg(0)], sends: [], returns: "client" })),
];

const OFETCH = (module: string, path: string): HttpClientEntry => ({
  client: "ofetch",
  module,
  path,
  url: [arg(0)],
  base: [arg(1, "baseURL")],
  sends: [arg(1, "body"), arg(1, "query"), arg(1, "params")],
});

const UNDICI: HttpClientEntry[] = [
  { client: "undici", module: "undici", path: "request", url: [arg(0)], sends: [arg(1, "body"), arg(1, "query")] },
  ...["Client().request", "Pool().request"].map((path): HttpClientEntry => ({ client: "undici", module: "undici", path, url: [arg(0, "path")], sends: [arg(0, "body"), arg(0, "query")] })),
];

/** node:https and node:http: the request's URL, then what is written to it. */
const NODE_HTTP: HttpClientEntry[] = ["https", "node:https", "http", "node:http"].flatMap((module) => [
  ...["request", "get"].map((fn): HttpClientEntry => ({ client: `${module.replace("node:", "")}.${fn}`, module, path: fn, url: [arg(0)], sends: [], returns: "request" })),
  ...["write", "end"].map((fn): HttpClientEntry => ({ client: `${module.replace("node:", "")}.request`, module, path: `request().${fn}`, url: [], sends: [arg(0)] })),
]);

export const HTTP_CLIENTS: readonly HttpClientEntry[] = [
  ...FETCH,
  ...axios(""),
  ...axios("create()"),
  ...gotOrKy("got", ""),
  ...gotOrKy("got", "extend()"),
  ...gotOrKy("ky", ""),
  ...gotOrKy("ky", "create()"),
  ...gotOrKy("ky", "extend()"),
  ...FACTORIES,
  OFETCH("ofetch", "ofetch"),
  OFETCH("ofetch", "$fetch"),
  OFETCH("ofetch", "ofetch.create()"),
  OFETCH("ofetch", "$fetch.create()"),
  OFETCH(GLOBAL, "$fetch"),
  ...UNDICI,
  ...NODE_HTTP,
];
