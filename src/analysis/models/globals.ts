/**
 * The global scope as an API root. A page's snippets define globals (`fbq`, `gtag`, `dataLayer`, `analytics`);
 * the catalog lists them under the pseudo-module `GLOBAL`, and a read of such a name is that API's root however
 * it is reached: bare (`fbq`), off the global object (`window.fbq`, `globalThis.gtag`, `self.ttq`), or through a
 * local alias of either (the root flows like any value). Only names some entry starts with get a root, and a
 * bare name only when the program does not declare it itself: undeclared, or declared ambiently (`declare const
 * fbq`, `interface Window`, an `@types/*` package), so a first-party `const analytics = …` stays what it is.
 * `arguments` is modelled here too: the snippets' `function gtag(){ dataLayer.push(arguments) }` forwards it.
 */
import type TS from "typescript";
import ts from "../../typescript.js";
import { GLOBAL } from "../../catalog/types.js";
import { apiRoot, type AV, type Value } from "../values.js";
import { tuple } from "../containers.js";
import type { Activation } from "../interpret/activation.js";
import { skipOuter } from "../interpret/util.js";

/** Names of the global object itself. */
const GLOBAL_OBJECTS = new Set(["window", "globalThis", "self", "global"]);

/** True when a symbol is the platform's, not the program's: undeclared, declared ambiently or in a library. */
function isAmbient(this: Activation, symbol: TS.Symbol | undefined): boolean {
  if (!symbol) return true;
  const decls = symbol.declarations ?? [];
  return decls.every((decl) => !this.solver.isFirstParty(decl) || decl.getSourceFile().isDeclarationFile || inDeclareContext(decl));
}

/** Under a `declare` modifier: `declare const fbq`, `declare global { var dataLayer }`. */
function inDeclareContext(decl: TS.Node): boolean {
  return ts.findAncestor(decl, (node) => ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false)) !== undefined;
}

/** A bare global's API root: `fbq`, `dataLayer` when the program does not declare them itself. */
function globalRoot(this: Activation, id: TS.Identifier, symbol: TS.Symbol | undefined): Value | undefined {
  if (!this.solver.apiGlobals.has(id.text) || !this.isAmbient(symbol)) return undefined;
  return apiRoot(GLOBAL, id.text);
}

/** A property of the global object that is a catalogued global: `window.fbq`, `globalThis["gtag"]`. */
function globalMember(this: Activation, objectExpr: TS.Expression, name: string): Value | undefined {
  if (!this.solver.apiGlobals.has(name)) return undefined;
  const object = skipOuter(objectExpr);
  if (!ts.isIdentifier(object) || !GLOBAL_OBJECTS.has(object.text)) return undefined;
  return this.isAmbient(this.symbolAt(object)) ? apiRoot(GLOBAL, name) : undefined;
}

/** `arguments` of the running (non-arrow) function: the arguments it was called with, by position. */
function argumentsValue(this: Activation): AV {
  if (!ts.isArrowFunction(this.fn)) return tuple(this.args);
  return this.closure?.argumentsValue();
}

/** The methods this room adds to `Activation` (attached in activation.ts). */
export const globalMethods = { isAmbient, globalRoot, globalMember, argumentsValue };
