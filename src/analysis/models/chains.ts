/**
 * Middleware chains, as data: frameworks that run a request through handlers mounted on an app or a router, and
 * hand what one of them throws to the handlers that catch — Koa's `try { await next() } catch (err)`, Express's
 * error middleware `(err, req, res, next)`, middy's `onError(request)` reading `request.error`, Fastify's
 * `setErrorHandler((error, request, reply) => …)`.
 *
 * A chain is a registry (registries.ts) whose instances are made at a site (`new Koa()`, `express.Router()`,
 * `middy(handler)`) and are each a channel of their own. Mounting a handler (`app.use(mw)`, `router.get(path, h)`,
 * `.use({ before, onError })`) runs it; what it throws — through the callees it awaits, which their summaries
 * carry — goes to the instance's error channel, and so does what a chain mounted on it throws (`app.use(router.routes())`).
 * A handler that catches receives that channel: as `next()`'s throw (Koa), as its error argument (middy). The
 * mechanism is chain-calls.ts.
 *
 * Inexact, on purpose: a chain's channel holds what any of its handlers throws, whatever their order, so an error
 * middleware also "catches" what a handler mounted before it throws; an instance the analysis cannot follow (an
 * app held in a field typed `Koa`) is every instance's.
 */
import { setField, type AV } from "../values.js";
import type { Mount, Operation, Registry } from "./registry-types.js";

/** Handlers whose arguments the chain does not track (the request, the response). */
const NOTHING = (): AV[] => [];
/** Koa's middleware `(ctx, next)`: `next` is the rest of the chain. */
const KOA_MIDDLEWARE: readonly Mount[] = [{ from: 0, deliver: (_errors, next) => [undefined, next], throws: "instance" }];

/** Koa and its routers share one error channel per instance: a router's routes are mounted on the app. */
const KOA_INSTANCE: Record<string, Operation> = {
  use: { kind: "mount", mounts: KOA_MIDDLEWARE },
  routes: { kind: "chain" },
  middleware: { kind: "chain" },
  allowedMethods: { kind: "chain" },
  prefix: { kind: "chain" },
};
for (const verb of ["get", "post", "put", "patch", "delete", "del", "head", "options", "all"]) {
  KOA_INSTANCE[verb] = { kind: "mount", mounts: [{ ...KOA_MIDDLEWARE[0]!, from: 1 }] };
}

function onInstances(instances: readonly string[], methods: Readonly<Record<string, Operation>>): Record<string, Operation> {
  const out: Record<string, Operation> = {};
  for (const instance of instances) for (const [method, operation] of Object.entries(methods)) out[`${instance}.${method}`] = operation;
  return out;
}

const KOA: Registry = {
  id: "koa",
  modules: ["koa", "@koa/router", "koa-router"],
  operations: {
    "": { kind: "create", site: true },
    Koa: { kind: "create", site: true },
    Router: { kind: "create", site: true },
    ...onInstances(["()", "Koa()", "Router()"], KOA_INSTANCE),
    // The continuation handed to each middleware as `next`.
    next: { kind: "rethrow" },
  },
  valuesOnly: true,
};

/**
 * Express: what a route handler or middleware throws (Express 5 also what its promise rejects with) reaches the
 * error-handling middleware — the functions of four parameters (`app.use((err, req, res, next) => …)`) — as
 * their `err`, and so does a value passed to `next(x)`. `next()`, `next("route")` and `next("router")` pass
 * nothing tracked. One channel for the whole program (error middleware is run as a root, recognised by its
 * signature): an error handler mounted on one app also sees what another app's routes throw.
 */
const EXPRESS_HANDLER: Mount = { from: 0, parameters: { not: 4 }, deliver: NOTHING, throws: "single" };
const EXPRESS_INSTANCE: Record<string, Operation> = { use: { kind: "mount", mounts: [EXPRESS_HANDLER] } };
/** `app.route("/x").get(h)`: the route's methods take handlers only. */
const EXPRESS_ROUTE: Record<string, Operation> = {};
for (const verb of ["get", "post", "put", "patch", "delete", "head", "options", "all"]) {
  EXPRESS_INSTANCE[verb] = { kind: "mount", mounts: [{ ...EXPRESS_HANDLER, from: 1 }] };
  EXPRESS_ROUTE[verb] = { kind: "mount", mounts: [EXPRESS_HANDLER] };
}

const EXPRESS: Registry = {
  id: "Express error middleware",
  modules: ["express", "express-serve-static-core"],
  operations: {
    "": { kind: "create" },
    Router: { kind: "create" },
    ...onInstances(["()", "Router()"], EXPRESS_INSTANCE),
    ...onInstances(["().route()", "Router().route()"], EXPRESS_ROUTE),
  },
  callables: { NextFunction: { channel: "single", message: (args) => args[0] } },
  signatureHandlers: [{ parameters: 4, typed: { parameter: 3, type: "NextFunction" }, deliver: (message) => [message] }],
  valuesOnly: true,
};

/**
 * middy (AWS Lambda): `middy(handler).use(middlewares)` — what the handler, a `before` or an `after` throws is
 * `request.error` in each middleware's `onError`.
 */
const MIDDY_STEP: Mount = { from: 0, deliver: NOTHING, throws: "instance" };
const MIDDY_ON_ERROR: Mount = { from: 0, deliver: (errors) => [setField(undefined, "error", errors)], catches: true };
const MIDDY: Registry = {
  id: "middy",
  modules: ["@middy/core"],
  operations: {
    "": { kind: "create", site: true, mount: [MIDDY_STEP] },
    ...onInstances(["()"], {
      use: { kind: "mount", mounts: [{ ...MIDDY_STEP, property: "before" }, { ...MIDDY_STEP, property: "after" }, { ...MIDDY_ON_ERROR, property: "onError" }] },
      before: { kind: "mount", mounts: [MIDDY_STEP] },
      after: { kind: "mount", mounts: [MIDDY_STEP] },
      handler: { kind: "mount", mounts: [MIDDY_STEP] },
      onError: { kind: "mount", mounts: [MIDDY_ON_ERROR] },
    }),
  },
  valuesOnly: true,
};

/**
 * Fastify: what a route handler or hook throws reaches the handler `setErrorHandler` sets, as its `error`. A
 * plugin (`app.register(plugin)`) runs with the instance it is registered on, so its routes and its error handler
 * are that instance's. Inexact: Fastify scopes an error handler set in a plugin to that plugin's routes unless
 * the plugin is wrapped by `fastify-plugin`; here it sees every route of the instance.
 */
const FASTIFY_HANDLER: Mount = { from: 1, deliver: NOTHING, throws: "instance" };
const FASTIFY_INSTANCE: Record<string, Operation> = {
  register: { kind: "mount", mounts: [{ from: 0, deliver: (_errors, _next, instance) => [instance] }] },
  route: { kind: "mount", mounts: [{ ...FASTIFY_HANDLER, from: 0, property: "handler" }] },
  addHook: { kind: "mount", mounts: [FASTIFY_HANDLER] },
  setErrorHandler: { kind: "mount", mounts: [{ from: 0, deliver: (errors) => [errors], catches: true }] },
  withTypeProvider: { kind: "chain" },
};
for (const verb of ["get", "post", "put", "patch", "delete", "head", "options", "all"]) FASTIFY_INSTANCE[verb] = { kind: "mount", mounts: [FASTIFY_HANDLER] };

const FASTIFY: Registry = {
  id: "fastify",
  modules: ["fastify"],
  operations: {
    "": { kind: "create", site: true },
    fastify: { kind: "create", site: true },
    ...onInstances(["()", "fastify()"], FASTIFY_INSTANCE),
  },
  valuesOnly: true,
};

/**
 * NestJS exception filters: what a controller's or resolver's method throws (through the services it awaits)
 * reaches the `catch(exception, host)` of the `@Catch(…)` classes — all of them, whichever exception classes they
 * name or where they are bound (`useGlobalFilters`, `@UseFilters`): the classes are not matched.
 */
const NEST_EXCEPTIONS: Registry = {
  id: "nestjs exception filters",
  modules: ["@nestjs/common", "@nestjs/graphql"],
  operations: {},
  decorated: [{ decorator: "Catch", method: "catch", channel: "classes", deliver: (message) => [message] }],
  thrownByClasses: ["Controller", "Resolver"],
};

export const CHAIN_REGISTRIES: readonly Registry[] = [EXPRESS, KOA, MIDDY, FASTIFY, NEST_EXCEPTIONS];
