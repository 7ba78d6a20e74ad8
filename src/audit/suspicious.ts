/**
 * Suspicious fields: properties that look like security contacts (`mfaPhone`, `otpPhone`, `phoneForVerification`,
 * `backupEmail`, `recoveryEmail`) but are not branded `SecurityContact<T>` — typed as a plain `string` instead, so
 * the analysis cannot follow them. Found syntactically, with no type queries:
 *
 * - in the program's first-party TypeScript/JavaScript files: property signatures (interfaces, type literals),
 *   class property declarations and constructor parameter properties whose annotation is `string` (optionally with
 *   `| null` / `| undefined`);
 * - in Prisma schemas (`*.prisma` under the project directory, node_modules and dot-directories skipped): model
 *   fields of type `String` / `String?` without a `/// @purpose security` comment above or beside them.
 */
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import type { Location } from "../analysis/findings.js";
import { firstPartySourceFiles } from "../suppressions.js";
import ts from "../typescript.js";

/** Names that say "this contact is for account security". Matched with `_` and `-` removed. */
export const SUSPICIOUS_NAME_PATTERNS: readonly RegExp[] = [
  /^(mfa|otp|twofactor|2fa|backup|recovery|verification|security)(phone|email|number|contact)/i,
  /(phone|email)for(verification|recovery|mfa|2fa|otp)/i,
];

export interface SuspiciousField {
  /** "User.mfaPhone", "model User.backupEmail". */
  name: string;
  /** The property name alone. */
  property: string;
  /** The declared type as written ("string", "String?"). */
  type: string;
  kind: "typescript" | "prisma";
  location: Location;
}

/** True when a property name looks like a security contact. */
export function looksLikeSecurityContact(name: string): boolean {
  const squashed = name.replace(/[_-]/g, "");
  return SUSPICIOUS_NAME_PATTERNS.some((pattern) => pattern.test(squashed));
}

/** Suspicious fields in the program's first-party files and in Prisma schemas under `projectDirectory`. */
export function findSuspiciousFields(program: TS.Program, projectDirectory?: string): SuspiciousField[] {
  // A generated Prisma client repeats each column in a dozen input and aggregate types: its schema is scanned instead.
  const found = firstPartySourceFiles(program)
    .filter((file) => !PRISMA_GENERATED.test(file.text.slice(0, 200)))
    .flatMap(scanSourceFile);
  if (projectDirectory !== undefined) {
    for (const file of prismaSchemas(projectDirectory)) found.push(...scanPrismaSchema(file, fs.readFileSync(file, "utf8")));
  }
  return found.sort(
    (a, b) =>
      (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column,
  );
}

/**
 * Property signatures, class properties and parameter properties typed as plain strings. Walks with its own
 * context (the enclosing named type, whether the parent is a constructor), so it works on files without parent
 * pointers too.
 */
export function scanSourceFile(file: TS.SourceFile): SuspiciousField[] {
  const found: SuspiciousField[] = [];
  const visit = (node: TS.Node, owner: string | undefined, inConstructor: boolean): void => {
    const candidate =
      ts.isPropertySignature(node) ||
      ts.isPropertyDeclaration(node) ||
      (ts.isParameter(node) && inConstructor && hasPropertyModifier(node));
    if (candidate) {
      const { name, type } = node;
      const property = propertyName(name);
      if (property !== undefined && type !== undefined && isPlainString(type) && looksLikeSecurityContact(property)) {
        const start = file.getLineAndCharacterOfPosition(name.getStart(file));
        const end = file.getLineAndCharacterOfPosition(node.getEnd());
        found.push({
          name: owner === undefined ? property : `${owner}.${property}`,
          property,
          type: type.getText(file),
          kind: "typescript",
          location: {
            file: file.fileName,
            line: start.line + 1,
            column: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
          },
        });
      }
    }
    const named =
      ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isTypeAliasDeclaration(node)
        ? node.name?.text
        : ts.isClassExpression(node) || (ts.isFunctionLike(node) && !ts.isConstructorDeclaration(node))
          ? undefined
          : owner;
    const constructor = ts.isConstructorDeclaration(node);
    ts.forEachChild(node, (child) => { visit(child, named, constructor); });
  };
  visit(file, undefined, false);
  return found;
}

export function hasPropertyModifier(parameter: TS.ParameterDeclaration): boolean {
  return (
    ts.getModifiers(parameter)?.some(
      (m) =>
        m.kind === ts.SyntaxKind.PublicKeyword ||
        m.kind === ts.SyntaxKind.PrivateKeyword ||
        m.kind === ts.SyntaxKind.ProtectedKeyword ||
        m.kind === ts.SyntaxKind.ReadonlyKeyword,
    ) ?? false
  );
}

function propertyName(name: TS.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** `string`, `string | null`, `string | undefined`, `(string)`. */
export function isPlainString(type: TS.TypeNode): boolean {
  if (type.kind === ts.SyntaxKind.StringKeyword) return true;
  if (ts.isParenthesizedTypeNode(type)) return isPlainString(type.type);
  if (ts.isUnionTypeNode(type)) {
    let sawString = false;
    for (const member of type.types) {
      if (isPlainString(member)) sawString = true;
      else if (
        !(member.kind === ts.SyntaxKind.UndefinedKeyword) &&
        !(ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword)
      ) {
        return false;
      }
    }
    return sawString;
  }
  return false;
}

/** `*.prisma` files under `directory`, node_modules and dot-directories skipped, sorted. */
export function prismaSchemas(directory: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > 12) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".prisma")) out.push(full);
    }
  };
  visit(directory, 0);
  return out.sort();
}

const PURPOSE_SECURITY = /@purpose\s+security\b/;
/** The banner on every file Prisma's `prisma-client` generator writes. */
const PRISMA_GENERATED = /This is code generated by Prisma\. Do not edit directly/;

/** Model fields of a Prisma schema that look like security contacts but carry no `/// @purpose security`. */
export function scanPrismaSchema(file: string, text: string): SuspiciousField[] {
  const found: SuspiciousField[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let model: string | undefined;
  let docs: string[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (model === undefined) {
      const open = /^model\s+(\w+)\s*\{/.exec(line);
      if (open !== null) model = open[1];
      docs = [];
      return;
    }
    if (line.startsWith("}")) {
      model = undefined;
      docs = [];
      return;
    }
    if (line.startsWith("///")) {
      docs.push(line);
      return;
    }
    if (line === "" || line.startsWith("//") || line.startsWith("@@")) {
      if (!line.startsWith("//")) docs = [];
      return;
    }
    const field = /^(\w+)\s+([\w.]+(?:\[\])?\??)(.*)$/.exec(line);
    const fieldDocs = docs;
    docs = [];
    if (field === null) return;
    const [, name = "", type = "", rest = ""] = field;
    if (!/^String\??$/.test(type) || !looksLikeSecurityContact(name)) return;
    if (fieldDocs.some((doc) => PURPOSE_SECURITY.test(doc)) || PURPOSE_SECURITY.test(rest)) return;
    const column = raw.indexOf(name) + 1;
    found.push({
      name: `model ${model}.${name}`,
      property: name,
      type,
      kind: "prisma",
      location: { file, line: index + 1, column, endLine: index + 1, endColumn: raw.length + 1 },
    });
  });
  return found;
}
