/** Compiler nodes and offsets as 1-based, absolute-path locations. */
import type TS from "typescript";
import ts from "../typescript.js";
import type { Location } from "./findings.js";

/** The location of a node (from its first token, trivia skipped), or of an explicit offset range in a file. */
export function locationOf(node: TS.Node, start?: number, end?: number): Location {
  const file = node.getSourceFile();
  const from = start ?? (ts.isSourceFile(node) ? 0 : node.getStart(file));
  const to = end ?? (ts.isSourceFile(node) ? 0 : node.getEnd());
  const a = file.getLineAndCharacterOfPosition(from);
  const b = file.getLineAndCharacterOfPosition(to);
  return { file: file.fileName, line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}
