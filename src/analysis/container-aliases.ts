/**
 * Containers hold objects by reference: `map.get(k)` is the object stored there, not a copy, and a local object
 * put into a container (`map.set(k, set)`, `list.push(item)`) is the container's element from then on. So a
 * mutation of either (`map.get(k)?.add(fn)`, `set.add(fn)` after `map.set(k, set)`) reaches the container — a
 * listener registry kept as `Map<string, Set<Listener>>` in a field keeps its listeners. Elements of a container
 * are one abstract element (access-path step `null`): a write through one reaches every key, never fewer.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import type { Activation } from "./interpret/activation.js";
import type { State } from "./interpret/state.js";
import { skipOuter } from "./interpret/util.js";

/** `R.get(k)` of a library container (Map, WeakMap): the expression `R` whose element it reads, else `undefined`. */
export function storedObjectOwner(act: Activation, node: TS.Expression): TS.Expression | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "get") return undefined;
  return act.isLibraryMember(callee.name) ? callee.expression : undefined;
}

/** After `container.set(k, local)` / `container.push(local)`: each local stored is an alias of the container's element. */
export function aliasStoredLocals(act: Activation, container: TS.Expression, stored: readonly TS.Expression[], st: State): void {
  const locals = stored.filter(ts.isIdentifier);
  if (locals.length === 0) return;
  const path = act.staticPath(container);
  if (!path) return;
  for (const local of locals) {
    const symbol = act.symbolAt(local);
    if (symbol && act.ownerOf(symbol) === act) st.aliases.set(symbol, { root: path.root, steps: [...path.steps, null], names: [...(path.names ?? []), undefined] });
  }
}
