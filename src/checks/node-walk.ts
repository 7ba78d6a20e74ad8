/**
 * One walk of a file shared by the checks the CLI runs over the whole program (index.ts): each check looks at
 * every node, and the file is walked once for all of them. Kept apart from problems.ts, which is plain data the
 * reporters load without the compiler.
 */
import type TS from "typescript";
import ts from "../typescript.js";

/** A check run node by node: `check` sees every node of a file, in source order; `problems` holds what it found. */
export interface NodeCheck<P> {
  readonly check: (node: TS.Node) => void;
  readonly problems: P[];
}

/** Calls `visit` on every node of `file` below the file itself, in source order. */
export function forEachNode(file: TS.SourceFile, visit: (node: TS.Node) => void): void {
  const walk = (node: TS.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(file, walk);
}
