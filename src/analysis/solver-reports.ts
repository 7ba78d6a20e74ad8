/**
 * What the interpreter reports to the engine while it runs (the Solver's reporting half): the sources it meets,
 * sink calls (turned into raw findings owned by the summary being computed), zone reads, declassifications, and
 * the API calls and requests the audit's inventory counts. Which findings still hold is decided here too.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { nodeKey } from "./heap.js";
import type { Activation } from "./interpret/activation.js";
import type { RawFinding } from "./report-findings.js";
import { InventoryBuilder } from "./inventory.js";
import { UntypedReads } from "./untyped-reads.js";
import { isPolicyPurpose, type Purpose } from "./findings.js";
import type { Model, SinkInfo } from "./model.js";
import { SummaryMemo, type MemoEntry } from "./summary-memo.js";
import { entryStepIndex } from "./entry.js";
import { rebaser } from "./retrace.js";
import { allLabels, collapse, joinAll, member, type AV, type Label, type Source, type Step } from "./values.js";

/** A security contact at a sink argument, as a summary met it: replayed for every later call of that summary. */
interface SinkHit {
  label: Label;
  argNode: TS.Node;
  index: number;
  sink: SinkInfo;
  call: TS.Node;
}

export abstract class SolverReports extends SummaryMemo {
  abstract model: Model;
  abstract readonly checker: TS.TypeChecker;
  /**
   * Sources by the node they are read at, then by field: a record consumed whole (`structuredClone(user)`,
   * `{ ...user }`) reads each of its branded fields at one node, and each is a source of its own.
   */
  readonly sources = new Map<TS.Node, Map<string, Source>>();
  nextSourceId = 1;
  readonly rawFindings = new Map<string, RawFinding & { entry?: MemoEntry }>();
  readonly inventory = new InventoryBuilder();
  readonly untypedReads = new UntypedReads();
  /**
   * What each summary (and the summaries it called) met at sinks, by raw finding key. A summary is memoised per
   * context, and a context ignores witnesses: a second call site passing the same source reuses it without running
   * the sink call again, so its flow — a leak entering the wrapper at another place — is replayed from here.
   */
  private readonly hits = new WeakMap<MemoEntry, Map<string, SinkHit>>();
  /** The branded field a sink argument's type holds (null: none), by node: the checker is asked once per run. */
  private readonly heldRecords = new Map<TS.Node, { field: string; name: string } | null>();

  source(node: TS.Node, field: string, name: string, kind: Source["kind"], declaration?: TS.Node): Source {
    let byField = this.sources.get(node);
    if (!byField) this.sources.set(node, (byField = new Map<string, Source>()));
    let source = byField.get(field);
    if (!source) {
      source = { id: this.nextSourceId++, field, name, node, kind };
      if (declaration) source.declaration = declaration;
      byField.set(field, source);
    }
    return source;
  }

  sourceList(): Source[] {
    return [...this.sources.values()].flatMap((byField) => [...byField.values()]);
  }

  otherApiCall(apiPath: string, call: TS.Node): void {
    this.inventory.otherApiCall(apiPath, call);
  }

  uncoveredRequest(url: string, client: string, call: TS.Node): void {
    this.inventory.uncoveredRequest(url, client, call);
  }

  reportSink(call: TS.Node, sink: SinkInfo, args: AV[], argNodes: readonly TS.Node[]): void {
    this.inventory.sinkCall(sink, call);
    args.forEach((arg, index) => {
      if (sink.arguments && !sink.arguments.includes(index)) return;
      const keys = sink.destinationKeys;
      const carried = keys ? joinAll(keys.map((key) => key.split(".").reduce<AV>((value, name) => member(value, name), arg))) : arg;
      const labels = allLabels(collapse(carried));
      const argNode = argNodes[index] ?? call;
      if (labels) {
        for (const label of labels.values()) this.addFinding(label, argNode, index, sink, call);
        return;
      }
      // A security use (candidate discovery) names its destination; a record merely passed along says nothing.
      if (keys || !isPolicyPurpose(sink.purpose)) return;
      // A whole record that holds a security contact (`trackEvent("signup", { user })`) leaks it, wherever it came from.
      const argExpr = argNodes[index];
      if (!argExpr || ts.isSpreadElement(argExpr)) return;
      const held = this.heldRecordIn(argExpr);
      if (!held) return;
      const source = this.source(argExpr, held.field, held.name, "type");
      const trace: Step = { node: argExpr, label: `holds ${held.field}`, kind: "source", prev: undefined, length: 1 };
      this.addFinding({ source, trace }, argNode, index, sink, call);
    });
  }

  /** A branded field some record in this argument holds, by the argument's type (`{ user }`); cached by node. */
  heldRecordIn(argExpr: TS.Node): { field: string; name: string } | null {
    let held = this.heldRecords.get(argExpr);
    if (held === undefined) this.heldRecords.set(argExpr, (held = this.model.brandedPropertyIn(this.checker.getTypeAtLocation(argExpr)) ?? null));
    return held;
  }

  private addFinding(label: Label, argNode: TS.Node, index: number, sink: SinkInfo, call: TS.Node): void {
    if (label.source.kind === "declassified") {
      this.inventory.declassifiedReaches(label.source.node, sink, argNode);
      return;
    }
    const step: Step = { node: argNode, label: `passed to ${sink.step ?? sink.callee.split(/[. ]/).pop()}`, kind: "sink", prev: label.trace, length: label.trace.length + 1 };
    // Flows entering the sink's code at different places are different leaks (report-findings.ts): kept apart.
    const key = `${label.source.id}@${nodeKey(argNode)}@${entryKeyOf(step)}`;
    const entry = this.currentEntry();
    if (entry) this.remember(entry, key, { label, argNode, index, sink, call });
    const existing = this.rawFindings.get(key);
    if (existing && existing.trace.length <= step.length) {
      // Re-found by a summary computed again (module state changed): the finding now belongs to that summary.
      if (entry) existing.entry = entry;
      return;
    }
    this.rawFindings.set(key, { source: label.source, trace: step, argNode, argumentIndex: index, sink, call, ...(entry ? { entry } : {}) });
  }

  /**
   * After a call of `callee` with `now` (`[this, ...args]`): what its summary met at sinks, through this call's own
   * witnesses (retrace.ts), is found here too, and belongs to the caller's summary from now on.
   */
  protected carryFindings(callee: MemoEntry, now: readonly AV[]): void {
    const hits = this.hits.get(callee);
    if (!hits || hits.size === 0) return;
    const caller = this.currentEntry();
    const rebase = callee.inputs ? rebaser(callee.inputs, now) : undefined;
    for (const [key, hit] of hits) {
      const trace = rebase ? rebase(hit.label.trace) : hit.label.trace;
      if (trace !== hit.label.trace) this.addFinding({ source: hit.label.source, trace }, hit.argNode, hit.index, hit.sink, hit.call);
      else if (caller && caller !== callee) {
        this.remember(caller, key, hit);
        // The finding was last given to a summary since dropped (module state changed): this caller, computed
        // now, still reaches it through the callee, so it stands (liveFindings keeps findings of valid summaries).
        const existing = this.rawFindings.get(key);
        if (existing?.entry?.invalid) existing.entry = caller;
      }
    }
  }

  private remember(entry: MemoEntry, key: string, hit: SinkHit): void {
    let hits = this.hits.get(entry);
    if (!hits) this.hits.set(entry, (hits = new Map<string, SinkHit>()));
    const known = hits.get(key);
    if (!known || hit.label.trace.length < known.label.trace.length) hits.set(key, hit);
  }

  zoneRead(source: Source, node: TS.Node, zone: { purpose: Purpose; glob: string }): void {
    const trace: Step = { node, label: `read ${source.name}`, kind: "source", prev: undefined, length: 1 };
    this.addFinding({ source, trace }, node, 0, { purpose: zone.purpose, callee: `zone ${zone.glob}`, origin: "config" }, node);
  }

  declassified(call: TS.CallExpression, value: AV): AV {
    const fields = [...(allLabels(value)?.values() ?? [])].filter((l) => l.source.kind !== "declassified").map((l) => l.source.field);
    this.inventory.declassification(call, fields);
    if (fields.length === 0) return undefined;
    // Followed onward so the audit can say where a declassified value goes; never a violation.
    const source = this.source(call, fields.join(", "), "declassified value", "declassified");
    const trace: Step = { node: call, label: "declassified", kind: "source", prev: undefined, length: 1 };
    return { t: new Map([[source.id, { source, trace }]]) };
  }

  untypedRead(name: TS.Node, treatedAsSource: boolean): void {
    this.untypedReads.add(name, treatedAsSource);
  }

  budgetExhausted(activation: Activation): void {
    this.widening.add(activation.fn, "steps");
  }

  /**
   * With state kept for later runs: only findings of summaries some root still reaches hold (an edit may have
   * removed the only caller that passed a security contact in). Without it, every finding holds.
   */
  liveFindings(): RawFinding[] {
    const all = [...this.rawFindings.values()];
    // A summary dropped because module state it read changed, whose new run did not find the flow again, was
    // computed from stale state: its findings go with it (the editor's walk below drops them the same way).
    if (!this.trackFiles) return all.filter((raw) => !raw.entry?.invalid);
    // Walk up from each finding's summary through valid callers to a root's summary: findings are few, the
    // memo is large, so this costs far less than marking everything reachable from the roots.
    const roots = new Set([...this.rootEntries.values()]);
    const live = new Map<MemoEntry, boolean>();
    const reaches = (start: MemoEntry): boolean => {
      const seen = new Set<MemoEntry>();
      const stack = [start];
      while (stack.length > 0) {
        const entry = stack.pop()!;
        if (entry.invalid || seen.has(entry)) continue;
        const known = live.get(entry);
        if (known !== undefined) {
          if (known) return true;
          continue;
        }
        if (roots.has(entry)) return true;
        seen.add(entry);
        if (entry.callers) for (const caller of entry.callers) stack.push(caller);
      }
      return false;
    };
    return all.filter((raw) => {
      if (!raw.entry) return true;
      const result = reaches(raw.entry);
      live.set(raw.entry, result);
      return result;
    });
  }
}

/** Where a flow ending in `sink` enters the sink's code (entry.ts), as a key; "" when it has no separate entry. */
function entryKeyOf(sink: Step): string {
  const steps: Step[] = [];
  for (let step: Step | undefined = sink; step; step = step.prev) steps.push(step);
  steps.reverse();
  const at = steps[entryStepIndex(steps) ?? -1]?.node;
  return at ? String(nodeKey(at)) : "";
}
