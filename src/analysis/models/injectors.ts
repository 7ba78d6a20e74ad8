/**
 * Dependency-injection functions, as data: a call that hands back the framework's instance of the class an
 * argument names — Angular's `inject(AnalyticsService)` in a field initialiser or an injection context,
 * typedi's `Container.get(Service)`, tsyringe's `container.resolve(Service)`. Such an instance is what the
 * framework made, like a constructor parameter `constructor(private readonly svc: Service)` (field-cells.ts):
 * the call's value is UNKNOWN (any object of its class, whose fields hold what the program writes to them), and
 * a field initialised with it is a service field whose own fields are read from their cells.
 */
import type TS from "typescript";
import ts from "../../typescript.js";

export interface Injector {
  /** Module specifiers as imported. */
  modules: readonly string[];
  /** The callee's access path from the import: "inject", "Container.get". */
  path: string;
  /** The argument naming the class (the token). */
  token: number;
}

export const INJECTORS: readonly Injector[] = [
  { modules: ["@angular/core"], path: "inject", token: 0 },
  { modules: ["typedi"], path: "Container.get", token: 0 },
  { modules: ["tsyringe"], path: "container.resolve", token: 0 },
];

/** The callees' last names: a call of any other name is no injection, without a checker query. */
export const INJECTOR_NAMES: ReadonlySet<string> = new Set(INJECTORS.map((i) => i.path.slice(i.path.lastIndexOf(".") + 1)));

/** Whether an expression is shaped like an injector call (`inject(Service)`): the syntactic filter before the checker. */
export function mayBeInjection(node: TS.Expression | undefined): node is TS.CallExpression {
  if (!node || !ts.isCallExpression(node) || node.arguments.length === 0) return false;
  const callee = node.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && INJECTOR_NAMES.has(name);
}

const INJECTOR_MODULES: ReadonlySet<string> = new Set(INJECTORS.flatMap((i) => i.modules));
const importsInjector = new WeakMap<TS.SourceFile, boolean>();

/** Whether a file imports an injector's module: `map.get(key)` elsewhere costs no checker query. */
function fileImportsInjector(file: TS.SourceFile): boolean {
  let answer = importsInjector.get(file);
  if (answer === undefined) {
    answer = file.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && INJECTOR_MODULES.has(s.moduleSpecifier.text));
    importsInjector.set(file, answer);
  }
  return answer;
}

/** The injector a call's callee is, by the import its head names (`inject` from "@angular/core", renamed or not). */
function injectorOf(call: TS.CallExpression, checker: TS.TypeChecker): Injector | undefined {
  if (!fileImportsInjector(call.getSourceFile())) return undefined;
  const names: string[] = [];
  let head: TS.Expression = call.expression;
  for (; ts.isPropertyAccessExpression(head); head = head.expression) names.unshift(head.name.text);
  if (!ts.isIdentifier(head)) return undefined;
  const declaration = checker.getSymbolAtLocation(head)?.declarations?.[0];
  if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
  const specifier = declaration.parent.parent.parent.moduleSpecifier;
  if (!ts.isStringLiteral(specifier)) return undefined;
  const path = [(declaration.propertyName ?? declaration.name).text, ...names].join(".");
  return INJECTORS.find((injector) => injector.path === path && injector.modules.includes(specifier.text));
}

/** The first-party classes an injector call names by its token argument; undefined when the call is no injection. */
export function injectedClasses(call: TS.CallExpression, checker: TS.TypeChecker, isFirstParty: (node: TS.Node) => boolean): TS.ClassLikeDeclaration[] | undefined {
  const injector = injectorOf(call, checker);
  const token = injector && call.arguments[injector.token];
  if (!token) return undefined;
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(token) ? token.name : token);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const classes = (symbol?.declarations ?? []).filter((d): d is TS.ClassLikeDeclaration => ts.isClassLike(d) && isFirstParty(d));
  return classes.length > 0 ? classes : undefined;
}
