/**
 * The field-based fallback of the heap (DESIGN.md): a method nobody in the program calls — a controller, a
 * listener, a DI singleton's timer-driven flush — runs with an UNKNOWN `this` and UNKNOWN parameters (see
 * `rootContext` in engine.ts). A property read on such a receiver also yields what the program writes to that
 * field anywhere, on any object of the class or declared type (flow-insensitively): one method stores the phone
 * in a private field, another sends it. Objects the engine does know stay instance-sensitive: their reads never
 * consult the cells.
 *
 * Cells live in the engine's module-state map, so a write re-runs the functions that read the cell in the next
 * pass. Each field has its member symbol's cell (written together with the same-named members of the classes and
 * interfaces it overrides or implements) and a cell per field name, read first: the dependency every reader
 * records, and the answer where no declaration names the field (a destructured name, an object literal type).
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { memberName } from "./model.js";
import { projectOnType } from "./type-projection.js";
import type { Activation } from "./interpret/activation.js";
import { type AV, fieldNameCell, cellData } from "./values.js";

/** What the program writes anywhere to the field `nameNode` names, for a receiver that may be any object of its type. */
function fieldCell(this: Activation, nameNode: TS.Node, name: string): AV {
  const byName = this.solver.readGlobal(fieldNameCell(name));
  if (!byName) return undefined;
  const symbol = this.symbolAt(nameNode);
  const decl = symbol?.valueDeclaration;
  const own = symbol && decl && (ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertySignature(decl)) && this.solver.isFirstParty(decl);
  const value = own ? this.solver.readGlobal(symbol) : byName;
  // Only what the read's type can hold: the cell of a generic class's field has every instantiation's values.
  const read = nameNode.parent;
  return read && (ts.isPropertyAccessExpression(read) || ts.isElementAccessExpression(read)) ? projectOnType(this.checker, value, this.checker.getTypeAtLocation(read)) : value;
}

/** Records a write of `value` to the field `nameNode` names, in its cells. Only data: an UNKNOWN mark is no fact. */
function writeFieldCell(this: Activation, nameNode: TS.Node, value: AV): void {
  const data = cellData(value);
  if (!data || !this.solver.isFirstParty(nameNode)) return;
  const name = memberName(nameNode as TS.PropertyName);
  if (name === undefined) return;
  this.solver.writeGlobal(fieldNameCell(name), data);
  for (const cell of this.solver.model.fieldCellsOf(this.symbolAt(nameNode), name)) this.solver.writeGlobal(cell, data);
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const fieldCellMethods = { fieldCell, writeFieldCell };
