/**
 * Which fields `adopt` brands: the candidates with usage evidence (src/discovery/) that are not dual-use, or the
 * fields named on the command line (`--field User.phoneNumber`), found as TypeScript declarations (interface and
 * type-literal members, class properties, constructor parameter properties) and as Prisma model fields.
 */
import fs from "node:fs";
import type TS from "typescript";
import ts from "../typescript.js";
import { hasPropertyModifier, prismaSchemas } from "../audit/suspicious.js";
import { locationOf } from "../analysis/locations.js";
import type { Candidate } from "../discovery/discover.js";
import { fieldKey } from "../discovery/candidate-fields.js";
import { prismaModelOf } from "../analysis/prisma-columns.js";
import { firstPartySourceFiles } from "../suppressions.js";

export interface FieldTarget {
  /** "User.phone". */
  field: string;
  /** Absolute path of the declaring file. */
  file: string;
  /** Start of the declaration (its name, modifiers included): how the rewriter finds it again. */
  start: number;
  line: number;
  /** Why it is chosen: "named with --field", or the security use it reaches (`use`). */
  reason: string;
  use?: { callee: string; file: string; line: number };
}

export interface PrismaTarget {
  /** "User.phone". */
  field: string;
  file: string;
  model: string;
  property: string;
}

export interface Selection {
  fields: FieldTarget[];
  prisma: PrismaTarget[];
  /** Fields not chosen, and why (dual-use, not found). */
  notes: string[];
}

type FieldDeclaration = TS.PropertySignature | TS.PropertyDeclaration | TS.ParameterDeclaration;

/** Every first-party field declaration by its key ("User.phone"). */
function fieldDeclarations(program: TS.Program): Map<string, FieldDeclaration[]> {
  const found = new Map<string, FieldDeclaration[]>();
  for (const file of firstPartySourceFiles(program)) {
    const visit = (node: TS.Node): void => {
      const field =
        ts.isPropertySignature(node) ||
        ts.isPropertyDeclaration(node) ||
        (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && hasPropertyModifier(node));
      // A generated Prisma client's column is branded in the schema (`/// @purpose security`), never in the client.
      if (field && prismaModelOf(node) === undefined) {
        const key = fieldKey(node);
        found.set(key, [...(found.get(key) ?? []), node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

function target(decl: FieldDeclaration, field: string, reason: string, use?: FieldTarget["use"]): FieldTarget {
  const file = decl.getSourceFile();
  const start = decl.getStart(file);
  return { field, file: file.fileName, start, line: file.getLineAndCharacterOfPosition(start).line + 1, reason, ...(use ? { use } : {}) };
}

/** The fields named with `--field Type.field`: TypeScript declarations and Prisma model fields of that name. */
export function selectNamed(program: TS.Program, names: readonly string[], projectDirectory: string): Selection {
  const declarations = fieldDeclarations(program);
  const schemas = prismaSchemas(projectDirectory).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
  const selection: Selection = { fields: [], prisma: [], notes: [] };
  for (const name of names) {
    const dot = name.lastIndexOf(".");
    const decls = declarations.get(name) ?? [];
    for (const decl of decls) selection.fields.push(target(decl, name, "named with --field"));
    const [model, property] = [name.slice(0, dot), name.slice(dot + 1)];
    const inPrisma = dot > 0 ? schemas.filter((schema) => prismaFieldLine(schema.text, model, property) !== undefined) : [];
    for (const schema of inPrisma) selection.prisma.push({ field: name, file: schema.file, model, property });
    if (decls.length === 0 && inPrisma.length === 0) selection.notes.push(`--field ${name}: no such field (Type.field) in the program's files or a Prisma schema`);
  }
  return selection;
}

/** The usage candidates that are not dual-use; dual-use ones are named in the notes, to be chosen with --field. */
export function selectCandidates(program: TS.Program, candidates: readonly Candidate[], projectDirectory: string): Selection {
  const declarations = fieldDeclarations(program);
  const selection: Selection = { fields: [], prisma: [], notes: [] };
  let schemas: { file: string; text: string }[] | undefined;
  for (const candidate of candidates) {
    if (candidate.evidence !== "usage") continue;
    if (candidate.dualUse) {
      const other = candidate.otherSinks.map((flow) => `${flow.callee} (${flow.purpose})`).join(", ");
      selection.notes.push(`${candidate.field}: dual-use (also reaches ${other}); not branded — decide, then pass --field ${candidate.field}`);
      continue;
    }
    if (candidate.prismaModel !== undefined) {
      // A column of a generated Prisma client: tagged in the schema it was generated from.
      schemas ??= prismaSchemas(projectDirectory).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
      const property = candidate.property;
      const inPrisma = schemas.filter((schema) => prismaFieldLine(schema.text, candidate.prismaModel!, property) !== undefined);
      for (const schema of inPrisma) selection.prisma.push({ field: candidate.field, file: schema.file, model: candidate.prismaModel, property });
      if (inPrisma.length === 0) selection.notes.push(`${candidate.field}: a Prisma column, but no schema.prisma under the project declares it; tag it /// @purpose security there`);
      continue;
    }
    const first = candidate.securityUses[0];
    const use = first && { callee: first.callee, file: first.location.file, line: first.location.line };
    // The candidate's own declaration: a bare name (an anonymous type literal's member) can have several in a file.
    const declaredAt = candidate.declaredAt;
    const decls = (declarations.get(candidate.field) ?? []).filter((decl) => {
      const at = locationOf(decl);
      return at.file === declaredAt?.file && at.line === declaredAt.line && at.column === declaredAt.column;
    });
    for (const decl of decls) selection.fields.push(target(decl, candidate.field, "reaches a security use", use));
  }
  return selection;
}

/** 0-based line index of `property` inside `model Model { … }` in a Prisma schema, if there is one. */
export function prismaFieldLine(text: string, model: string, property: string): number | undefined {
  const lines = text.split("\n");
  let inModel = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!inModel) {
      inModel = new RegExp(`^model\\s+${escape(model)}\\s*\\{`).test(line);
      continue;
    }
    if (line.startsWith("}")) inModel = false;
    else if (new RegExp(`^${escape(property)}\\s+\\w`).test(line)) return i;
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
