/**
 * Virtual dispatch: a method call on an interface, an abstract member or an overridden method runs the
 * implementations the receiver's static type allows (class-hierarchy analysis).
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { type AV, join } from "../values.js";
import type { Activation, Summary } from "./activation.js";
import { argumentNodes, skipOuter, skipOuterReceiver } from "./util.js";
import { projectOnParameters } from "../type-projection.js";

export function mergeSummaries(a: Summary, b: Summary): Summary {
  const paramsOut: AV[] = [];
  for (let i = 0; i < Math.max(a.paramsOut.length, b.paramsOut.length); i++) paramsOut.push(join(a.paramsOut[i], b.paramsOut[i]));
  const forwards = [...(a.forwards ?? []), ...(b.forwards ?? [])];
  return { ret: join(a.ret, b.ret), throws: join(a.throws, b.throws), thisOut: join(a.thisOut, b.thisOut), paramsOut, ...(forwards.length > 0 ? { forwards } : {}) };
}

/** Runs each implementation a call may dispatch to (a tagged one is a sink), merged with `base` if given. */
function dispatch(this: Activation, impls: readonly TS.SignatureDeclaration[], receiver: AV, args: AV[], node: TS.CallExpression, base: Summary | undefined): Summary | undefined {
  let out = base;
  const receiverTypes = impls.length > 0 ? this.receiverClasses(node) : [];
  const candidates = impls.filter((impl) => receiverTypes.length === 0 || this.isSubtypeOfAny(impl.parent, receiverTypes));
  // Which class the receiver is, the analysis does not know (values do not keep their class): what a generic
  // base's method hands its overrides (`this.deliver(this.queue)`) may be any subclass's. Each override gets
  // only what its own parameter types can hold, so one sibling's batch does not take another's fields.
  const ambiguous = receiver?.u === true || candidates.length + (base ? 1 : 0) > 1;
  for (const impl of candidates) {
    const given = ambiguous ? projectOnParameters(this.checker, impl, args) : args;
    const sink = this.solver.model.sinkOf(impl);
    if (sink) this.solver.reportSink(node, sink, given, argumentNodes(node));
    const s = sink ? this.runSinkBody(impl, receiver, given, node) : this.invokeBody(impl, undefined, receiver, given, node);
    out = out ? mergeSummaries(out, s) : s;
  }
  return out;
}

/**
 * The classes and interfaces the receiver's static type names (`registry.securityChannel()` → SecurityChannel):
 * a call dispatches only to implementations below them, not to every implementation of the declaring class.
 * Empty when the type names none (any, an object literal type): then nothing is filtered.
 */
function receiverClasses(this: Activation, node: TS.CallExpression): readonly TS.Node[] {
  const receiver = skipOuterReceiver(node);
  if (!receiver) return [];
  const cache = this.solver.receiverClassesAt;
  let classes = cache.get(receiver);
  if (classes === undefined) {
    const type = this.checker.getTypeAtLocation(receiver);
    const parts = type.isUnion() ? type.types : [type];
    const found: TS.Node[] = [];
    for (const part of parts) {
      const decls = part.getSymbol()?.declarations?.filter((d) => ts.isClassLike(d) || ts.isInterfaceDeclaration(d)) ?? [];
      if (decls.length === 0) {
        found.length = 0; // a member we cannot name: keep every implementation
        break;
      }
      found.push(...decls);
    }
    classes = found;
    cache.set(receiver, classes);
  }
  return classes;
}

function isSubtypeOfAny(this: Activation, owner: TS.Node, types: readonly TS.Node[]): boolean {
  if (types.includes(owner)) return true;
  if (!ts.isClassLike(owner) && !ts.isInterfaceDeclaration(owner)) return true;
  return this.solver.model.baseDeclarations(owner).some((base) => types.includes(base));
}

/**
 * Whether the receiver of a method call may be an instance of a subclass. Not for `super.m()` (the base's own
 * method, by definition) nor for an object visibly created from the method's class: `new C().m()`, or a
 * `const c = new C()` local.
 */
function mayBeSubclassInstance(this: Activation, node: TS.CallExpression): boolean {
  const receiver = skipOuterReceiver(node);
  if (!receiver) return false;
  if (receiver.kind === ts.SyntaxKind.SuperKeyword || ts.isNewExpression(skipOuter(receiver))) return false;
  if (!ts.isIdentifier(receiver)) return true;
  const decl = this.symbolAt(receiver)?.valueDeclaration;
  return !(
    decl !== undefined &&
    ts.isVariableDeclaration(decl) &&
    decl.initializer !== undefined &&
    ts.isNewExpression(skipOuter(decl.initializer)) &&
    ts.isVariableDeclarationList(decl.parent) &&
    (decl.parent.flags & ts.NodeFlags.Const) !== 0 &&
    decl.type === undefined
  );
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const dispatchMethods = { dispatch, receiverClasses, isSubtypeOfAny, mayBeSubclassInstance };
