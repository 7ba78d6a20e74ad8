/**
 * Calls of stateful libraries (react.ts): a call whose API path names an operation finds its instance (made at
 * this call site, named by the callee's path, or passed as an argument), writes what the operation stores into the
 * instance's cell, and answers with the operation's result. Cells are module state (engine.ts): a write re-runs,
 * in the next pass, every function that read the cell — the component whose `useState` reads what a handler's
 * setter wrote, the consumers of a context a provider wrote.
 *
 * An instance's channel is its call site; an instance the analysis cannot name (react-hook-form's
 * `useFormContext()`) reads what every instance holds and writes where every instance reads.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { addStep, apiStep, type AV, functionsOf, join, type Value } from "../values.js";
import type { Activation } from "../interpret/activation.js";
import type { State } from "../interpret/state.js";
import { nodeKey } from "../heap.js";
import { ALL, ANY, cell, splitPath, withChannel } from "./registry-index.js";
import { STATEFUL_LIBRARIES, type StatefulCall, type StatefulLibrary, type StatefulOperation } from "./react.js";

const byModule = new Map<string, StatefulLibrary[]>();
for (const library of STATEFUL_LIBRARIES) {
  for (const module of library.modules) byModule.set(module, [...(byModule.get(module) ?? []), library]);
}

/** Operations whose path has a `*` segment (any member name: a slice's action creators), as patterns. */
const patterns = new Map<StatefulLibrary, { pattern: RegExp; operation: StatefulOperation }[]>();
for (const library of STATEFUL_LIBRARIES) {
  const found = Object.entries(library.operations).filter(([path]) => path.split(/[.()]/).includes("*"));
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  patterns.set(library, found.map(([path, operation]) => ({ pattern: new RegExp(`^${path.split("*").map(escape).join("[^.()]+")}$`), operation })));
}

function operationAt(module: string, path: string): { library: StatefulLibrary; operation: StatefulOperation } | undefined {
  for (const library of byModule.get(module) ?? []) {
    const operation = Object.hasOwn(library.operations, path) ? library.operations[path] : patterns.get(library)?.find(({ pattern }) => pattern.test(path))?.operation;
    if (operation) return { library, operation };
  }
  return undefined;
}

/** Where a library keeps what was sent to its instances (a reducer's actions), by the same channels. */
function sentCells(library: StatefulLibrary): string {
  return `${library.id} sent`;
}

/**
 * A call (or a JSX element, its props the one argument) of an API value whose path names a stateful operation:
 * its result, or `undefined` when no operation matched.
 */
function statefulCall(this: Activation, node: TS.Node, callee: Value, args: AV[], st: State): { value: AV } | undefined {
  for (const apiPath of callee.api ?? []) {
    const { module, path, channel } = splitPath(apiPath);
    const found = operationAt(module, path);
    if (!found) continue;
    const { library, operation } = found;
    let instance: AV;
    let channels: string[] | undefined;
    const where = operation.instance;
    if (where === "site") {
      channels = [`${nodeKey(node)}`];
      instance = { api: new Set([withChannel(`${apiPath}()`, channels[0]!)]) };
    } else if (where === "callee") {
      channels = channel === undefined ? undefined : [channel];
      instance = callee;
    } else if (where) {
      // An argument that is no instance of the library (`use(promise)`, a context the analysis did not see made)
      // names none: nothing is read or written for it.
      instance = args[where.argument];
      channels = [...(instance?.api ?? [])].map((p) => splitPath(p).channel).filter((c) => c !== undefined);
    } else instance = apiStep(callee, "()");
    const name = shownName(node) ?? path.split(/[.()]/).filter(Boolean).pop() ?? path;
    const call: StatefulCall = {
      args,
      instance,
      held: () => this.readInstance(library.id, channels),
      sent: () => this.readInstance(sentCells(library), channels),
      run: (fn, inputs) => this.runCallbacks(fn, inputs, node, st),
      literal: (index) => {
        const arg = ts.isCallExpression(node) ? node.arguments[index] : undefined;
        return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
      },
      path: apiPath,
      heldAt: (at) => this.readInstance(library.id, [at]),
      storeAt: (at, value) => {
        if (value) this.writeInstance(library.id, [at], addStep(value, node, `stored by ${name}`, "store"));
      },
      sentAt: (at) => this.readInstance(sentCells(library), [at]),
      sendAt: (at, value) => {
        if (value) this.writeInstance(sentCells(library), at === undefined ? undefined : [at], addStep(value, node, `sent by ${name}`, "store"));
      },
      runFull: (fn, inputs) => this.runCallbacksFully(fn, inputs, node, st),
    };
    const stored = operation.store?.(call);
    if (stored) this.writeInstance(library.id, channels, addStep(stored, node, `stored by ${name}`, "store"));
    const sent = operation.send?.(call);
    if (sent) this.writeInstance(sentCells(library), channels, addStep(sent, node, `sent by ${name}`, "store"));
    return { value: operation.result?.(call) };
  }
  return undefined;
}

/** The callee or tag as written, for the witness trace ("stored by setPhone"), when it is a plain name. */
function shownName(node: TS.Node): string | undefined {
  const callee = ts.isCallExpression(node) ? node.expression : ts.isJsxElement(node) ? node.openingElement.tagName : ts.isJsxSelfClosingElement(node) ? node.tagName : ts.isPropertyAccessExpression(node) ? node : undefined;
  return callee && (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) ? callee.getText() : undefined;
}

/** What instances on these channels hold (and what was written where every instance reads); every instance's when unnamed. */
function readInstance(this: Activation, library: string, channels: readonly string[] | undefined): AV {
  if (!channels) return this.solver.readGlobal(cell(library, ALL));
  let out = this.solver.readGlobal(cell(library, ANY));
  for (const channel of channels) out = join(out, this.solver.readGlobal(cell(library, channel)));
  return out;
}

function writeInstance(this: Activation, library: string, channels: readonly string[] | undefined, value: AV): void {
  for (const channel of channels ?? [ANY]) this.solver.writeGlobal(cell(library, channel), value);
  this.solver.writeGlobal(cell(library, ALL), value);
}

/** Calls each function a value may be with these arguments (a callback the library runs); what they return. */
function runCallbacks(this: Activation, fn: AV, inputs: readonly AV[], node: TS.Node, st: State): AV {
  let out: AV;
  for (const fv of functionsOf(fn)) {
    const summary = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, [...inputs], node), st);
    out = join(out, summary.ret);
    this.calls = join(this.calls, summary.calls);
  }
  return out;
}

/** Like runCallbacks, with what the functions throw and leave in their parameters (a reducer's draft state). */
function runCallbacksFully(this: Activation, fn: AV, inputs: readonly AV[], node: TS.Node, st: State): { ret: AV; throws: AV; paramsOut: AV[] } {
  let ret: AV;
  let throws: AV;
  const paramsOut: AV[] = [];
  for (const fv of functionsOf(fn)) {
    const summary = this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, [...inputs], node), st);
    ret = join(ret, summary.ret);
    throws = join(throws, summary.throws);
    summary.paramsOut.forEach((value, i) => (paramsOut[i] = join(paramsOut[i], value)));
    this.calls = join(this.calls, summary.calls);
  }
  return { ret, throws, paramsOut };
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const statefulCallMethods = { statefulCall, readInstance, writeInstance, runCallbacks, runCallbacksFully };
