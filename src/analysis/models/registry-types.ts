/**
 * The shape of a library-callback registry as data (registries.ts, chains.ts, worker-threads.ts hold the data;
 * registry-calls.ts and chain-calls.ts run it): channels, operations, handlers and timers.
 */
import type { AV } from "../values.js";

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
