/**
 * Recognising calls of `declassify`, shared by `declassify-needs-reason` (which checks them) and `no-brand-cast`
 * (which leaves assertions inside them alone). Syntax and scope only: no type information needed.
 */

import { ASTUtils, AST_NODE_TYPES } from "@typescript-eslint/utils";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";

export const DECLASSIFY = "declassify";

/**
 * True for `declassify(…)`, `purpose.declassify(…)`, and calls through an import renamed from `declassify`
 * (`import { declassify as allow } from "purpose-lint"`), whichever module exports it (the package's or a
 * vendored copy).
 */
export function isDeclassifyCall(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    return callee.computed
      ? callee.property.type === AST_NODE_TYPES.Literal && callee.property.value === DECLASSIFY
      : callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === DECLASSIFY;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  if (callee.name === DECLASSIFY) return true;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee.name);
  return (
    variable?.defs.some(
      (definition) =>
        definition.node.type === AST_NODE_TYPES.ImportSpecifier &&
        importedName(definition.node) === DECLASSIFY,
    ) ?? false
  );
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

/** True when `node` lies in the arguments of a `declassify` call or in the body of a function named `declassify`. */
export function isInsideDeclassify(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent != null; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee !== child && isDeclassifyCall(parent, sourceCode)) return true;
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (functionName(parent) === DECLASSIFY) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function functionName(
  node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
): string | undefined {
  if (node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.Property ||
      parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.key.name;
  }
  return undefined;
}
