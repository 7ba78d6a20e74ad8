/**
 * What declarations say about themselves, read syntactically: their names, declared type annotations and
 * `@sink` tags, and each file's facts (typed members, accessors, callable names, heritage, sink members), found
 * in one walk and cached per SourceFile.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { PURPOSES, type Purpose } from "./findings.js";
import { mayBeInjection } from "./models/injectors.js";

/** The purpose named by a declaration's own `@sink` tag. */
export function purposeTag(node: TS.Node): Purpose | undefined {
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== "sink") continue;
    const text = (typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "").trim();
    const word = text.split(/\s+/)[0]?.toLowerCase();
    if (word && (PURPOSES as readonly string[]).includes(word)) return word as Purpose;
  }
  return undefined;
}

/**
 * The type a declaration is declared with: its annotation, or its JSDoc type. `jsDoc: false` says its file has no
 * JSDoc comment (`FileFacts.hasJSDoc`), which spares the JSDoc lookup (a walk up the tree) for each member.
 */
export function declaredTypeNode(decl: TS.Node, jsDoc = true): TS.Node | undefined {
  if (ts.isJSDocPropertyLikeTag(decl)) return decl.typeExpression?.type;
  if (
    ts.isPropertySignature(decl) ||
    ts.isPropertyDeclaration(decl) ||
    ts.isParameter(decl) ||
    ts.isVariableDeclaration(decl) ||
    ts.isGetAccessorDeclaration(decl)
  ) {
    return decl.type ?? (jsDoc ? ts.getJSDocType(decl) : undefined);
  }
  if (!jsDoc) return undefined;
  if (ts.isPropertyAssignment(decl) || ts.isShorthandPropertyAssignment(decl)) return ts.getJSDocType(decl);
  if (ts.isBinaryExpression(decl) || ts.isPropertyAccessExpression(decl)) {
    const statement = ts.isBinaryExpression(decl) ? decl.parent : decl.parent?.parent;
    return statement ? ts.getJSDocTypeTag(statement)?.typeExpression.type : undefined;
  }
  return undefined;
}

export function memberName(name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

export function declarationName(decl: TS.Node): string {
  const name = (decl as { name?: TS.Node }).name;
  if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) return name.text;
  if (ts.isConstructorDeclaration(decl)) return "constructor";
  if (decl.parent && ts.isVariableDeclaration(decl.parent) && ts.isIdentifier(decl.parent.name)) return decl.parent.name.text;
  // An arrow or function expression held by an object literal's property or a class field is known by that name.
  if (decl.parent && (ts.isPropertyAssignment(decl.parent) || ts.isPropertyDeclaration(decl.parent))) return memberName(decl.parent.name) ?? "callback";
  return "callback";
}

/**
 * What one file contributes to the model, found in one walk and cached per SourceFile: the editor's Programs
 * after an edit share unchanged SourceFiles, so only edited files are walked again.
 */
export interface FileFacts {
  /** Property-like declarations that may carry a branded type (decided per model, since aliases are global). */
  typedMembers: { name: string; node: TS.Node; typeNode?: TS.Node }[];
  getters: string[];
  setters: string[];
  /**
   * Fields and parameter properties declared with a named type (`users: UsersService`), or initialised by a DI
   * call (`users = inject(UsersService)`, models/injectors.ts): maybe injected services.
   */
  serviceFields: string[];
  /** Names a call could resolve to in this file. */
  callables: string[];
  /** Each class's heritage clauses, by the name they reference (`implements AnalyticsProvider`). */
  heritage: { name: string; cls: TS.ClassLikeDeclaration; expression: TS.Expression }[];
  /** Names of `@sink` members and of members of `@sink` classes and interfaces. */
  sinkMembers: string[];
  /** JavaScript's type aliases: `@typedef {SecurityContact<string>} Phone` (an object `@typedef` is a type, not an alias). */
  typedefs: { name: string; type: TS.TypeNode }[];
  /** The file has a JSDoc comment (`/**`): without one, no declaration in it has a JSDoc type or tag. */
  hasJSDoc: boolean;
}

/** A type annotation that names a type (`UsersService`, `Repo | undefined`), as a service field's does. */
function namesType(type: TS.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some(namesType);
  return ts.isTypeReferenceNode(type);
}

const fileFacts = new WeakMap<TS.SourceFile, FileFacts>();

export function factsOf(file: TS.SourceFile): FileFacts {
  let facts = fileFacts.get(file);
  if (facts) return facts;
  const found: FileFacts = { typedMembers: [], getters: [], setters: [], serviceFields: [], callables: [], heritage: [], sinkMembers: [], typedefs: [], hasJSDoc: file.text.includes("/**") };
  const javascript = /\.[cm]?jsx?$/.test(file.fileName);
  const tagged = file.text.includes("@sink");
  const visitDoc = (node: TS.Node): void => {
    if (ts.isJSDocPropertyLikeTag(node) && ts.isIdentifier(node.name)) found.typedMembers.push({ name: node.name.text, node });
    else if (ts.isJSDocTypedefTag(node) && node.name && ts.isIdentifier(node.name) && node.typeExpression && ts.isJSDocTypeExpression(node.typeExpression)) {
      found.typedefs.push({ name: node.name.text, type: node.typeExpression.type });
    }
    ts.forEachChild(node, visitDoc);
  };
  const visit = (node: TS.Node): void => {
    const name = (node as { name?: TS.Node }).name;
    const text = name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
    if (text !== undefined) {
      if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isPropertyAssignment(node)) {
        found.typedMembers.push({ name: text, node });
        if (!ts.isPropertyAssignment(node) && (namesType(node.type) || (ts.isPropertyDeclaration(node) && !node.type && mayBeInjection(node.initializer)))) found.serviceFields.push(text);
      } else if (ts.isGetAccessorDeclaration(node)) {
        found.getters.push(text);
        found.typedMembers.push({ name: text, node });
      } else if (ts.isSetAccessorDeclaration(node)) {
        found.setters.push(text);
      }
      if (
        ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node) ||
        ts.isPropertySignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) ||
        ts.isVariableDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isBindingElement(node) || ts.isFunctionExpression(node)
      ) {
        found.callables.push(text);
      }
    }
    if (tagged && (ts.isClassLike(node) || ts.isInterfaceDeclaration(node))) {
      const whole = purposeTag(node) !== undefined;
      for (const member of node.members as readonly (TS.ClassElement | TS.TypeElement)[]) {
        const memberText = member.name ? memberName(member.name) : undefined;
        if (memberText !== undefined && (whole || purposeTag(member))) found.sinkMembers.push(memberText);
      }
    }
    if (ts.isClassLike(node)) {
      for (const clause of node.heritageClauses ?? []) {
        for (const type of clause.types) {
          const expression = type.expression;
          const referenced = ts.isIdentifier(expression) ? expression.text : ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
          if (referenced) found.heritage.push({ name: referenced, cls: node, expression });
        }
      }
    }
    if (javascript && ts.isBinaryExpression(node) && ts.isPropertyAccessExpression(node.left)) {
      // JavaScript: `/** @type {SecurityContact<string>} */ this.phone = phone;`
      const tag = ts.getJSDocTypeTag(node.parent);
      if (tag) found.typedMembers.push({ name: node.left.name.text, node, typeNode: tag.typeExpression.type });
    }
    ts.forEachChild(node, visit);
    // JavaScript: `@typedef` / `@property` blocks hang off whatever statement follows them.
    const docs = (node as { jsDoc?: TS.JSDoc[] }).jsDoc;
    if (docs) for (const doc of docs) ts.forEachChild(doc, visitDoc);
  };
  visit(file);
  facts = found;
  fileFacts.set(file, facts);
  return facts;
}
