/**
 * The interpreter's state at one program point: locals by variable key (`THIS` for the receiver), whether the
 * point is reachable, and the locals known to alias an access path; with the limits that keep analysis finite.
 */
import type TS from "typescript";
import { join, keyOf, type AV } from "../values.js";

export const THIS: object = { this: true };
export type VarKey = TS.Symbol | object;

/** A local known to hold the object at an access path (`const list = (this.handlers[k] ??= [])`). */
export interface Alias {
  root: VarKey;
  steps: (string | null)[];
  /** The name node of each named step (undefined for elements), so a write through the alias reaches heap cells. */
  names?: (TS.Node | undefined)[];
}

/** A flow-sensitive environment for one program point. */
export class State {
  constructor(
    public vars: Map<VarKey, AV> = new Map(),
    public dead = false,
    public aliases: Map<VarKey, Alias> = new Map(),
  ) {}
  clone(): State {
    return new State(new Map(this.vars), this.dead, new Map(this.aliases));
  }
  get(key: VarKey): AV {
    return this.vars.get(key);
  }
  set(key: VarKey, value: AV): void {
    if (value) this.vars.set(key, value);
    else this.vars.delete(key);
  }
  /** Join another state into this one (control-flow merge). */
  merge(other: State): void {
    if (other.dead) return;
    if (this.dead) {
      this.vars = new Map(other.vars);
      this.aliases = new Map(other.aliases);
      this.dead = false;
      return;
    }
    for (const [key, value] of other.vars) this.set(key, join(this.vars.get(key), value));
    for (const [key, alias] of this.aliases) {
      const theirs = other.aliases.get(key);
      if (!theirs || theirs.root !== alias.root || theirs.steps.join(".") !== alias.steps.join(".")) this.aliases.delete(key);
    }
  }
  key(): string {
    if (this.dead) return "dead";
    return [...this.vars.values()].map(keyOf).sort().join("|");
  }
}

/** Limits that keep one function's analysis finite whatever the code looks like. */
export const LOOP_ITERATIONS = 4;
export const STEP_BUDGET = 200_000;
