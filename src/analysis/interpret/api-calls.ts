/**
 * Calls on a catalogued SDK's or page global's objects (an API path value): catalog sinks reported with their
 * `when` conditions, builder steps kept, requests' responses told apart from what they sent, other SDK calls
 * recorded for the audit; everything else goes on as a library call.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { addTaint, apiStep, type AV, join, type Value } from "../values.js";
import { memberName, type SinkInfo } from "../model.js";
import { plainPath, sinkDisplayName } from "../../catalog/api-path.js";
import { GLOBAL, type CatalogEntry } from "../../catalog/types.js";
import type { Activation } from "./activation.js";
import type { State } from "./state.js";
import { keptByBuilder } from "../models/sdk-builders.js";
import { argumentNodes, skipOuter } from "./util.js";

/**
 * A catalog entry's `when`: the argument's object literal has the property with a matching string value (or,
 * without a property, the argument is such a string).
 */
export function conditionHolds(entry: Pick<CatalogEntry, "when">, node: TS.CallExpression | TS.NewExpression): boolean {
  if (!entry.when) return true;
  const arg = argumentNodes(node)[entry.when.argument];
  if (!arg || !ts.isExpression(arg)) return false;
  let value: TS.Expression | undefined = skipOuter(arg);
  if (entry.when.property !== undefined) {
    if (!ts.isObjectLiteralExpression(value)) return false;
    const property = value.properties.find(
      (p): p is TS.PropertyAssignment | TS.ShorthandPropertyAssignment =>
        (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && memberName(p.name) === entry.when?.property,
    );
    // `{ to, body }`: the shorthand's name stands for the variable, whose initialiser `anyText` follows.
    value = property && (ts.isPropertyAssignment(property) ? skipOuter(property.initializer) : property.name);
  }
  if (entry.when.anyText === true) return value !== undefined && new RegExp(entry.when.pattern, "i").test(spelledWords(value));
  const text = value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) ? value.text : value && ts.isTemplateExpression(value) ? value.head.text : undefined;
  return text !== undefined && new RegExp(entry.when.pattern).test(text);
}

/**
 * Every word an expression spells out: string and template text, identifier and property names, space-separated;
 * a name bound by a variable declared in an enclosing block or the file adds its initialiser's words (one level:
 * `const body = \`Your code is ${otp}\`; messages.create({ to, body })`).
 */
function spelledWords(node: TS.Node, followNames = true): string {
  const words: string[] = [];
  const visit = (child: TS.Node): void => {
    if (ts.isStringLiteralLike(child) || ts.isTemplateLiteralToken(child) || ts.isIdentifier(child) || ts.isPrivateIdentifier(child)) words.push(child.text);
    if (followNames && ts.isIdentifier(child) && !(ts.isPropertyAssignment(child.parent) && child.parent.name === child)) {
      const initializer = localInitializer(child);
      if (initializer) words.push(spelledWords(initializer, false));
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  // camelCase and snake_case names read as words: `verificationCode` is "verification Code".
  return words.join(" ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
}

/** The initialiser of a variable named like `name`, declared in a block or file enclosing it (syntactic, no checker). */
function localInitializer(name: TS.Identifier): TS.Expression | undefined {
  for (let scope: TS.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const found = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name.text);
      if (found?.initializer) return found.initializer;
    }
  }
  return undefined;
}

/** A call on a third-party API object: a catalog sink if its path matches; otherwise a library call that keeps the path. */
function apiCall(
  this: Activation,
  node: TS.CallExpression,
  calleeValue: Value,
  nameNode: TS.Node | undefined,
  receiverExpr: TS.Expression | undefined,
  receiver: AV,
  args: AV[],
  st: State,
): AV {
  // An emitter, a queue, a task: a registry's operation (models/registries.ts); a hook (models/react.ts).
  const registered = this.registryCall(node, calleeValue, receiverExpr, receiver, args, st) ?? this.statefulCall(node, calleeValue, args, st);
  if (registered) return registered.value;
  // A vendor's response (ids, statuses) is not the identifier that was sent; a builder (`Identify().set(…)`,
  // `UserData().setPhone(…)`) keeps what it was given, and other API calls pass taint on.
  const matched = this.reportCatalogSinks(node, calleeValue, args);
  // A builder step (`userData.setPhone(x)`) keeps what it was given in the builder the program holds.
  const kept = receiverExpr ? keptByBuilder(matched, args) : undefined;
  if (kept && receiverExpr) this.copyOut(receiverExpr, receiver, this.libraryStep(addTaint(receiver, kept), node, `kept in the builder by ${nameNode?.getText() ?? "a builder step"}`), st);
  const request = this.httpRequest(node, calleeValue, args);
  if (matched.length === 0) this.recordOtherApiCall(node, calleeValue);
  if (matched.length > 0 && !matched.some((entry) => entry.fluent === true || entry.path.endsWith("*"))) return join(apiStep(calleeValue, "()"), request);
  // An HTTP response is the server's answer, not the request (like a database query's row): what the request
  // sent does not come back in it, unless the code says so by typing the response with a branded type. Its
  // callbacks (`https.get(url, (res) => …)`) still run.
  const sent = this.isHttpRequest(calleeValue) ? args.map((arg) => (arg?.fn ? { fn: arg.fn } : undefined)) : args;
  const result = this.libraryCall(node, nameNode, receiverExpr, receiver, sent, undefined, st);
  return join(join(result, apiStep(calleeValue, "()")), request);
}

function reportCatalogSinks(this: Activation, node: TS.CallExpression | TS.NewExpression, calleeValue: Value, args: AV[]): CatalogEntry[] {
  const reported = new Set<CatalogEntry>();
  for (const path of calleeValue.api ?? []) {
    for (const entry of this.solver.catalog.match(path)) {
      if (reported.has(entry) || !conditionHolds(entry, node)) continue;
      reported.add(entry);
      const sink: SinkInfo = {
        purpose: entry.purpose,
        callee: sinkDisplayName(entry.vendor, entry.path),
        fingerprintName: `${entry.vendor} ${entry.path}`,
        origin: this.solver.configSinks.has(entry) ? "config" : "catalog",
        vendor: entry.vendor,
        api: entry.module,
      };
      if (entry.arguments) sink.arguments = entry.arguments;
      if (entry.destinationKeys) sink.destinationKeys = entry.destinationKeys;
      this.solver.reportSink(node, sink, args, argumentNodes(node));
    }
  }
  return [...reported];
}

/** A call of an HTTP client that sends a request (`fetch`, `axios.post`, `got`), not one that makes a client. */
function isHttpRequest(this: Activation, calleeValue: Value): boolean {
  return [...(calleeValue.api ?? [])].some((path) => this.solver.http.match(path).some((entry) => entry.returns !== "client"));
}

/** For the audit: a call into a catalogued SDK or page global that is no sink (`posthog.isFeatureEnabled(…)`). */
function recordOtherApiCall(this: Activation, node: TS.CallExpression, calleeValue: Value): void {
  const catalog = this.solver.catalog;
  for (const path of calleeValue.api ?? []) {
    const bar = path.indexOf("|");
    const module = path.slice(0, bar);
    if (!catalog.modules.has(module)) continue;
    const plain = plainPath(path.slice(bar + 1));
    if (module === GLOBAL && !catalog.globals.has(/^[^.(]*/.exec(plain)?.[0] ?? "")) continue;
    this.solver.otherApiCall(`${module}|${plain}`, node);
  }
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const apiCallMethods = { apiCall, reportCatalogSinks, recordOtherApiCall, isHttpRequest };
