/**
 * Library callbacks with a registry, as data: event emitters, job queues, task runners and async-local storage,
 * where a library calls a handler registered in one place with a message published in another
 * (`emitter.on("signup", h)` … `emitter.emit("signup", user)`, `new Worker("sms", p)` … `queue.add("x", data)`).
 *
 * Each registry names its module(s) and its operations by access path from the import, like the SDK catalog
 * ("EventEmitter().on", "Queue().add", "once"; shapes in registry-types.ts); registry-calls.ts runs them. A message
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
import type { ChannelAt, Delivery, Invocation, Operation, Registry } from "./registry-types.js";

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
