/**
 * JSX as calls. `<Comp a={x} {...rest}>children</Comp>` runs a first-party component like
 * `Comp({ a: x, ...rest, children })`: the props are one object argument, so `props.phone` or a destructured
 * `({ phone })` inside it carries what the attribute held. A class component is constructed with the props and
 * its `render` runs with `this.props` set. An element of the page (`<button onClick={…}>`) or of a library
 * component runs its function-valued attributes and children as handlers: closures over the component's values,
 * called by the page with an event the analysis knows nothing of (a clean argument). Children are evaluated where
 * they are written, so the elements in them render with the values they capture. An element whose tag is a
 * library model's value (a context's Provider) is that model's call with the props (models/react.ts).
 * An element's own value is clean: what it holds has already been handed to what renders it.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { type AV, field, functionsOf, join, setField } from "../values.js";
import type { Activation } from "./activation.js";
import { constructorOf } from "./classes.js";
import type { State } from "./state.js";
import { alignArguments, isFunctionLike, skipOuter } from "./util.js";

type JsxNode = TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment;

/** One attribute as written: its name (none for a spread), its expression and its value. */
interface Attribute {
  name: string | undefined;
  expression: TS.Expression | undefined;
  value: AV;
}

/** `Activation.evalJsx`: renders the element (props, children, then the component or the handlers); clean. */
function evalJsx(this: Activation, node: JsxNode, st: State): AV {
  if (ts.isJsxFragment(node)) {
    this.evalJsxChildren(node.children, st);
    return undefined;
  }
  const opening = ts.isJsxElement(node) ? node.openingElement : node;
  const attributes = this.evalJsxAttributes(opening.attributes, st);
  let props: AV;
  for (const attribute of attributes) props = attribute.name === undefined ? join(props, attribute.value) : setField(props, attribute.name, attribute.value);
  if (ts.isJsxElement(node)) {
    const children = this.evalJsxChildren(node.children, st);
    if (children) {
      props = setField(props, "children", children);
      attributes.push({ name: "children", expression: undefined, value: children });
    }
  }
  this.renderElement(node, opening.tagName, opening.attributes, props, attributes, st);
  return undefined;
}

function evalJsxAttributes(this: Activation, attributes: TS.JsxAttributes, st: State): Attribute[] {
  const out: Attribute[] = [];
  for (const attribute of attributes.properties) {
    if (ts.isJsxSpreadAttribute(attribute)) {
      // `{...user}` copies the record's branded fields as surely as reading them.
      out.push({ name: undefined, expression: attribute.expression, value: this.withBrandedFields(attribute.expression, this.eval(attribute.expression, st)) });
      continue;
    }
    const name = ts.isIdentifier(attribute.name) ? attribute.name.text : `${attribute.name.namespace.text}:${attribute.name.name.text}`;
    const init = attribute.initializer;
    let expression: TS.Expression | undefined;
    if (init && ts.isJsxExpression(init)) expression = init.expression;
    else if (init && !ts.isStringLiteral(init)) expression = init;
    out.push({ name, expression, value: expression ? this.eval(expression, st) : undefined });
  }
  return out;
}

/** The children's values: what `{expressions}` hold (a render prop's function among them); elements render in place. */
function evalJsxChildren(this: Activation, children: TS.NodeArray<TS.JsxChild>, st: State): AV {
  let out: AV;
  for (const child of children) {
    if (ts.isJsxText(child)) continue;
    if (ts.isJsxExpression(child)) {
      if (child.expression) out = join(out, this.eval(child.expression, st));
    } else out = join(out, this.eval(child, st));
  }
  return out;
}

/** A lower-case tag (`div`, `my-widget`, `svg:rect`) is an element of the page, not a component. */
function isIntrinsic(tag: TS.JsxTagNameExpression): boolean {
  if (ts.isJsxNamespacedName(tag)) return true;
  return ts.isIdentifier(tag) && (/^[a-z]/.test(tag.text) || tag.text.includes("-"));
}

function renderElement(this: Activation, node: JsxNode, tag: TS.JsxTagNameExpression, attributesNode: TS.JsxAttributes, props: AV, attributes: Attribute[], st: State): void {
  if (isIntrinsic(tag)) {
    this.runHandlers(node, attributes, st);
    return;
  }
  const tagExpr = tag as TS.Expression;
  const value = this.eval(tagExpr, st);
  alignArguments(node, [attributesNode, attributesNode]);
  if (value?.api && this.statefulCall(node, value, [props], st)) return;
  const args = [props, field(props, "ref")];
  const fns = functionsOf(value);
  if (fns.length > 0) {
    for (const fv of fns) this.invokeFunctionValue(fv, undefined, args, node);
    return;
  }
  const cls = this.classDeclarationOf(tagExpr);
  if (cls) {
    this.renderClass(node, cls, props);
    return;
  }
  const components = this.componentFunctions(tagExpr);
  if (components.length > 0) {
    for (const fn of components) this.invokeBody(fn, undefined, undefined, args, node);
    return;
  }
  // A library's component (or one the analysis cannot resolve) calls the handlers it is given.
  this.runHandlers(node, attributes, st);
}

/**
 * The first-party functions a tag names when its value is not known yet (a module's export not initialised in
 * this pass): a function, or the function a wrapper call is given (`memo(…)`, `forwardRef(…)`, `export default
 * memo(Profile)`), through a few hops of names.
 */
function componentFunctions(this: Activation, tag: TS.Expression): TS.SignatureDeclaration[] {
  const out: TS.SignatureDeclaration[] = [];
  let names: TS.Node[] = [ts.isPropertyAccessExpression(tag) ? tag.name : tag];
  for (let hop = 0; hop < 4 && names.length > 0; hop++) {
    const next: TS.Node[] = [];
    for (const name of names) {
      for (const decl of this.staticTargets(name)) {
        let expr: TS.Expression | undefined;
        if (ts.isFunctionDeclaration(decl) && decl.body) out.push(decl);
        else if (ts.isVariableDeclaration(decl) && decl.initializer) expr = decl.initializer;
        else if (ts.isExportAssignment(decl)) expr = decl.expression;
        // Unwrap wrapper calls to their first argument: `memo(forwardRef((props, ref) => …))`.
        for (let depth = 0; expr && depth < 4; depth++) {
          const inner: TS.Expression = skipOuter(expr);
          if (isFunctionLike(inner)) {
            out.push(inner);
            expr = undefined;
          } else if (ts.isCallExpression(inner)) expr = inner.arguments[0];
          else {
            if (ts.isIdentifier(inner)) next.push(inner);
            expr = undefined;
          }
        }
      }
    }
    names = next;
  }
  return out.filter((fn) => this.solver.isFirstParty(fn));
}

/**
 * A class component: constructed with the props, then `render()` with `this.props` (React sets it either way).
 * `this.props` is set from the start (`super(props)`), so an arrow-function field (`handleClick = () =>
 * track(this.props.event)`) made by the constructor sees them when a handler runs it.
 */
function renderClass(this: Activation, node: JsxNode, cls: TS.ClassLikeDeclaration, props: AV): void {
  const ctor = constructorOf(cls);
  const initial = setField(undefined, "props", props);
  const made = ctor ? this.invokeBody(ctor, undefined, initial, [props], node).thisOut : this.solver.summarize(cls, undefined, initial, [props]).thisOut;
  const instance = setField(made, "props", props);
  for (const member of cls.members) {
    if (ts.isMethodDeclaration(member) && member.body && ts.isIdentifier(member.name) && member.name.text === "render") this.invokeBody(member, undefined, instance, [], node);
  }
}

/**
 * Runs the function-valued attributes of an element the page or a library renders (`onClick`, `onSubmit`, a
 * render prop, the functions of a spread `{...rest}`): called later with an event, a clean argument here. An
 * attribute naming a method (`onClick={this.save}`) runs the method on its object.
 */
function runHandlers(this: Activation, node: JsxNode, attributes: readonly Attribute[], st: State): void {
  for (const attribute of attributes) {
    const candidates = attribute.name === undefined ? [...(attribute.value?.f?.values() ?? [])] : [attribute.value];
    let ran = false;
    for (const candidate of candidates) {
      for (const fv of functionsOf(candidate)) {
        this.writeLexicalThis(fv, this.invokeFunctionValue(fv, undefined, [], node), st);
        ran = true;
      }
    }
    const expr = attribute.expression && skipOuter(attribute.expression);
    if (ran || attribute.name === undefined || !expr || !ts.isPropertyAccessExpression(expr)) continue;
    for (const decl of this.staticTargets(expr.name)) {
      if (!ts.isMethodDeclaration(decl) || !decl.body || !this.solver.isFirstParty(decl)) continue;
      this.invokeBody(decl, undefined, this.eval(expr.expression, st), [], node);
    }
  }
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const jsxMethods = { evalJsx, evalJsxAttributes, evalJsxChildren, renderElement, componentFunctions, renderClass, runHandlers };
