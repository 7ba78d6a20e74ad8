/**
 * Reads of a branded field's name on values whose type does not say what they are. Policy (README, "Values typed
 * any"): on a receiver typed `any` — an unresolved or untyped dependency, an untyped hook, a `u: any` parameter,
 * plain JavaScript — a read of a name that some type in the program declares branded is a source, because the
 * type gives no reason to think otherwise. On a receiver whose type has the name only through an index signature
 * (`Record<string, string>`) the declared type says it is not a security contact, so it is not a source. Both
 * kinds are counted and named in one notification, so that neither is silent.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Notification } from "./findings.js";
import { locationOf } from "./locations.js";

/** The expression a property name is read from: `u` in `u.phone`, `u["phone"]`, `const { phone } = u`. */
export function receiverOfName(name: TS.Node): TS.Node | undefined {
  const parent = name.parent;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === name) || (ts.isElementAccessExpression(parent) && parent.argumentExpression === name)) {
    return parent.expression;
  }
  if (ts.isBindingElement(parent) && ts.isObjectBindingPattern(parent.parent)) return parent.parent;
  return undefined;
}

/** Collects untyped reads of branded names (one per read site, whatever the contexts) for one notification. */
export class UntypedReads {
  private readonly treated = new Set<TS.Node>();
  private readonly skipped = new Set<TS.Node>();

  add(node: TS.Node, treatedAsSource: boolean): void {
    (treatedAsSource ? this.treated : this.skipped).add(node);
  }

  notification(root: string): Notification | undefined {
    if (this.treated.size === 0 && this.skipped.size === 0) return undefined;
    const parts: string[] = [];
    if (this.treated.size > 0) parts.push(`on values typed \`any\`, ${describe(this.treated, root)}: treated as security contacts`);
    if (this.skipped.size > 0) parts.push(`on index-signature types, ${describe(this.skipped, root)}: not treated as security contacts`);
    const first = [...this.treated, ...this.skipped][0]!;
    return {
      level: "warning",
      kind: "untyped-branded-read",
      message: `names declared as SecurityContact elsewhere were read where the type does not say what the value is — ${parts.join("; ")}. Type these values to decide.`,
      location: locationOf(first),
    };
  }
}

const SHOWN = 3;

function describe(nodes: ReadonlySet<TS.Node>, root: string): string {
  const list = [...nodes];
  const names = [...new Set(list.map((node) => (ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : node.getText())))];
  const where = list.slice(0, SHOWN).map((node) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${path.relative(root, file.fileName).split(path.sep).join("/")}:${line + 1}`;
  });
  const more = list.length > SHOWN ? ` and ${list.length - SHOWN} more` : "";
  return `${list.length} read${list.length === 1 ? "" : "s"} of ${names.join(", ")} (${where.join(", ")}${more})`;
}
