/**
 * What the analysis summarised conservatively because a budget ran out, reported in one notification however
 * often it happened (issue 9, item 4): a run over generated code used to print a thousand warnings.
 *
 * Call depth is not a budget any more (a call past MAX_CALL_DEPTH is deferred, not cut: see engine.ts), so what
 * is left is code that would otherwise never finish: recursion that builds a new abstract context at every level,
 * a function called in more contexts than the limit, a body whose analysis exceeds the step budget, a function
 * too deep for the interpreter's stack. Each is counted by reason and named (the first few) in the notification.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Notification } from "./findings.js";
import { locationOf } from "./locations.js";

/** Why a function was widened, in the words of the notification. */
export type WideningReason = "recursion" | "contexts" | "steps" | "depth" | "unstable";

const REASONS: Record<WideningReason, string> = {
  recursion: "recursion that builds a new context at every level",
  contexts: "more calling contexts than the limit",
  steps: "a body over the step budget",
  depth: "nesting deeper than the interpreter's stack",
  unstable: "a result that kept changing between passes",
};

/** How many widened functions the notification names. */
const NAMED = 3;

export class WideningReport {
  private readonly functions = new Map<TS.Node, WideningReason>();

  /** Records that `fn` was widened (once per function; the first reason counts). */
  add(fn: TS.Node, reason: WideningReason): void {
    if (!this.functions.has(fn)) this.functions.set(fn, reason);
  }

  get size(): number {
    return this.functions.size;
  }

  /** The one notification for everything widened, or undefined when nothing was. */
  notification(root: string): Notification | undefined {
    if (this.functions.size === 0) return undefined;
    const byReason = new Map<WideningReason, number>();
    for (const reason of this.functions.values()) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    const reasons = [...byReason].map(([reason, count]) => `${String(count)} for ${REASONS[reason]}`).join(", ");
    const all = [...this.functions.keys()];
    const named = all.slice(0, NAMED).map((fn) => describeFunction(fn, root));
    const more = all.length > NAMED ? `, and ${String(all.length - NAMED)} more` : "";
    const count = all.length;
    return {
      level: "warning",
      kind: "widened",
      message:
        `${String(count)} function${count === 1 ? " was" : "s were"} summarised conservatively where a budget ran out (${reasons}): ` +
        `calls into them pass their inputs on, and flows inside them past that point may be missed — ${named.join(", ")}${more}`,
      location: locationOf(all[0]!),
      incomplete: true,
      count,
    };
  }
}

/** "normalizePhone (src/phone.ts:12)", "a function (…)", "module code (…)". */
export function describeFunction(fn: TS.Node, root: string): string {
  const name = (fn as { name?: TS.Node }).name;
  const file = path.relative(root, fn.getSourceFile().fileName).split(path.sep).join("/");
  const { line } = fn.getSourceFile().getLineAndCharacterOfPosition(ts.isSourceFile(fn) ? 0 : fn.getStart());
  const label = name && ts.isIdentifier(name) ? name.text : ts.isSourceFile(fn) ? "module code" : "a function";
  return `${label} (${file}:${String(line + 1)})`;
}
