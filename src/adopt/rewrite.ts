/**
 * The source rewrite, with ts-morph (the project's library for changing TypeScript source; the analysis never
 * loads it): each chosen field's declared type becomes `SecurityContact<…>` — the original type kept inside the
 * brand, `null` and `undefined` kept outside it (`string | null` → `SecurityContact<string> | null`) — and each
 * changed file imports the brand once, from the module the project already uses for it (a vendored local alias,
 * detected, or `--brand-module`), in the file's own quote style. Everything else is left as it was written.
 */
import path from "node:path";
import type * as Morph from "ts-morph";
import type { FieldTarget } from "./select.js";

const BRAND = "SecurityContact";

export interface RewriteOptions {
  /** The tsconfig the project is built with (ts-morph reads its compiler options). */
  tsconfig: string;
  /** Where the brand is imported from: a package name, or an absolute path to a local module exporting it. */
  brandModule: string;
}

export interface FileRewrite {
  before: string;
  after: string;
}

/** What happened to one field. */
export interface FieldOutcome {
  target: FieldTarget;
  status: "branded" | "already-branded" | "no-declared-type" | "type-error";
}

/** ts-morph, loaded on first use: only the adopt command pays for it. */
export class Rewriter {
  private constructor(
    private readonly morph: typeof Morph,
    private readonly project: Morph.Project,
    private readonly options: RewriteOptions,
  ) {}

  static async create(options: RewriteOptions): Promise<Rewriter> {
    const morph = await import("ts-morph");
    const project = new morph.Project({ tsConfigFilePath: options.tsconfig, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
    return new Rewriter(morph, project, options);
  }

  /** Rewrites `targets` from the files' original text (each call starts afresh), returning each file's texts. */
  apply(targets: readonly FieldTarget[], originals: ReadonlyMap<string, string>): { files: Map<string, FileRewrite>; outcomes: FieldOutcome[] } {
    const files = new Map<string, FileRewrite>();
    const outcomes: FieldOutcome[] = [];
    const byFile = new Map<string, FieldTarget[]>();
    for (const target of targets) byFile.set(target.file, [...(byFile.get(target.file) ?? []), target]);
    for (const [file, fileTargets] of byFile) {
      const before = originals.get(file) ?? "";
      const source = this.project.getSourceFile(file) ?? this.project.addSourceFileAtPath(file);
      source.replaceWithText(before);
      const brand = this.brandNameIn(source);
      // Find every declaration first: positions are those of the original text.
      const found = fileTargets.map((target) => ({ target, decl: this.declarationAt(source, target.start) }));
      let changed = false;
      for (const { target, decl } of found) {
        const typeNode = decl?.getTypeNode();
        if (!decl || !typeNode) {
          outcomes.push({ target, status: "no-declared-type" });
          continue;
        }
        const text = brandedTypeText(this.morph, typeNode, brand.name);
        if (text === undefined) {
          outcomes.push({ target, status: "already-branded" });
          continue;
        }
        decl.setType(text);
        outcomes.push({ target, status: "branded" });
        changed = true;
      }
      if (changed && brand.needsImport) this.addBrandImport(source);
      files.set(file, { before, after: source.getFullText() });
    }
    return { files, outcomes };
  }

  private declarationAt(source: Morph.SourceFile, start: number): Morph.PropertySignature | Morph.PropertyDeclaration | Morph.ParameterDeclaration | undefined {
    const { Node } = this.morph;
    // The token at the declaration's start (a modifier or its name), then up to the declaration that starts there.
    for (let node: Morph.Node | undefined = source.getDescendantAtPos(start); node; node = node.getParent()) {
      if (node.getStart() !== start) break;
      if (Node.isPropertySignature(node) || Node.isPropertyDeclaration(node) || Node.isParameterDeclaration(node)) return node;
    }
    return undefined;
  }

  /** The brand's name in a file: an imported or locally declared `SecurityContact` (also renamed), else the default. */
  private brandNameIn(source: Morph.SourceFile): { name: string; needsImport: boolean } {
    for (const declaration of source.getImportDeclarations()) {
      for (const specifier of declaration.getNamedImports()) {
        if (specifier.getName() === BRAND) return { name: specifier.getAliasNode()?.getText() ?? BRAND, needsImport: false };
      }
    }
    if (source.getTypeAlias(BRAND)) return { name: BRAND, needsImport: false };
    return { name: BRAND, needsImport: true };
  }

  /** `import type { SecurityContact } from "…"`, joined to an existing import of that module when there is one. */
  private addBrandImport(source: Morph.SourceFile): void {
    const specifier = this.moduleSpecifierFor(source);
    const existing = source.getImportDeclarations().find((d) => d.getModuleSpecifierValue() === specifier && !d.getNamespaceImport());
    if (existing && existing.getNamedImports().length > 0) {
      existing.addNamedImport(existing.isTypeOnly() ? BRAND : { name: BRAND, isTypeOnly: true });
      return;
    }
    const imports = source.getImportDeclarations();
    const single = imports.some((d) => d.getModuleSpecifier().getText().startsWith("'"));
    this.project.manipulationSettings.set({ quoteKind: single ? this.morph.QuoteKind.Single : this.morph.QuoteKind.Double });
    if (imports.length > 0) {
      source.addImportDeclaration({ isTypeOnly: true, namedImports: [BRAND], moduleSpecifier: specifier });
      return;
    }
    // No imports yet: below the file's header comments (a licence, a module comment), above a JSDoc that documents
    // the first declaration.
    const quote = single ? "'" : '"';
    source.insertText(this.headerEnd(source), `import type { ${BRAND} } from ${quote}${specifier}${quote};\n\n`);
  }

  /** Where the header's line and block comments end (a JSDoc `/**` belongs to the declaration after it). */
  private headerEnd(source: Morph.SourceFile): number {
    const text = source.getFullText();
    let end = 0;
    for (const range of this.morph.ts.getLeadingCommentRanges(text, 0) ?? []) {
      if (text.startsWith("/**", range.pos)) break;
      end = range.end;
    }
    if (end === 0) return 0;
    const newline = text.indexOf("\n", end);
    return newline < 0 ? text.length : newline + 1;
  }

  /** A package name as is; a local module relative to the file, with the extension style its relative imports use. */
  private moduleSpecifierFor(source: Morph.SourceFile): string {
    const brandModule = this.options.brandModule;
    if (!path.isAbsolute(brandModule)) return brandModule;
    let relative = path.relative(path.dirname(source.getFilePath()), brandModule).split(path.sep).join("/");
    if (!relative.startsWith(".")) relative = `./${relative}`;
    const stem = relative.replace(/\.(ts|tsx|mts|cts)$/, "");
    const relativeImports = source.getImportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((s) => s.startsWith("."));
    if (relativeImports.some((s) => s.endsWith(".js"))) return `${stem}.js`;
    if (relativeImports.some((s) => /\.(ts|tsx)$/.test(s))) return `${stem}.ts`;
    return stem;
  }
}

/**
 * The branded type's text: each union member other than `null` / `undefined` wrapped in the brand, the rest of
 * the text (spacing, comments, parentheses) as written; undefined when the type already names the brand.
 */
export function brandedTypeText(morph: typeof Morph, typeNode: Morph.TypeNode, brand: string): string | undefined {
  const text = typeNode.getText();
  if (new RegExp(`\\b${brand}\\b|\\b${BRAND}\\b`).test(text)) return undefined;
  const { Node, SyntaxKind } = morph;
  if (!Node.isUnionTypeNode(typeNode)) return `${brand}<${text}>`;
  const start = typeNode.getStart();
  let out = text;
  // Right to left, so earlier offsets stay valid.
  for (const member of [...typeNode.getTypeNodes()].reverse()) {
    const kind = member.getKind();
    const isNullish = kind === SyntaxKind.UndefinedKeyword || (Node.isLiteralTypeNode(member) && member.getLiteral().getKind() === SyntaxKind.NullKeyword);
    if (isNullish) continue;
    const from = member.getStart() - start;
    const to = member.getEnd() - start;
    out = `${out.slice(0, from)}${brand}<${out.slice(from, to)}>${out.slice(to)}`;
  }
  return out;
}
