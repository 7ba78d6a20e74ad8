/**
 * Static evaluation of the URL of an HTTP client call, cheap and syntactic: string literals, templates whose
 * spans are known, `+` concatenation, `const` identifiers with such initialisers (across files, through
 * imports), properties of `const` object literals, `new URL(path, base)` and its `href` / `toString()`, and the
 * alternatives of `a ?? b`, `a || b` and `c ? a : b`, and what a first-party function returns (`capiUrl()`,
 * `endpoint(pixelId)`: its return expressions with the call's arguments in place of its parameters). What cannot be known becomes a hole (`HOLE`), which only
 * a wildcard of an endpoint pattern matches. Run only on the URL arguments of known HTTP clients, so its cost is
 * per request call, never per node.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { HOLE, resolveUrl } from "../catalog/http/url-pattern.js";

/** Marks a parameter of the function being analysed in a URL template: PARAM + index + PARAM. */
export const PARAM = "\u0001";

/** More alternatives than this collapse into one hole. */
const MAX_CANDIDATES = 8;
/** Identifier and property hops followed before giving up. */
const MAX_DEPTH = 8;

export class StaticUrls {
  /** The function whose parameters become PARAM markers instead of holes (see `stringsIn`). */
  private scope: TS.SignatureDeclaration | undefined;
  /** Parameters of the functions whose returns are being evaluated, bound to the strings of their arguments. */
  private readonly bound = new Map<TS.ParameterDeclaration, string[]>();

  constructor(private readonly checker: TS.TypeChecker) {}

  /**
   * `strings`, where a parameter of `scope` (the function the URL is evaluated in) becomes a marker: a wrapper
   * `post(url, body)` that fetches `url` is known to forward its first parameter, and its callers' arguments
   * complete the URL (see models/http-requests.ts).
   */
  stringsIn(expr: TS.Expression, scope: TS.SignatureDeclaration | undefined): string[] {
    const saved = this.scope;
    this.scope = scope;
    try {
      return this.strings(expr);
    } finally {
      this.scope = saved;
    }
  }

  /** The strings an expression may evaluate to, each maybe with holes; `[HOLE]` when nothing is known. */
  strings(expr: TS.Expression, depth = 0): string[] {
    const out = this.evaluate(expr, depth);
    return out.length === 0 || out.length > MAX_CANDIDATES ? [HOLE] : out;
  }

  /**
   * The expression a property of an object-valued expression holds: `{ url: "…" }` written in place or in a
   * `const` (`axios(config)` with `const config = { url }`); undefined when the object is not known statically.
   */
  property(expr: TS.Expression, name: string, depth = 0): TS.Expression | undefined {
    const object = this.objectLiteral(expr, depth);
    if (!object) return undefined;
    for (const p of object.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
    }
    return undefined;
  }

  /** The object literal an expression statically is, through `const` identifiers. */
  objectLiteral(expr: TS.Expression, depth = 0): TS.ObjectLiteralExpression | undefined {
    const inner = skipWrappers(expr);
    if (ts.isObjectLiteralExpression(inner)) return inner;
    if (depth < MAX_DEPTH && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) {
      const init = this.constInitializer(inner, depth);
      return init ? this.objectLiteral(init, depth + 1) : undefined;
    }
    return undefined;
  }

  private evaluate(expr: TS.Expression, depth: number): string[] {
    const node = skipWrappers(expr);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
    if (depth >= MAX_DEPTH) return [HOLE];
    if (ts.isTemplateExpression(node)) {
      let out = [node.head.text];
      for (const span of node.templateSpans) out = concat(concat(out, this.strings(span.expression, depth + 1)), [span.literal.text]);
      return out;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken) return concat(this.strings(node.left, depth + 1), this.strings(node.right, depth + 1));
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return union(this.strings(node.left, depth + 1), this.strings(node.right, depth + 1));
      return [HOLE];
    }
    if (ts.isConditionalExpression(node)) return union(this.strings(node.whenTrue, depth + 1), this.strings(node.whenFalse, depth + 1));
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "URL") return this.newUrl(node, depth);
    if (ts.isCallExpression(node)) {
      // `url.toString()`, `String(url)`: the same text.
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "toString" && node.arguments.length === 0) return this.strings(callee.expression, depth + 1);
      if (ts.isIdentifier(callee) && callee.text === "String" && node.arguments.length === 1 && node.arguments[0]) return this.strings(node.arguments[0], depth + 1);
      return this.returned(node, depth);
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === "href") {
      const target = skipWrappers(node.expression);
      const init = ts.isIdentifier(target) ? this.constInitializer(target, depth) : target;
      if (init && ts.isNewExpression(skipWrappers(init))) return this.strings(init, depth + 1);
    }
    if (ts.isIdentifier(node) && (this.scope || this.bound.size > 0)) {
      const decl = this.checker.getSymbolAtLocation(node)?.valueDeclaration;
      const bound = decl && ts.isParameter(decl) ? this.bound.get(decl) : undefined;
      if (bound) return bound;
      if (decl && ts.isParameter(decl) && decl.parent === this.scope && ts.isIdentifier(decl.name)) return [`${PARAM}${String(this.scope.parameters.indexOf(decl))}${PARAM}`];
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const init = this.constInitializer(node, depth);
      return init ? this.strings(init, depth + 1) : [HOLE];
    }
    return [HOLE];
  }

  /**
   * What a call of a first-party function returns: the union of its return expressions (an arrow's body), each
   * parameter standing for the strings of its argument. Functions of libraries and declarations have no body:
   * a hole.
   */
  private returned(node: TS.CallExpression, depth: number): string[] {
    const callee = this.checker.getResolvedSignature(node)?.declaration;
    if (!callee || ts.isJSDocSignature(callee) || !("body" in callee) || !callee.body) return [HOLE];
    const body = callee.body;
    if (callee.parameters.some((p) => this.bound.has(p))) return [HOLE]; // recursion
    const returns = ts.isBlock(body) ? returnExpressions(body) : [body];
    if (returns.length === 0) return [HOLE];
    callee.parameters.forEach((p, i) => {
      const arg = node.arguments[i];
      this.bound.set(p, arg && !ts.isSpreadElement(arg) ? this.strings(arg, depth + 1) : p.initializer ? this.strings(p.initializer, depth + 1) : [HOLE]);
    });
    try {
      let out: string[] = [];
      for (const expr of returns) out = union(out, this.strings(expr, depth + 1));
      return out;
    } finally {
      for (const p of callee.parameters) this.bound.delete(p);
    }
  }

  /** `new URL(path, base)`: the path resolved against each base. */
  private newUrl(node: TS.NewExpression, depth: number): string[] {
    const [pathArg, baseArg] = node.arguments ?? [];
    if (!pathArg) return [HOLE];
    const paths = this.strings(pathArg, depth + 1);
    if (!baseArg) return paths;
    const out: string[] = [];
    for (const base of this.strings(baseArg, depth + 1)) {
      for (const path of paths) out.push(resolveUrl(path, base) ?? HOLE);
    }
    return out;
  }

  /**
   * The initialiser behind a `const` identifier (followed through imports), a property of a `const` object
   * literal (`ENDPOINTS.capi`, `ENDPOINTS["capi"]`), or undefined.
   */
  private constInitializer(node: TS.Expression, depth: number): TS.Expression | undefined {
    if (ts.isIdentifier(node)) {
      let symbol = ts.isShorthandPropertyAssignment(node.parent) ? this.checker.getShorthandAssignmentValueSymbol(node.parent) : this.checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
      const decl = symbol?.valueDeclaration;
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
      const list = decl.parent;
      return ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? decl.initializer : undefined;
    }
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression) ? node.argumentExpression.text : undefined;
    if (name === undefined) return undefined;
    return this.property((node as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression, name, depth + 1);
  }
}

/** The expressions a function body returns, not those of functions nested in it. */
function returnExpressions(body: TS.Block): TS.Expression[] {
  const out: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node)) {
      if (node.expression) out.push(node.expression);
      return;
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

function skipWrappers(expr: TS.Expression): TS.Expression {
  let node = expr;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
  return node;
}

function propertyNameText(name: TS.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : undefined;
}

/** Every left followed by every right, adjacent holes merged. */
function concat(left: readonly string[], right: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of left) for (const b of right) out.push(`${a}${b}`.replace(/\u0000+/g, HOLE));
  return out.length > MAX_CANDIDATES ? [HOLE] : out;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
