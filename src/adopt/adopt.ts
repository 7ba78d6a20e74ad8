/**
 * `purpose-lint adopt`, the work without the command line: choose the fields (select.ts), brand them with
 * ts-morph (rewrite.ts) and tag Prisma fields (prisma.ts), keep only brands that leave the program type-correct
 * (typecheck.ts: every new type error is pinned on the field whose brand caused it, and that field is skipped),
 * then analyse the branded program in memory and name the violations the new brands reveal.
 */
import fs from "node:fs";
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Finding } from "../analysis/findings.js";
import type { PurposeConfig } from "../config/types.js";
import { firstPartySourceFiles } from "../suppressions.js";
import { tagPrismaFields } from "./prisma.js";
import { affectedFiles, importersOf } from "./affected.js";
import { Rewriter, type FieldOutcome, type FileRewrite } from "./rewrite.js";
import { selectCandidates, selectNamed, type FieldTarget, type Selection } from "./select.js";
import { newErrors, programWith, typeErrors, type TypeError } from "./typecheck.js";

export interface AdoptOptions {
  /** Absolute path of the tsconfig. */
  tsconfig: string;
  projectDirectory: string;
  config: PurposeConfig;
  /** Fields named on the command line; the candidates with usage evidence when absent. */
  fields?: readonly string[];
  /** Where the brand is imported from: a package name or an absolute path; detected when absent. */
  brandModule?: string;
}

export interface AdoptResult {
  /** Changed files (TypeScript and Prisma), absolute path → texts. */
  files: Map<string, FileRewrite>;
  outcomes: FieldOutcome[];
  /** Fields whose brand would break the types, with the errors it would cause. */
  skipped: { target: FieldTarget; errors: TypeError[] }[];
  prismaFields: string[];
  notes: string[];
  /** Violations in the branded program whose source is a field branded now. */
  revealed: Finding[];
  /** Every violation in the branded program (what `--baseline` records). */
  findings: Finding[];
  brandModule: string;
}

export async function adopt(program: TS.Program, options: AdoptOptions): Promise<AdoptResult> {
  const timing = { started: performance.now(), selection: 0, checks: 0, checkMs: 0, checkedFiles: 0 };
  const selection = await choose(program, options);
  timing.selection = performance.now() - timing.started;
  const brandModule = options.brandModule ?? brandModuleInUse(program, options.projectDirectory) ?? "purpose-lint";
  const originals = new Map(firstPartySourceFiles(program).map((file) => [file.fileName, file.text]));
  const rewriter = await Rewriter.create({ tsconfig: options.tsconfig, brandModule });
  // Only the rewritten files and their importers can gain an error; the original program caches each file's check.
  const importers = importersOf(program);
  const check = (targets: readonly FieldTarget[]) => {
    const checkStarted = performance.now();
    const rewrite = rewriter.apply(targets, originals);
    const changed = new Set([...rewrite.files].filter(([, file]) => file.before !== file.after).map(([name]) => name));
    const scope = affectedFiles(program, importers, changed);
    const errors = newErrors(typeErrors(program, scope), typeErrors(programWith(program, texts(rewrite.files)), scope), changed);
    timing.checks++;
    timing.checkMs += performance.now() - checkStarted;
    timing.checkedFiles += scope?.size ?? program.getSourceFiles().length;
    return { rewrite, errors };
  };
  let result = check(selection.fields);
  const skipped: AdoptResult["skipped"] = [];
  if (result.errors.length > 0) {
    // Some brand breaks a type: add the fields one at a time and keep those that leave the program as it was. A
    // field may type-check only once another is branded (a component's prop fed by a branded DTO field), so the
    // skipped ones are tried again while a pass accepts any.
    const accepted: FieldTarget[] = [];
    let pending = selection.fields;
    for (let progress = true; progress && pending.length > 0; ) {
      const failed: AdoptResult["skipped"] = [];
      for (const target of pending) {
        const trial = check([...accepted, target]);
        if (trial.errors.length > 0) failed.push({ target, errors: trial.errors });
        else accepted.push(target);
      }
      progress = failed.length < pending.length;
      pending = failed.map((f) => f.target);
      if (!progress || pending.length === 0) skipped.push(...failed);
    }
    result = check(accepted);
  }
  const files = new Map([...result.rewrite.files].filter(([, file]) => file.before !== file.after));
  for (const [file, rewrite] of prismaRewrites(selection)) files.set(file, rewrite);
  const outcomes = [...result.rewrite.outcomes, ...skipped.map(({ target }) => ({ target, status: "type-error" as const }))];
  const branded = new Set(result.rewrite.outcomes.filter((o) => o.status === "branded").map((o) => o.target.field));
  const { analyzeProgram } = await import("../analysis/engine.js");
  const analysisStarted = performance.now();
  const findings = analyzeProgram(programWith(program, texts(files)), { config: options.config, notifications: false }).findings;
  if (process.env.PURPOSE_LINT_TIMING) {
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const perCheck = timing.checks === 0 ? 0 : Math.round(timing.checkedFiles / timing.checks);
    process.stderr.write(
      `purpose-lint adopt: selection ${ms(timing.selection)} · ${String(timing.checks)} type check(s) ${ms(timing.checkMs)} (${String(perCheck)} files each on average) · analysis ${ms(performance.now() - analysisStarted)}\n`,
    );
  }
  return {
    files,
    outcomes,
    skipped,
    prismaFields: selection.prisma.map((p) => `${p.field} (${path.basename(p.file)})`),
    notes: selection.notes,
    revealed: findings.filter((finding) => branded.has(finding.source.field)),
    findings,
    brandModule,
  };
}

async function choose(program: TS.Program, options: AdoptOptions): Promise<Selection> {
  if (options.fields && options.fields.length > 0) return selectNamed(program, options.fields, options.projectDirectory);
  const { findCandidates } = await import("../discovery/discover.js");
  return selectCandidates(program, findCandidates(program, options.config, options.projectDirectory).candidates, options.projectDirectory);
}

function texts(files: ReadonlyMap<string, FileRewrite>): Map<string, string> {
  return new Map([...files].map(([file, rewrite]) => [file, rewrite.after]));
}

/**
 * Where the project already gets the brand: the module its files import `SecurityContact` from (a package name, or
 * the resolved local file), else a file under the project that declares and exports it (a vendored copy).
 */
function brandModuleInUse(program: TS.Program, projectDirectory: string): string | undefined {
  const inProject = firstPartySourceFiles(program).filter((file) => !path.relative(projectDirectory, file.fileName).startsWith(".."));
  for (const file of inProject) {
    if (!file.text.includes("SecurityContact")) continue;
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const bindings = statement.importClause?.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => (e.propertyName ?? e.name).text === "SecurityContact");
      if (!named) continue;
      const specifier = statement.moduleSpecifier.text;
      if (!specifier.startsWith(".")) return specifier;
      const resolved = ts.resolveModuleName(specifier, file.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
      if (resolved) return resolved.resolvedFileName;
    }
  }
  for (const file of inProject) {
    if (!file.text.includes("SecurityContact")) continue;
    const exported = file.statements.some(
      (s) => ts.isTypeAliasDeclaration(s) && s.name.text === "SecurityContact" && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    );
    if (exported) return file.fileName;
  }
  return undefined;
}

function prismaRewrites(selection: Selection): Map<string, FileRewrite> {
  const out = new Map<string, FileRewrite>();
  const bySchema = new Map<string, Selection["prisma"]>();
  for (const target of selection.prisma) bySchema.set(target.file, [...(bySchema.get(target.file) ?? []), target]);
  for (const [file, targets] of bySchema) {
    const before = fs.readFileSync(file, "utf8");
    const after = tagPrismaFields(before, targets);
    if (after !== before) out.set(file, { before, after });
  }
  return out;
}
