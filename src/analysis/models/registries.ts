/**
 * Library callbacks with a registry, as data: event emitters, job queues, task runners and async-local storage,
 * where a library calls a handler registered in one place with a message published in another
 * (`emitter.on("signup", h)` … `emitter.emit("signup", user)`, `new Worker("sms", p)` … `queue.add("x", data)`).
 *
 * Each registry names its module(s) and its operations by access path from the import, like the SDK catalog
 * ("EventEmitter().on", "Queue().add", "once"); the mechanism that runs them is registry-calls.ts. A message
 * published on a channel (an event name, a queue name, a task id) reaches the handlers subscribed to that channel
 * — literal names only; a name the analysis cannot read reaches every handler of the registry, and a handler
 * subscribed under an unreadable name receives every message. Instances whose channel is fixed when they are
 * made (`new Queue("sms")`) carry it in their access path: "Queue()⟨sms⟩".
 *
 * Timers are here too: not registries, but library calls that run a callback later with extra arguments.
 */
import { GLOBAL } from "../../catalog/types.js";
import { type AV, element, field, join, setField, withElements } from "../values.js";
import { positional } from "../interpret/util.js";
import { FROM_WORKERS, TO_WORKERS } from "./worker-threads.js";
import { CHAIN_REGISTRIES } from "./chains.js";

/** Where a channel name is written: a call argument, a property of an object argument, or the value's own channel. */
export interface ChannelAt {
  argument: number;
  /** `createFunction(config, { event: "app/signup" }, h)`: the property of the argument's object. */
  property?: string;
  /** `dispatchEvent(event)`: the channel the argument's value was made with (`new CustomEvent("x")`). */
  fromValue?: true;
  /** `eventBus.publish(new UserRegistered(…))`: the class of the argument's declared type is the channel. */
  fromClass?: true;
}

/** A channel: given at the call, fixed when the instance was made, or the registry's only one. */
export type Channel = ChannelAt | "instance" | "single";

/** What a call publishes, from its argument values and nodes (an array literal of events is several). */
export type Message = (args: readonly AV[], arrayLiteral: (index: number) => boolean) => AV;

/** The arguments a handler is called with for a message (and, where the registry keeps them, its handlers' results). */
export type Delivery = (message: AV, result: AV) => AV[];

export type Operation =
  | {
      kind: "create";
      channel?: ChannelAt;
      /** Each instance is a channel of its own (a middleware chain: an app, a router): named by where it is made. */
      site?: true;
      value?: (args: readonly AV[]) => AV;
      subscribe?: Subscription;
      /** Handlers given when the instance is made (middy's `middy(handler)`): see chains.ts. */
      mount?: readonly Mount[];
    }
  | { kind: "publish"; channel: Channel; message: Message; invoke?: Invocation }
  | ({ kind: "subscribe" } & Subscription)
  | { kind: "read"; channel: Channel; result: (message: AV) => AV }
  | { kind: "invoke"; invoke: Invocation }
  /** Returns its receiver and does nothing tracked (`off`, `removeListener`): keeps chains on the instance. */
  | { kind: "chain" }
  /** Mounts handlers on a middleware chain (chains.ts); returns its receiver. */
  | { kind: "mount"; mounts: readonly Mount[] }
  /** The rest of a middleware chain (Koa's `next()`): throws what the chain's handlers throw. */
  | { kind: "rethrow" };

/**
 * Handlers a middleware chain runs (chains.ts): what they throw goes to the chain's error handlers, and a
 * handler that catches receives it.
 */
export interface Mount {
  /** Every function among the arguments from this position on, arrays' elements included. */
  from: number;
  /** A function property of each such argument instead (middy's `{ before, after, onError }`). */
  property?: string;
  /** Only functions of this many parameters, or of any other number (Express's error middleware has four). */
  parameters?: { is: number } | { not: number };
  /**
   * The handler's arguments, from what the chain's handlers throw (for a handler that `catches`), the rest of the
   * chain, and the instance itself (a Fastify plugin is called with the instance it is registered on).
   */
  deliver: (errors: AV, next: AV, instance: AV) => AV[];
  /** Where what the handler throws goes: the instance's error channel, or the registry's single channel. */
  throws?: "instance" | "single";
  /** The handler receives what the instance's handlers throw. */
  catches?: true;
}

export interface Subscription {
  channel: Channel;
  /** The handler: a function argument, or a function property of an object argument; default every function argument. */
  handler?: { argument: number; property?: string };
  deliver: Delivery;
  /** A channel name that subscribes to every message, with its own delivery (mitt's "*" handler gets `(type, e)`). */
  wildcard?: { name: string; deliver: Delivery };
  /** Only for the events argument 0 names, each with its delivery (BullMQ's `worker.on("completed", (job, result) => …)`). */
  events?: Readonly<Record<string, Delivery>>;
  /** The handlers' return values are the messages' results (a queue worker's), or the handlers receive them. */
  results?: "publish" | "read";
}

/**
 * A handler a framework registers from a decorator (NestJS): a method decorated `@OnEvent(name)`, or the `process`
 * method of a class decorated `@Processor(queue)`. It runs, like any function nobody calls, with the messages of
 * the channel the decorator names.
 */
export interface DecoratedHandler {
  /** The decorator's name, imported from one of the registry's modules. */
  decorator: string;
  /** The decorated method itself, or the named method of the decorated class. */
  method?: string;
  /** The decorator's argument that names the channel, or "classes": every argument is a class that is one. */
  channel: number | "classes";
  deliver: Delivery;
}

/** A callback the call runs now or later, with arguments from a position on (`setTimeout(fn, ms, a, b)`). */
export interface Invocation {
  callback: number;
  argumentsFrom?: number;
  /** The call returns the callback's result (`als.run(store, fn)`); otherwise nothing tracked. */
  returnsResult?: true;
}

export interface Registry {
  /** Names the registry's cells: one registry's handlers never see another's messages. */
  id: string;
  /** Module specifiers as imported, or GLOBAL for globals and global interfaces (EventTarget, NodeJS.EventEmitter). */
  modules: readonly string[];
  /** Operations by access path from the import; `()` after a path is an instance made by calling or `new`. */
  operations: Readonly<Record<string, Operation>>;
  /** Handlers registered by decorators. */
  decorated?: readonly DecoratedHandler[];
  /** Decorators that give an injected instance its channel (`@InjectQueue("sms") queue: Queue`), by argument. */
  injected?: Readonly<Record<string, number>>;
  /** Channel names with `*` are patterns (EventEmitter2's "order.*"): such a handler receives every message. */
  patterns?: true;
  /**
   * Function types of the registry's modules whose calls publish, by the type's name (Express's `next(err)`:
   * `NextFunction`): the call of any value the checker types so, a parameter the framework passes in.
   */
  callables?: Readonly<Record<string, { channel: "single"; message: Message }>>;
  /**
   * Handlers known by their signature: a function of `parameters` parameters whose parameter at `typed.parameter`
   * has the callable type `typed.type` (Express's error middleware `(err, req, res, next)`). It runs, like any
   * function nobody calls, with the messages of the registry's single channel.
   */
  signatureHandlers?: readonly { parameters: number; typed: { parameter: number; type: string }; deliver: Delivery }[];
  /**
   * Methods a framework runs whose throws it hands to the registry's handlers: the methods of classes with one of
   * these decorators (NestJS's `@Controller()`), run as roots; what they throw is published on every channel.
   */
  thrownByClasses?: readonly string[];
  /**
   * Operations recognised on values only, never by the class declaring a method: a chain's `use`/`get`/`post`
   * are names too common to ask the checker about at every call.
   */
  valuesOnly?: true;
}

/** The arguments from `from` on, as a tuple: what `emit(name, a, b)` hands its listeners. */
function tuple(args: readonly AV[], from: number): AV {
  let out: AV;
  for (let i = from; i < args.length; i++) out = setField(out, String(i - from), args[i]);
  return out;
}

/** Listeners get the tuple's elements as their parameters. */
const spread: Delivery = (message) => [0, 1, 2, 3, 4, 5].map((i) => positional(message, i));
const single: Delivery = (message) => [message];
/** A job record as queue libraries hand it to workers: `{ name, data }`. */
const job = (name: AV, data: AV): AV => setField(setField(undefined, "name", name), "data", data);
/** pg-boss hands a batch (`work(q, ([job]) => …)`), older versions one job: both. */
const jobOrBatch: Delivery = (message) => [join(message, withElements(message))];

/** The same operations under each access path an instance is reached by. */
function onInstances(instances: readonly string[], methods: Readonly<Record<string, Operation>>): Record<string, Operation> {
  const out: Record<string, Operation> = {};
  for (const instance of instances) for (const [method, operation] of Object.entries(methods)) out[`${instance}.${method}`] = operation;
  return out;
}

const EMITTER_METHODS: Record<string, Operation> = {
  emit: { kind: "publish", channel: { argument: 0 }, message: (args) => tuple(args, 1) },
  off: { kind: "chain" },
  removeListener: { kind: "chain" },
  removeAllListeners: { kind: "chain" },
  setMaxListeners: { kind: "chain" },
};
for (const method of ["on", "once", "addListener", "prependListener", "prependOnceListener"]) {
  EMITTER_METHODS[method] = { kind: "subscribe", channel: { argument: 0 }, deliver: spread };
}

const ONCE: Operation = { kind: "read", channel: { argument: 1 }, result: (m) => m };
const ON: Operation = { kind: "read", channel: { argument: 1 }, result: withElements };

const NODE_EVENTS: Registry = {
  id: "node:events",
  modules: ["events", "node:events", GLOBAL],
  operations: {
    ...onInstances(["()", "EventEmitter()", "EventEmitter.EventEmitter()", "NodeJS.EventEmitter()", "EventEmitterAsyncResource()"], EMITTER_METHODS),
    // `const [user] = await once(emitter, "signup")`; `for await (const [user] of on(emitter, "signup"))`.
    once: ONCE,
    "EventEmitter.once": ONCE,
    on: ON,
    "EventEmitter.on": ON,
  },
};

const MITT: Registry = {
  id: "mitt",
  modules: ["mitt"],
  operations: onInstances(["()", "Emitter()"], {
    on: { kind: "subscribe", channel: { argument: 0 }, deliver: single, wildcard: { name: "*", deliver: (m) => [undefined, m] } },
    emit: { kind: "publish", channel: { argument: 0 }, message: (args) => args[1] },
    off: { kind: "chain" },
  }),
};

/** DOM and Node event targets: `dispatchEvent(new CustomEvent("x", { detail }))` reaches `addEventListener("x", h)`. */
const EVENT_TARGET_OWNERS = ["EventTarget()", "Window()", "Document()", "Element()", "HTMLElement()", "BroadcastChannel()", "MessagePort()"];
const EVENT_TARGET: Registry = {
  id: "event-target",
  modules: [GLOBAL],
  operations: {
    EventTarget: { kind: "create" },
    CustomEvent: { kind: "create", channel: { argument: 0 }, value: (args) => setField(undefined, "detail", field(args[1], "detail")) },
    MessageEvent: { kind: "create", channel: { argument: 0 }, value: (args) => setField(undefined, "data", field(args[1], "data")) },
    Event: { kind: "create", channel: { argument: 0 } },
    ...onInstances(EVENT_TARGET_OWNERS, {
      addEventListener: { kind: "subscribe", channel: { argument: 0 }, deliver: single },
      dispatchEvent: { kind: "publish", channel: { argument: 0, fromValue: true }, message: (args) => args[0] },
      removeEventListener: { kind: "chain" },
    }),
  },
};

const BULLMQ: Registry = {
  id: "bullmq",
  modules: ["bullmq", "@nestjs/bullmq"],
  operations: {
    Queue: { kind: "create", channel: { argument: 0 } },
    "Queue().add": { kind: "publish", channel: "instance", message: (args) => job(args[0], args[1]) },
    "Queue().addBulk": { kind: "publish", channel: "instance", message: (args) => element(args[0]) },
    "Queue().upsertJobScheduler": { kind: "publish", channel: "instance", message: (args) => args[2] },
    "FlowProducer().add": { kind: "publish", channel: { argument: 0, property: "queueName" }, message: (args) => args[0] },
    Worker: { kind: "create", channel: { argument: 0 }, subscribe: { channel: "instance", handler: { argument: 1 }, deliver: single, results: "publish" } },
    // `worker.on("completed", (job, result) => …)`: the job, with the data it was added with, and what the processor returned.
    "Worker().on": {
      kind: "subscribe",
      channel: "instance",
      handler: { argument: 1 },
      deliver: single,
      events: { completed: (job, result) => [job, result], failed: single, active: single, progress: single },
      results: "read",
    },
  },
  // NestJS (@nestjs/bullmq): `@Processor("sms") class … extends WorkerHost { process(job) }`, `@InjectQueue("sms")`.
  decorated: [{ decorator: "Processor", method: "process", channel: 0, deliver: single }],
  injected: { InjectQueue: 0 },
};

/** EventEmitter2, and NestJS's event emitter built on it: `emit(name, …values)`, `@OnEvent(name)` handlers. */
const EVENTEMITTER2_METHODS: Record<string, Operation> = {
  emit: { kind: "publish", channel: { argument: 0 }, message: (args) => tuple(args, 1) },
  emitAsync: { kind: "publish", channel: { argument: 0 }, message: (args) => tuple(args, 1) },
  off: { kind: "chain" },
  removeListener: { kind: "chain" },
};
for (const method of ["on", "once", "many", "addListener", "prependListener", "prependOnceListener"]) {
  EVENTEMITTER2_METHODS[method] = { kind: "subscribe", channel: { argument: 0 }, deliver: spread, handler: { argument: method === "many" ? 2 : 1 } };
}

const EVENTEMITTER2: Registry = {
  id: "eventemitter2",
  modules: ["eventemitter2", "@nestjs/event-emitter"],
  operations: onInstances(["EventEmitter2()", "()"], EVENTEMITTER2_METHODS),
  decorated: [{ decorator: "OnEvent", channel: 0, deliver: spread }],
  patterns: true,
};

const PG_BOSS_SEND: Operation = { kind: "publish", channel: { argument: 0 }, message: (args) => job(args[0], args[1]) };
const PG_BOSS: Registry = {
  id: "pg-boss",
  modules: ["pg-boss"],
  operations: onInstances(["()", "PgBoss()"], {
    send: PG_BOSS_SEND,
    sendAfter: PG_BOSS_SEND,
    sendThrottled: PG_BOSS_SEND,
    sendDebounced: PG_BOSS_SEND,
    sendSingleton: PG_BOSS_SEND,
    work: { kind: "subscribe", channel: { argument: 0 }, deliver: jobOrBatch },
    fetch: { kind: "read", channel: { argument: 0 }, result: (m) => join(m, withElements(m)) },
  }),
};

const BEE_QUEUE: Registry = {
  id: "bee-queue",
  modules: ["bee-queue"],
  operations: {
    "": { kind: "create", channel: { argument: 0 } },
    "().createJob": { kind: "publish", channel: "instance", message: (args) => setField(undefined, "data", args[0]) },
    "().process": { kind: "subscribe", channel: "instance", deliver: single },
  },
};

const INNGEST: Registry = {
  id: "inngest",
  modules: ["inngest"],
  operations: {
    Inngest: { kind: "create" },
    "Inngest().send": { kind: "publish", channel: { argument: 0, property: "name" }, message: (args, arrayLiteral) => (arrayLiteral(0) ? element(args[0]) : args[0]) },
    "Inngest().createFunction": {
      kind: "subscribe",
      channel: { argument: 1, property: "event" },
      handler: { argument: 2 },
      deliver: (m) => [setField(setField(undefined, "event", m), "events", withElements(m))],
    },
  },
};

const TRIGGER_TASK: Operation = { kind: "create", channel: { argument: 0, property: "id" }, subscribe: { channel: "instance", handler: { argument: 0, property: "run" }, deliver: single } };
const TRIGGER_RUN: Operation = { kind: "publish", channel: "instance", message: (args) => args[0] };
const TRIGGER_BATCH: Operation = { kind: "publish", channel: "instance", message: (args) => field(element(args[0]), "payload") };
const TRIGGER_BY_ID: Operation = { kind: "publish", channel: { argument: 0 }, message: (args) => args[1] };
const TRIGGER: Registry = {
  id: "trigger.dev",
  modules: ["@trigger.dev/sdk/v3", "@trigger.dev/sdk"],
  operations: {
    task: TRIGGER_TASK,
    schemaTask: TRIGGER_TASK,
    ...onInstances(["task()", "schemaTask()"], { trigger: TRIGGER_RUN, triggerAndWait: TRIGGER_RUN, batchTrigger: TRIGGER_BATCH, batchTriggerAndWait: TRIGGER_BATCH }),
    "tasks.trigger": TRIGGER_BY_ID,
    "tasks.triggerAndWait": TRIGGER_BY_ID,
  },
};

const ASYNC_LOCAL_STORAGE: Registry = {
  id: "async-local-storage",
  modules: ["async_hooks", "node:async_hooks"],
  operations: onInstances(["AsyncLocalStorage()"], {
    run: { kind: "publish", channel: "single", message: (args) => args[0], invoke: { callback: 1, argumentsFrom: 2, returnsResult: true } },
    enterWith: { kind: "publish", channel: "single", message: (args) => args[0] },
    getStore: { kind: "read", channel: "single", result: (m) => m },
    exit: { kind: "invoke", invoke: { callback: 0, argumentsFrom: 1, returnsResult: true } },
  }),
};

/**
 * NestJS CQRS (@nestjs/cqrs): a message's class is its channel. `eventBus.publish(new UserRegistered(…))` reaches
 * `handle(event)` of the classes decorated `@EventsHandler(UserRegistered)`; `commandBus.execute(cmd)` the
 * `execute(cmd)` of `@CommandHandler(Cmd)`, queries likewise. Three registries, so a message of a class the
 * analysis cannot name reaches every handler of its own bus only.
 */
const byClass: ChannelAt = { argument: 0, fromClass: true };
const NEST_CQRS_EVENTS: Registry = {
  id: "nestjs-cqrs events",
  modules: ["@nestjs/cqrs"],
  operations: onInstances(["EventBus()", "EventPublisher()"], {
    publish: { kind: "publish", channel: byClass, message: (args) => args[0] },
    publishAll: { kind: "publish", channel: byClass, message: (args) => element(args[0]) },
  }),
  decorated: [{ decorator: "EventsHandler", method: "handle", channel: "classes", deliver: single }],
};
const NEST_CQRS_COMMANDS: Registry = {
  id: "nestjs-cqrs commands",
  modules: ["@nestjs/cqrs"],
  operations: { "CommandBus().execute": { kind: "publish", channel: byClass, message: (args) => args[0] } },
  decorated: [{ decorator: "CommandHandler", method: "execute", channel: "classes", deliver: single }],
};
const NEST_CQRS_QUERIES: Registry = {
  id: "nestjs-cqrs queries",
  modules: ["@nestjs/cqrs"],
  operations: { "QueryBus().execute": { kind: "publish", channel: byClass, message: (args) => args[0] } },
  decorated: [{ decorator: "QueryHandler", method: "execute", channel: "classes", deliver: single }],
};

export const REGISTRIES: readonly Registry[] = [
  ...CHAIN_REGISTRIES,
  NODE_EVENTS,
  EVENTEMITTER2,
  MITT,
  EVENT_TARGET,
  BULLMQ,
  PG_BOSS,
  BEE_QUEUE,
  INNGEST,
  TRIGGER,
  ASYNC_LOCAL_STORAGE,
  NEST_CQRS_EVENTS,
  NEST_CQRS_COMMANDS,
  NEST_CQRS_QUERIES,
  TO_WORKERS,
  FROM_WORKERS,
];

/** Timers and schedulers: the callback runs with the extra arguments, in order; the call returns nothing tracked. */
export const TIMERS: Readonly<Record<string, Invocation>> = {
  setTimeout: { callback: 0, argumentsFrom: 2 },
  setInterval: { callback: 0, argumentsFrom: 2 },
  setImmediate: { callback: 0, argumentsFrom: 1 },
  queueMicrotask: { callback: 0 },
  nextTick: { callback: 0, argumentsFrom: 1 },
  requestAnimationFrame: { callback: 0 },
  requestIdleCallback: { callback: 0 },
};
