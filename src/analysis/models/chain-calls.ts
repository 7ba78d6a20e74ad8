/**
 * Middleware chains (chains.ts), the mechanism: mounting runs each handler and keeps what it throws in its
 * instance's error channel (a registry cell, so a handler that catches re-runs when a later mount adds to it);
 * the rest of the chain (`next()`) throws what that channel holds; a handler that catches receives it.
 */
import type TS from "typescript";
import { addStep, type AV, element, field, functionsOf, join } from "../values.js";
import type { Activation } from "../interpret/activation.js";
import { parametersOf } from "../interpret/util.js";
import type { Mount, Registry } from "./registry-types.js";
import type { Call } from "./registry-calls.js";
import { ALL, ANY, cell, splitPath, withChannel } from "./registry-index.js";

/** An instance's own channel, named by where it is made (unique in the program; never shown). */
export function siteChannel(node: TS.Node): string {
  return `${node.getSourceFile().fileName}:${node.pos}`;
}

/** The registry whose cells hold what a chain's handlers throw, by instance. */
function throwsOf(registry: Registry): string {
  return `${registry.id} throws`;
}

/** The rest of an instance's chain, handed to a middleware as `next`: calling it is the registry's `rethrow`. */
function continuation(registry: Registry, channel: string | undefined): AV {
  const path = `${registry.modules[0]}|next`;
  return { api: new Set([channel === undefined ? path : withChannel(path, channel)]) };
}

function arityMatches(mount: Mount, fn: TS.SignatureDeclaration): boolean {
  if (!mount.parameters) return true;
  const count = parametersOf(fn).length;
  return "is" in mount.parameters ? count === mount.parameters.is : count !== mount.parameters.not;
}

/** Runs the handlers a mount names; what they throw, and what chains mounted here throw, is this instance's. */
function mountHandlers(this: Activation, mounts: readonly Mount[], call: Call): void {
  const { node, args, st, registry } = call;
  const channels = call.instanceChannel === undefined ? undefined : [call.instanceChannel];
  const next = continuation(registry, call.instanceChannel);
  let thrown: AV;
  let single: AV;
  for (const mount of mounts) {
    const errors = mount.catches ? this.readChannels(throwsOf(registry), channels) : undefined;
    for (let i = mount.from; i < args.length; i++) {
      const given = join(args[i], element(args[i]));
      for (const fv of functionsOf(mount.property ? field(given, mount.property) : given)) {
        if (!arityMatches(mount, fv.decl)) continue;
        const out = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, mount.deliver(errors, next, call.receiver), node), st);
        this.calls = join(this.calls, out.calls);
        if (mount.throws === "instance") thrown = join(thrown, out.throws);
        else if (mount.throws === "single") single = join(single, out.throws);
      }
    }
  }
  // A chain mounted on this one (`app.use(router.routes())`): what its handlers throw, this one's catch.
  for (const arg of args) {
    for (const path of arg?.api ?? []) {
      const { module, channel } = splitPath(path);
      if (channel !== undefined && channel !== call.instanceChannel && registry.modules.includes(module)) thrown = join(thrown, this.readChannels(throwsOf(registry), [channel]));
    }
  }
  if (thrown) this.publishThrown(throwsOf(registry), channels, thrown, node);
  if (single) this.publishThrown(registry.id, [""], single, node);
}

/** Joins what handlers threw into their chain's cells (and the cell of every instance), with a witness step. */
function publishThrown(this: Activation, registry: string, channels: readonly string[] | undefined, thrown: AV, node: TS.CallExpression | TS.NewExpression): void {
  const traced = addStep(thrown, node, `thrown in a handler mounted by ${calleeText(node)}`, "store");
  for (const key of channels ?? [ANY]) this.solver.writeGlobal(cell(registry, key), traced);
  this.solver.writeGlobal(cell(registry, ALL), traced);
}

/** `next()` in a middleware: throws what the handlers mounted on its instance throw. */
function rethrowChain(this: Activation, call: Call): void {
  const channels = call.instanceChannel === undefined ? undefined : [call.instanceChannel];
  const thrown = this.readChannels(throwsOf(call.registry), channels);
  if (thrown) this.raise(addStep(thrown, call.node, `thrown by the rest of the chain, through ${calleeText(call.node)}`, "call"));
}

function calleeText(node: TS.CallExpression | TS.NewExpression): string {
  const text = node.expression.getText();
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const chainCallMethods = { mountHandlers, publishThrown, rethrowChain };
