/**
 * Summaries per (function, abstract context), memoised, and what keeps them true: recursion iterated to a
 * fixpoint, calls past the depth limit deferred, module state as cells whose change drops the summaries that read
 * them, and the limits past which a call is widened. The engine (engine.ts) supplies how one context is analysed.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { nodeKey } from "./heap.js";
import type { Activation, Summary } from "./interpret/activation.js";
import { constructorOf } from "./interpret/classes.js";
import { contextValue } from "./context-values.js";
import { retrace } from "./retrace.js";
import { WideningReport, type WideningReason } from "./widening.js";
import { allLabels, collapse, compactKey, isTainted, join, keyOf, type AV, type CellKey, type Step } from "./values.js";

export interface MemoEntry {
  summary: Summary;
  /** Its key in the memo. */
  key: string;
  /** Files whose code this summary depends on (tracked only when state is kept for incremental runs). */
  files?: Set<TS.SourceFile>;
  /** Summaries that used this one (tracked with `files`): a finding holds while a root still reaches it. */
  callers?: Set<MemoEntry>;
  computing: boolean;
  /** Dropped from the memo (module state it read changed, or an edited file): its findings no longer hold. */
  invalid?: boolean;
  /** Someone used the provisional summary while this entry was being computed (recursion). */
  provisionalUse: boolean;
  globalsRead: Set<CellKey>;
  /**
   * Cells it only added to without reading them (`outbox.push(e)`, see `peekGlobals`; tracked with `files`): when
   * an incremental run drops such a cell, this summary runs again to put its part back.
   */
  globalsAdded?: Set<CellKey>;
  /** Deferred calls whose summary this one used (see `defer`): it is recomputed when theirs changes. */
  deferredRead?: Set<DeferredCall>;
  /** `[this, ...args]` it was computed with, when any is tainted: a later caller's witnesses replace theirs (retrace.ts). */
  inputs?: AV[];
}

/**
 * A call met past MAX_CALL_DEPTH: analysed later from an empty stack instead of being cut off, so a chain of any
 * length is followed exactly. The callers got the latest summary known (at first, "passes its inputs on") and are
 * recomputed whenever the deferred call's summary changes.
 */
interface DeferredCall {
  key: string;
  fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile;
  closure: Activation | undefined;
  thisValue: AV;
  args: AV[];
  summary: Summary;
  /** Times it was computed; past MAX_DEFERRED_RECOMPUTES its summary only grows by joins (termination). */
  computed: number;
  queued: boolean;
  /** The summaries that were computing when it was deferred: its callers. */
  requesters: Set<MemoEntry>;
  /**
   * The summaries that used its summary (directly or through a callee): the ones dropped when it changes. An index,
   * so a change costs its readers, not a scan of every summary (which made large programs quadratic).
   */
  readers: Set<MemoEntry>;
}

const MAX_RECURSION_ROUNDS = 4;
/**
 * Calls nested deeper are deferred (see `DeferredCall`): analysed from an empty stack, which bounds the JS stack
 * the analysis needs whatever the length of a call chain. Recursion that builds a new context at every level is
 * widened at this depth instead, and so are calls of a function beyond its context limit (see `widened`).
 */
const MAX_CALL_DEPTH = 48;
/**
 * Distinct contexts a function may be analysed in before it is widened: this many, or as many as the program has
 * functions (`contextBudget`), whichever is more — a shared helper called from every feature of a large program
 * (`repository.findMany(predicate)` with a closure per call site) stays exact as the program grows, while
 * recursion that makes a new context at every level still ends.
 */
export const MAX_CONTEXTS_PER_FUNCTION = 10_000;
const MAX_DEFERRED_RECOMPUTES = 8;

export abstract class SummaryMemo {
  memo = new Map<string, MemoEntry>();
  /** The summary each root function got, so an incremental run re-runs only roots whose summary was dropped. */
  rootEntries = new Map<TS.Node, MemoEntry>();
  protected lastEntry: MemoEntry | undefined;
  private readonly stack: MemoEntry[] = [];
  /** How often each function is on the stack: recursion is told apart from a long chain of distinct calls. */
  private readonly onStack = new Map<TS.Node, number>();
  private readonly deferred = new Map<string, DeferredCall>();
  private readonly deferredQueue: DeferredCall[] = [];
  private readonly contextCounts = new Map<TS.Node, number>();
  /** Every context key ever computed (see `contextCounts`). */
  private readonly computedKeys = new Set<string>();
  /** See MAX_CONTEXTS_PER_FUNCTION; the engine raises it to the program's number of functions. */
  protected contextBudget = MAX_CONTEXTS_PER_FUNCTION;
  readonly widening = new WideningReport();
  readonly globals = new Map<CellKey, AV>();
  protected readonly changedGlobals = new Set<CellKey>();
  protected trackFiles = false;
  contexts = 0;
  /** The stack depth whose reads of module state are not dependencies (see `peekGlobals`), or -1. */
  private peekDepth = -1;

  /** Analyses one function in one context (the interpreter's entry point). */
  protected abstract analyse(fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile, closure: Activation | undefined, thisValue: AV, args: AV[]): Summary;

  /** The summary being computed now: findings made while it runs belong to it. */
  protected currentEntry(): MemoEntry | undefined {
    return this.stack.at(-1);
  }

  protected summarizeAt(
    decl: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    closure: Activation | undefined,
    actualThis: AV,
    actualArgs: AV[],
  ): Summary {
    const thisValue = contextValue(actualThis);
    const args = actualArgs.map(contextValue);
    const fn = ts.isClassLike(decl) ? (constructorOf(decl) ?? decl) : decl;
    const captured = closure ? closure.captureKeyFor(fn) : "";
    const key = compactKey(`${nodeKey(fn)}|${keyOf(thisValue)}|${args.map(keyOf).join(",")}|${captured}|${closure ? nodeKey(closure.fn) : 0}`);
    const caller = this.stack.at(-1);
    const entry = this.memo.get(key);
    if (entry) {
      if (entry.computing) entry.provisionalUse = true;
      if (caller) this.inherit(caller, entry);
      this.lastEntry = entry;
      return entry.inputs && !entry.computing ? retrace(entry.summary, entry.inputs, [thisValue, ...args]) : entry.summary;
    }
    // Counted once per distinct context: a summary recomputed after module state it read changed is no new one.
    const perFunction = (this.contextCounts.get(fn) ?? 0) + (this.computedKeys.has(key) ? 0 : 1);
    if (perFunction > this.contextBudget) return this.widened(fn, thisValue, args, "contexts");
    if (this.stack.length >= MAX_CALL_DEPTH) {
      if ((this.onStack.get(fn) ?? 0) > 0) return this.widened(fn, thisValue, args, "recursion");
      return this.defer(key, fn, closure, thisValue, args);
    }
    return this.compute(key, fn, closure, thisValue, args, caller);
  }

  /** The functions analysed in the most contexts, as "file:line count" (PURPOSE_LINT_TIMING=contexts). */
  mostContexts(count: number): string[] {
    return [...this.contextCounts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([fn, n]) => {
        const file = fn.getSourceFile();
        return `${file.fileName}:${String(file.getLineAndCharacterOfPosition(fn.getStart(file)).line + 1)} ${String(n)}`;
      });
  }

  /** Computes a summary not in the memo yet, iterating recursion through it to a fixpoint. */
  private compute(
    key: string,
    fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    closure: Activation | undefined,
    thisValue: AV,
    args: AV[],
    caller: MemoEntry | undefined,
  ): Summary {
    if (!this.computedKeys.has(key)) {
      this.computedKeys.add(key);
      this.contextCounts.set(fn, (this.contextCounts.get(fn) ?? 0) + 1);
    }
    const entry: MemoEntry = { key, summary: { ret: undefined, throws: undefined, thisOut: thisValue, paramsOut: [] }, computing: true, provisionalUse: false, globalsRead: new Set() };
    this.lastEntry = entry;
    if (this.trackFiles) {
      entry.files = new Set([fn.getSourceFile()]);
      // The witnesses it is given are part of what it returns: an edit to a file they pass through drops it.
      for (const input of [thisValue, ...args]) addTraceFiles(entry.files, input);
      entry.callers = new Set();
    }
    if (isTainted(thisValue) || args.some(isTainted)) entry.inputs = [thisValue, ...args];
    this.memo.set(key, entry);
    this.contexts++;
    for (let round = 0; round < MAX_RECURSION_ROUNDS; round++) {
      entry.provisionalUse = false;
      this.stack.push(entry);
      this.onStack.set(fn, (this.onStack.get(fn) ?? 0) + 1);
      let summary: Summary;
      try {
        summary = this.analyse(fn, closure, thisValue, args);
      } finally {
        this.stack.pop();
        this.onStack.set(fn, (this.onStack.get(fn) ?? 1) - 1);
      }
      // Only a recursive use of the provisional summary needs the comparison (rare; keying a summary is not free).
      const stable = !entry.provisionalUse || summaryKey(summary) === summaryKey(entry.summary);
      entry.summary = summary;
      if (stable) break;
    }
    entry.computing = false;
    if (caller) this.inherit(caller, entry);
    this.lastEntry = entry;
    return entry.summary;
  }

  /**
   * A call past MAX_CALL_DEPTH: queued to be analysed from an empty stack (`drainDeferred`). Every summary on the
   * stack depends on its result, as on a module cell, and gets the latest summary known meanwhile.
   */
  private defer(
    key: string,
    fn: TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile,
    closure: Activation | undefined,
    thisValue: AV,
    args: AV[],
  ): Summary {
    let call = this.deferred.get(key);
    if (!call) {
      call = { key, fn, closure, thisValue, args, summary: passInputsOn(thisValue, args), computed: 0, queued: false, requesters: new Set(), readers: new Set() };
      this.deferred.set(key, call);
    }
    for (const entry of this.stack) {
      (entry.deferredRead ??= new Set()).add(call);
      call.readers.add(entry);
    }
    const caller = this.stack.at(-1);
    if (caller) call.requesters.add(caller);
    this.enqueue(call);
    return call.summary;
  }

  private enqueue(call: DeferredCall): void {
    if (call.queued) return;
    call.queued = true;
    this.deferredQueue.push(call);
  }

  /**
   * Analyses deferred calls until none is pending. A call whose summary changed drops the summaries that used the
   * earlier one; those that were deferred calls themselves are queued again, roots run again in `run`.
   */
  protected drainDeferred(): void {
    do this.drainQueue();
    // A deferred call whose summary was dropped meanwhile (module state it read changed) runs again too.
    while (this.enqueueDropped());
  }

  private enqueueDropped(): boolean {
    let queued = false;
    for (const call of this.deferred.values()) {
      if (this.memo.has(call.key) || call.queued) continue;
      this.enqueue(call);
      queued = true;
    }
    return queued;
  }

  private drainQueue(): void {
    for (let call = this.deferredQueue.shift(); call; call = this.deferredQueue.shift()) {
      call.queued = false;
      const before = call.summary;
      // Computed meanwhile by a caller nearer the top (or as a root): its callers past the depth still need it.
      const known = this.memo.get(call.key);
      let summary = known ? known.summary : this.compute(call.key, call.fn, call.closure, call.thisValue, call.args, undefined);
      call.computed++;
      // A summary that keeps changing only grows from here on, so the worklist ends (and the report says so).
      if (call.computed > MAX_DEFERRED_RECOMPUTES) {
        summary = mergeSummaries(before, summary);
        this.widening.add(call.fn, "unstable");
      }
      call.summary = summary;
      const entry = this.memo.get(call.key);
      if (entry) {
        entry.summary = summary;
        // Its callers depend on what it depends on (module state, files) and keep its findings alive.
        for (const requester of call.requesters) this.inherit(requester, entry);
      }
      if (summaryKey(summary) === summaryKey(before)) continue;
      this.dropReaders(call);
    }
  }

  /** Drops the summaries that used a deferred call's summary, which changed; the deferred among them run again. */
  private dropReaders(call: DeferredCall): void {
    for (const reader of call.readers) {
      if (reader.computing) continue;
      call.readers.delete(reader);
      if (this.memo.get(reader.key) !== reader) continue;
      reader.invalid = true;
      this.memo.delete(reader.key);
      const again = this.deferred.get(reader.key);
      if (again) this.enqueue(again);
    }
  }

  /** A caller's summary depends on whatever its callee's does. */
  private inherit(caller: MemoEntry, callee: MemoEntry): void {
    for (const symbol of callee.globalsRead) caller.globalsRead.add(symbol);
    if (caller.files && callee.globalsAdded) for (const cell of callee.globalsAdded) (caller.globalsAdded ??= new Set()).add(cell);
    if (callee.deferredRead) {
      for (const call of callee.deferredRead) {
        (caller.deferredRead ??= new Set()).add(call);
        call.readers.add(caller);
      }
    }
    if (caller.files && callee.files) for (const file of callee.files) caller.files.add(file);
    if (caller.files) callee.callers?.add(caller);
  }

  /** Drops the summaries a predicate picks (module state they read changed, or a file they depend on was edited). */
  protected invalidate(drop: (entry: MemoEntry) => boolean): void {
    for (const [key, entry] of this.memo) {
      if (entry.computing || !drop(entry)) continue;
      entry.invalid = true;
      this.memo.delete(key);
    }
  }

  /**
   * Past the context limits (recursion that builds a new closure at every level, generated code), a call is
   * treated like a library call: whatever taint goes in comes out, nothing is followed inside, and the one
   * `widened` notification counts it.
   */
  protected widened(fn: TS.Node, thisValue: AV, args: AV[], reason: WideningReason): Summary {
    this.widening.add(fn, reason);
    return passInputsOn(thisValue, args);
  }

  readGlobal(symbol: CellKey): AV {
    if (this.stack.length !== this.peekDepth) for (const entry of this.stack) entry.globalsRead.add(symbol);
    else if (this.trackFiles) for (const entry of this.stack) (entry.globalsAdded ??= new Set()).add(symbol);
    return this.globals.get(symbol);
  }

  /**
   * Evaluates the container a library method only adds to (`outbox.push(e)`, `this.pending.set(id, v)`): its new
   * value is joined into the cell whatever the cell held, so the summary computing now need not depend on the
   * cell. Otherwise every function that pushes to a module-level outbox, and all its callers, would run again each
   * time another caller's push changes the outbox. Summaries run meanwhile (a getter) still record their reads.
   */
  peekGlobals<T>(evaluate: () => T): T {
    const saved = this.peekDepth;
    this.peekDepth = this.stack.length;
    try {
      return evaluate();
    } finally {
      this.peekDepth = saved;
    }
  }

  writeGlobal(symbol: CellKey, value: AV): void {
    if (!value) return;
    const before = this.globals.get(symbol);
    const after = join(before, value);
    if (after === before) return;
    this.globals.set(symbol, after);
    if (keyOf(after) !== keyOf(before)) this.changedGlobals.add(symbol);
  }

  keepState(): void {
    this.trackFiles = true;
  }
}

/** Adds the files every witness step of a value's labels lies in. */
export function addTraceFiles(files: Set<TS.SourceFile>, value: AV): void {
  for (const label of allLabels(value)?.values() ?? []) {
    for (let step: Step | undefined = label.trace; step; step = step.prev) files.add(step.node.getSourceFile());
  }
}

/** What a call whose body is not followed returns: whatever went in. */
function passInputsOn(thisValue: AV, args: AV[]): Summary {
  const inputs = collapse(join(thisValue, args.reduce<AV>((all, arg) => join(all, arg), undefined)));
  return { ret: inputs, throws: undefined, thisOut: thisValue, paramsOut: [] };
}

function mergeSummaries(a: Summary, b: Summary): Summary {
  return {
    ret: join(a.ret, b.ret),
    throws: join(a.throws, b.throws),
    thisOut: join(a.thisOut, b.thisOut),
    paramsOut: b.paramsOut.map((value, i) => join(a.paramsOut[i], value)),
    ...(a.calls || b.calls ? { calls: join(a.calls, b.calls) } : {}),
  };
}

function summaryKey(summary: Summary): string {
  return `${keyOf(summary.ret)}#${keyOf(summary.throws)}#${keyOf(summary.thisOut)}#${summary.paramsOut.map(keyOf).join(",")}`;
}
