/**
 * Witness traces in a package summary (docs/monorepo.md): the steps a flow takes inside a dependency, written as
 * places relative to the package's directory, and read back as the program's own nodes, so a finding made from a
 * summary shows the same trace (and fingerprint) as the whole-program run's. The dependency's sources stay in the
 * program (the checker needs their types), and a summary is used only while they are the files it was written
 * from (read.ts), so every place names a node.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { TraceStep } from "../analysis/findings.js";
import type { Source, Step } from "../analysis/values.js";

/** A node's place: "file:line:column" (1-based, relative to the package's directory) and its length. */
export interface Place {
  at: string;
  length: number;
}

export interface EncodedStep extends Place {
  label: string;
  kind: TraceStep["kind"];
}

export interface EncodedSource extends Place {
  field: string;
  name: string;
  kind: Source["kind"];
  /** A read of this input's field: a source only where the caller's value there carries nothing. */
  unless?: string;
}

/** The place of a node, relative to `directory`. */
export function placeOf(node: TS.Node, directory: string): Place {
  const file = node.getSourceFile();
  const start = ts.isSourceFile(node) ? 0 : node.getStart(file);
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  const relative = path.relative(directory, file.fileName).split(path.sep).join("/");
  return { at: `${relative}:${String(line + 1)}:${String(character + 1)}`, length: node.getEnd() - start };
}

export function encodeSteps(steps: readonly Step[], directory: string): EncodedStep[] {
  return steps.map((step) => ({ ...placeOf(step.node, directory), label: step.label, kind: step.kind }));
}

/** Finds the nodes a summary's places name, in the program's source files of one package. */
export class NodeFinder {
  private readonly files = new Map<string, TS.SourceFile>();
  private readonly found = new Map<string, TS.Node | undefined>();

  constructor(
    program: TS.Program,
    private readonly directory: string,
  ) {
    for (const file of program.getSourceFiles()) this.files.set(path.resolve(file.fileName), file);
  }

  /** The innermost node that starts at the place and has its length; `undefined` when the file has none. */
  node(place: Place): TS.Node | undefined {
    const key = `${place.at}+${String(place.length)}`;
    if (!this.found.has(key)) this.found.set(key, this.find(place));
    return this.found.get(key);
  }

  private find(place: Place): TS.Node | undefined {
    const match = /^(.*):(\d+):(\d+)$/.exec(place.at);
    if (!match) return undefined;
    const file = this.files.get(path.resolve(this.directory, match[1]!));
    if (!file) return undefined;
    const line = Number(match[2]) - 1;
    if (line >= file.getLineStarts().length) return undefined;
    const start = file.getPositionOfLineAndCharacter(line, Number(match[3]) - 1);
    const end = start + place.length;
    if (start === 0 && end === file.getEnd()) return file;
    let found: TS.Node | undefined;
    const visit = (node: TS.Node): void => {
      if (node.pos > start || node.end < end) return;
      if (node.getStart(file) === start && node.getEnd() === end) found = node;
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  }

  /** A chain of steps appended to `prev`, or `undefined` when a place names no node. */
  steps(encoded: readonly EncodedStep[], prev: Step | undefined): Step | undefined {
    let trace = prev;
    for (const step of encoded) {
      const node = this.node(step);
      if (!node) return undefined;
      trace = { node, label: step.label, kind: step.kind, prev: trace, length: (trace?.length ?? 0) + 1 };
    }
    return trace;
  }
}
