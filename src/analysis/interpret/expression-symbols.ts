/**
 * Symbols of identifiers in expressions, shared between identifiers that must resolve alike. The checker resolves
 * a name by walking up every ancestor, so asking it for each operand of an n-term `a + a + …` chain or each callee
 * of n nested calls `id(id(…))` costs n² (minutes at 50,000). Name resolution depends only on the name and on the
 * scopes around it: the nearest enclosing node that holds declarations (the binder's `locals`) and which of its
 * children the identifier lies in (a parameter's default and the body see different names). Identifiers in plain
 * value positions with the same name and the same such place get the symbol the checker gave the first of them.
 */
import type TS from "typescript";
import ts from "../../typescript.js";

interface Place {
  scope: TS.Node;
  child: TS.Node;
}

const places = new WeakMap<TS.Node, Place>();
const symbolsByPlace = new WeakMap<TS.Node, Map<TS.Node, Map<string, TS.Symbol | undefined>>>();

/** `lookup(node)`, shared between identifiers in value positions that resolve alike (see above). */
export function symbolOfExpressionName(node: TS.Node, lookup: (node: TS.Node) => TS.Symbol | undefined): TS.Symbol | undefined {
  if (!ts.isIdentifier(node) || !inValuePosition(node)) return lookup(node);
  const { scope, child } = placeOf(node);
  let byChild = symbolsByPlace.get(scope);
  if (!byChild) symbolsByPlace.set(scope, (byChild = new Map<TS.Node, Map<string, TS.Symbol | undefined>>()));
  let names = byChild.get(child);
  if (!names) byChild.set(child, (names = new Map<string, TS.Symbol | undefined>()));
  if (names.has(node.text)) return names.get(node.text);
  const symbol = lookup(node);
  names.set(node.text, symbol);
  return symbol;
}

/** Where an identifier is read as a value, as an operand, callee, argument, element or receiver. */
function inValuePosition(node: TS.Identifier): boolean {
  const parent = node.parent;
  switch (parent.kind) {
    case ts.SyntaxKind.BinaryExpression:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.SpreadElement:
    case ts.SyntaxKind.ConditionalExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.TemplateSpan:
    case ts.SyntaxKind.ReturnStatement:
      return true;
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
      return (parent as TS.CallExpression).expression === node || ((parent as TS.CallExpression).arguments?.includes(node) ?? false);
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.AsExpression:
      return (parent as TS.PropertyAccessExpression | TS.AsExpression).expression === node;
    case ts.SyntaxKind.PropertyAssignment:
      return (parent as TS.PropertyAssignment).initializer === node;
    default:
      return false;
  }
}

/** The nearest ancestor holding declarations and its child on the way; remembered along the path (linear). */
function placeOf(start: TS.Node): Place {
  const path: TS.Node[] = [];
  let node = start;
  let place: Place | undefined;
  while (place === undefined) {
    const known = places.get(node);
    if (known) place = known;
    else {
      path.push(node);
      const parent: TS.Node | undefined = node.parent;
      if (parent === undefined) place = { scope: node, child: node };
      else if ((parent as { locals?: unknown }).locals !== undefined || ts.isSourceFile(parent)) place = { scope: parent, child: node };
      else node = parent;
    }
  }
  // The scope's child is shared by every identifier below it; every 8th node on a long path keeps a deep chain
  // linear (a later walk meets a remembered node within 8 steps) without a WeakMap entry per node walked.
  if (path.length > 0) places.set(path[path.length - 1]!, place);
  for (let i = 7; i < path.length - 1; i += 8) places.set(path[i]!, place);
  return place;
}
