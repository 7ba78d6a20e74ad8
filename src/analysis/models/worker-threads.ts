/** node:worker_threads as two callback registries (registries.ts), one each way between a parent and its workers. */
import type { Delivery, Operation, Registry } from "./registry-types.js";

const single: Delivery = (message) => [message];

/**
 * node:worker_threads, one registry each way: what the parent posts to a `Worker` reaches the `message` listeners
 * of `parentPort` in the worker's code, and what the worker posts on `parentPort` reaches the `message` listeners
 * of the parent's `Worker`. One channel each way: which file a `Worker` runs is not read, so every worker's
 * listeners get every message posted to a worker.
 */
const WORKER_MODULES = ["worker_threads", "node:worker_threads"];
const MESSAGE_LISTENER: Operation = { kind: "subscribe", channel: "single", handler: { argument: 1 }, deliver: single, events: { message: single } };
const POST_MESSAGE: Operation = { kind: "publish", channel: "single", message: (args) => args[0] };
export const TO_WORKERS: Registry = {
  id: "worker_threads to workers",
  modules: WORKER_MODULES,
  operations: {
    "Worker().postMessage": POST_MESSAGE,
    "parentPort.on": MESSAGE_LISTENER,
    "parentPort.once": MESSAGE_LISTENER,
    "parentPort.addListener": MESSAGE_LISTENER,
  },
};
export const FROM_WORKERS: Registry = {
  id: "worker_threads from workers",
  modules: WORKER_MODULES,
  operations: {
    "parentPort.postMessage": POST_MESSAGE,
    "Worker().on": MESSAGE_LISTENER,
    "Worker().once": MESSAGE_LISTENER,
    "Worker().addListener": MESSAGE_LISTENER,
    "Worker().terminate": { kind: "chain" },
  },
};
