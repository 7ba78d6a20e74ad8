/**
 * The model: which declarations are sources (typed with the `SecurityContact` brand), which are sinks (JSDoc
 * `@sink <purpose>` on a function, method, class, interface or abstract member), and which call sanitises
 * (`declassify`). Pure data plus matchers over declarations; no traversal of function bodies. Decisions are
 * made from declarations and cached, never from `getTypeAtLocation` on every node.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { DEFAULT_CONFIG, type PurposeConfig } from "../config/types.js";
import type { Purpose } from "./findings.js";
import { isBrandedType, isGenericMember, mayHideBrand } from "./brand-types.js";
import { type BrandedPath, brandedPathsOf, type HeldBrand, heldBrandIn } from "./nested-brands.js";
import { ClassHierarchy } from "./class-hierarchy.js";
import { declarationName, declaredTypeNode, factsOf, memberName } from "./declarations.js";
import { SinkResolver, type SinkInfo } from "./sink-resolution.js";
import { originDeclarations } from "./property-origins.js";
import type { DiscoveryHooks } from "./discovery-hooks.js";

// Re-exported: most of the analysis imports these names from the model.
export { declarationName, memberName } from "./declarations.js";
export type { SinkInfo } from "./sink-resolution.js";

const BRAND = "SecurityContact";

export class Model {
  /** Type names that mean "branded": the brand itself and local aliases of it (`type Phone = SecurityContact<string>`). */
  readonly brandNames = new Set<string>([BRAND]);
  /** Names of properties declared with a branded type: a cheap filter before asking the checker. */
  readonly brandedPropertyNames = new Set<string>();
  /** The names among those some declaration brands (not only a generic member that may be instantiated with a brand). */
  readonly declaredBrandedNames = new Set<string>();
  /** Names of get accessors anywhere in the program: only these property reads may run code. */
  readonly getterNames = new Set<string>();
  /** Names of set accessors: only assignments to these run code. */
  readonly setterNames = new Set<string>();
  /** Names of fields declared with a named type: only these may hold an injected service (field-cells.ts). */
  readonly serviceFieldNames = new Set<string>();
  /**
   * Every name a call could resolve to something the analysis must see: first-party functions, methods and
   * properties, and declarations in dependency typings that mention a sink tag or the brand. A call whose name
   * is not here is a plain library call (`trim`, `map`, `Date.now`), and the checker is not asked to resolve it.
   */
  readonly callableNames = new Set<string>(["declassify"]);
  /** Names of `@sink` members and of members of `@sink` classes and interfaces: object literals implementing one. */
  readonly sinkMemberNames = new Set<string>();
  private readonly brandedDecl = new Map<TS.Node, boolean>();

  private readonly purposeTags: ReadonlySet<string>;
  private readonly sanitizerNames: ReadonlySet<string>;
  private readonly hierarchy: ClassHierarchy;
  private readonly sinks: SinkResolver;

  constructor(
    private readonly checker: TS.TypeChecker,
    private readonly files: readonly TS.SourceFile[],
    dependencyTypings: readonly TS.SourceFile[] = [],
    readonly config: PurposeConfig = DEFAULT_CONFIG,
    /** Candidate discovery: unbranded fields read as sources, `@purpose security` functions as targets. */
    private readonly discovery?: DiscoveryHooks,
  ) {
    for (const name of config.sources.types) this.brandNames.add(name);
    this.purposeTags = new Set(config.sources.purposeTags);
    this.sanitizerNames = new Set(["declassify", ...config.sanitizers.map((s) => s.name)]);
    this.hierarchy = new ClassHierarchy(checker, files);
    this.sinks = new SinkResolver(checker, this.hierarchy, config, this.sinkMemberNames, discovery !== undefined, discovery?.typedSecurityUses);
    for (const name of this.sanitizerNames) this.callableNames.add(name);
    this.collectBrandNames();
    for (const file of files) {
      this.collectPropertyNames(file);
      this.collectCallableNames(file);
    }
    for (const file of dependencyTypings) {
      const text = file.text;
      // Generated clients (Prisma copies `///` comments into JSDoc) carry `@purpose security` in their typings.
      if (text.includes("@purpose") || [...this.brandNames].some((name) => text.includes(name)) || discovery?.mayDeclareCandidates?.(file)) this.collectPropertyNames(file);
      if (text.includes("@sink") || [...this.brandNames].some((name) => text.includes(name))) this.collectCallableNames(file);
    }
  }

  /**
   * The model for an edited version of the program, from the previous one: edited files mention no brand, sink
   * or purpose tag (the engine checks before resuming), so they only add names; caches keyed by unchanged
   * declarations stay valid. Types and symbols belong to the new checker and are looked up afresh.
   */
  derive(checker: TS.TypeChecker, files: readonly TS.SourceFile[], edited: readonly TS.SourceFile[]): Model {
    // The previous model is not used again, so its name sets are extended in place (names an edit removed stay:
    // they only make a call resolve through the checker instead of being taken for a library call).
    const next: Model = Object.create(Model.prototype) as Model;
    const hierarchy = this.hierarchy.derive(checker, files);
    Object.assign(next, this, { checker, files, typeCache: new Map(), hierarchy, sinks: this.sinks.derive(checker, hierarchy) });
    for (const file of edited) {
      next.collectCallableNames(file);
      next.collectPropertyNames(file);
    }
    return next;
  }

  /**
   * What a file contributes to the model's program-wide facts, as a string: brand aliases and renamed imports,
   * branded property names, and `@sink` / `@purpose` tags with the declarations they sit on. Two versions of a
   * file with the same signature leave every summary outside the file valid. Empty for a file with none.
   */
  signatureOf(file: TS.SourceFile): string {
    const parts: string[] = [];
    for (const statement of file.statements) {
      if (ts.isTypeAliasDeclaration(statement) && (this.brandNames.has(statement.name.text) || this.mayDeclareBrand(statement.type))) {
        parts.push(`alias ${statement.name.text}=${statement.type.getText(file)}`);
      } else if (ts.isImportDeclaration(statement)) {
        const bindings = statement.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const e of bindings.elements) if (e.propertyName && this.brandNames.has(e.propertyName.text)) parts.push(`import ${e.propertyName.text} as ${e.name.text}`);
        }
      }
    }
    for (const typedef of factsOf(file).typedefs) {
      if (this.brandNames.has(typedef.name) || this.mayDeclareBrand(typedef.type)) parts.push(`alias ${typedef.name}=${typedef.type.getText(file)}`);
    }
    const { hasJSDoc } = factsOf(file);
    for (const member of factsOf(file).typedMembers) {
      // A plain branded parameter is decided where it is analysed; a parameter property is a field.
      const plainParameter = ts.isParameter(member.node) && !ts.getModifiers(member.node)?.length;
      const typeNode = member.typeNode ?? declaredTypeNode(member.node, hasJSDoc);
      if (!plainParameter && (this.mayDeclareBrand(typeNode) || (hasJSDoc && this.hasPurposeTag(member.node)))) {
        parts.push(`branded ${member.name}: ${typeNode?.getText(file) ?? "@purpose"}`);
      }
    }
    // Class-hierarchy dispatch reads which classes extend or implement what, and which methods they override.
    for (const { cls, name } of factsOf(file).heritage) {
      const methods = cls.members.filter(ts.isMethodDeclaration).map((m) => memberName(m.name) ?? "?");
      parts.push(`class ${cls.name?.text ?? "?"} of ${name}: ${methods.join(",")}`);
    }
    if (/@sink|@purpose/.test(file.text)) {
      const visit = (node: TS.Node): void => {
        for (const tag of ts.getJSDocTags(node)) {
          if (tag.tagName.text === "sink" || tag.tagName.text === "purpose") {
            const comment = typeof tag.comment === "string" ? tag.comment : (ts.getTextOfJSDocComment(tag.comment) ?? "");
            parts.push(`@${tag.tagName.text} ${comment.trim()} on ${declarationName(node)}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    return parts.join("\n");
  }

  /**
   * The text-only half of `typeNodeDeclaresBrand`, for signatures: a signature is computed with the model of an
   * earlier program, whose checker must not see the edited file's nodes.
   */
  private mayDeclareBrand(node: TS.Node | undefined): boolean {
    return node !== undefined && (this.typeNodeMentionsBrand(node) || mayHideBrand(node));
  }

  /** A function the config or the package names as a sanitizer (`declassify`). */
  isSanitizer(name: string): boolean {
    return this.sanitizerNames.has(name);
  }

  /** The zone (files whose every function serves a purpose) a file lies in. */
  zoneOf(file: TS.SourceFile): { purpose: Purpose; glob: string } | undefined {
    return this.sinks.zoneOf(file);
  }

  /** The sink a declaration belongs to, if any: its own tag, its class's or interface's, or a tagged member it implements. */
  sinkOf(decl: TS.Declaration): SinkInfo | undefined {
    return this.sinks.sinkOf(decl);
  }

  /** Interfaces and classes a class or interface extends or implements, transitively. */
  baseDeclarations(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration): readonly (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] {
    return this.hierarchy.baseDeclarations(owner);
  }

  /** The classes an object of this class or interface may be (see ClassHierarchy.concreteClassesOf). */
  concreteClassesOf(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration): readonly TS.ClassLikeDeclaration[] {
    return this.hierarchy.concreteClassesOf(owner);
  }

  /** Class-hierarchy analysis: the concrete methods a call to an interface or abstract member may dispatch to. */
  implementationsOf(member: TS.Declaration): readonly TS.SignatureDeclaration[] {
    return this.hierarchy.implementationsOf(member);
  }

  /** The heap cells a write to a field updates (see ClassHierarchy.fieldCellsOf). */
  fieldCellsOf(symbol: TS.Symbol | undefined, name: string): TS.Symbol[] {
    return this.hierarchy.fieldCellsOf(symbol, name);
  }

  private collectCallableNames(file: TS.SourceFile): void {
    for (const name of factsOf(file).callables) this.callableNames.add(name);
    for (const name of factsOf(file).sinkMembers) this.sinkMemberNames.add(name);
  }

  /**
   * Aliases of the brand, to a fixpoint: `type A = SecurityContact<string>; type B = A | undefined`, and
   * JavaScript's `@typedef {SecurityContact<string>} Phone`.
   */
  private collectBrandNames(): void {
    const aliases: { name: string; type: TS.TypeNode }[] = [];
    const renamed: TS.ImportSpecifier[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isTypeAliasDeclaration(node)) aliases.push({ name: node.name.text, type: node.type });
      else if (ts.isImportDeclaration(node)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) renamed.push(...bindings.elements.filter((e) => e.propertyName));
      } else if (ts.isModuleDeclaration(node) || ts.isModuleBlock(node)) ts.forEachChild(node, visit);
    };
    for (const file of this.files) {
      ts.forEachChild(file, visit);
      aliases.push(...factsOf(file).typedefs);
    }
    let grew = true;
    while (grew) {
      grew = false;
      // `import { SecurityContact as Guarded } from "purpose-lint"`
      for (const specifier of renamed) {
        const imported = specifier.propertyName?.text;
        if (imported && this.brandNames.has(imported) && !this.brandNames.has(specifier.name.text)) {
          this.brandNames.add(specifier.name.text);
          grew = true;
        }
      }
      for (const alias of aliases) {
        const name = alias.name;
        if (this.brandNames.has(name) || name === BRAND) continue;
        if (this.typeNodeDeclaresBrand(alias.type)) {
          this.brandNames.add(name);
          grew = true;
        }
      }
    }
  }

  private collectPropertyNames(file: TS.SourceFile): void {
    const facts = factsOf(file);
    for (const name of facts.getters) this.getterNames.add(name);
    for (const name of facts.setters) this.setterNames.add(name);
    for (const name of facts.serviceFields) this.serviceFieldNames.add(name);
    for (const member of facts.typedMembers) {
      const branded = member.typeNode ? this.typeNodeDeclaresBrand(member.typeNode) : this.isBrandedByDeclaration(member.node, facts.hasJSDoc);
      if (branded) {
        this.brandedFiles.add(file);
        this.brandedPropertyNames.add(member.name);
        // A plain parameter (`declassify(value: SecurityContact<T>)`) names no property of any type.
        if (!isPlainParameter(member.node)) this.declaredBrandedNames.add(member.name);
      }
      // A discovery candidate is read like a branded field, but its name alone says nothing about untyped reads.
      else if (this.discovery?.isCandidateField(member.node)) this.brandedPropertyNames.add(member.name);
      else if (isGenericMember(member.node)) {
        // `body: T`: branded or not by instantiation (`Envelope<Phone>`), decided per read by `isBrandedSymbol`.
        this.genericMembers.add(member.node);
        this.brandedPropertyNames.add(member.name);
      }
    }
  }

  /** Members typed with their owner's type parameter (see `isGenericMember`). */
  private readonly genericMembers = new WeakSet<TS.Node>();

  /**
   * Does this annotation declare a branded type? By its text (`typeNodeMentionsBrand`), or, where the text may hide
   * the brand behind an indexed access or a `typeof` query (`NonNullable<User["twoFactorPhone"]>`), by the type
   * the checker resolves it to.
   */
  typeNodeDeclaresBrand(node: TS.Node | undefined): boolean {
    if (!node) return false;
    // Asked at every call of a library function with a declared return type (lib.d.ts's), in every context.
    let declares = this.declaresBrand.get(node);
    if (declares === undefined) {
      declares = this.typeNodeMentionsBrand(node) || (mayHideBrand(node) && isBrandedType(this.checker, this.checker.getTypeFromTypeNode(node as TS.TypeNode), this.brandNames));
      this.declaresBrand.set(node, declares);
    }
    return declares;
  }

  private readonly declaresBrand = new Map<TS.Node, boolean>();

  /** Does this type annotation name the brand (or an alias of it) anywhere inside? */
  typeNodeMentionsBrand(node: TS.Node | undefined): boolean {
    if (!node) return false;
    // An object type's own members are read one by one (field sensitivity): `{ phone: SecurityContact<string>; id: string }`
    // is not a source as a whole; its `phone` is.
    if (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node) || ts.isJSDocTypeLiteral(node)) return false;
    if (ts.isTypeReferenceNode(node)) {
      const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
      if (this.brandNames.has(name)) return true;
    } else if (ts.isImportTypeNode(node) && node.qualifier) {
      const name = ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.right.text;
      if (this.brandNames.has(name)) return true;
    } else if (ts.isExpressionWithTypeArguments(node) && ts.isIdentifier(node.expression)) {
      if (this.brandNames.has(node.expression.text)) return true;
    }
    return ts.forEachChild(node, (child) => (this.typeNodeMentionsBrand(child) ? true : undefined)) === true;
  }

  /** A property, parameter, variable or accessor declared with a branded type (TS annotation or JSDoc). */
  isBrandedDeclaration(decl: TS.Node): boolean {
    let cached = this.brandedDecl.get(decl);
    if (cached === undefined) {
      cached = this.isBrandedByDeclaration(decl) || (this.discovery?.isCandidateField(decl) ?? false);
      this.brandedDecl.set(decl, cached);
    }
    return cached;
  }

  /** Branded by what the declaration says: a branded type or a `@purpose` tag (no discovery candidate). */
  private isBrandedByDeclaration(decl: TS.Node, jsDoc = true): boolean {
    return this.typeNodeDeclaresBrand(declaredTypeNode(decl, jsDoc)) || (jsDoc && this.hasPurposeTag(decl));
  }

  /** JSDoc `@purpose security` on a property (Prisma copies `/// @purpose security` from the schema). */
  private hasPurposeTag(decl: TS.Node): boolean {
    if (this.purposeTags.size === 0) return false;
    if (!(ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyAssignment(decl))) return false;
    for (const tag of ts.getJSDocTags(decl)) {
      if (tag.tagName.text !== "purpose") continue;
      const text = (typeof tag.comment === "string" ? tag.comment : (ts.getTextOfJSDocComment(tag.comment) ?? "")).trim().split(/\s+/)[0];
      if (text && this.purposeTags.has(text.toLowerCase())) return true;
    }
    return false;
  }

  /** The property symbol read at `name` is declared branded. Asks the checker only for candidate names. */
  isBrandedProperty(name: TS.Node & { text: string }): boolean {
    if (!this.brandedPropertyNames.has(name.text)) return false;
    const symbol = this.checker.getSymbolAtLocation(name);
    return symbol ? this.isBrandedSymbol(symbol) : false;
  }

  isBrandedSymbol(symbol: TS.Symbol): boolean {
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    // A mapped member whose value is copied from another type's member (Prisma's `select` results): that member's.
    const decls = originDeclarations(this.checker, target);
    // A mapped member that holds a flag for its key's member (`{ [K in keyof User]: boolean }`) is no copy of it.
    if (decls.length === 0 && (target.declarations?.length ?? 0) > 0) return false;
    if (decls.some((decl) => this.isBrandedDeclaration(decl))) return true;
    // Mapped and instantiated types (Pick<User, …>, Readonly<User>) keep a link to the original property.
    const links = (target as { links?: { syntheticOrigin?: TS.Symbol; target?: TS.Symbol } }).links;
    const origin = links?.syntheticOrigin ?? links?.target;
    if (origin !== undefined && origin !== target && this.isBrandedSymbol(origin)) return true;
    // A generic member read through an instantiation (`envelope.body` of an `Envelope<Phone>`): its type here.
    return origin !== undefined && origin !== target && decls.some((decl) => this.genericMembers.has(decl)) && isBrandedType(this.checker, this.checker.getTypeOfSymbol(target), this.brandNames);
  }

  /** The declaration a property read resolves to, through mapped types (see property-origins.ts). */
  declarationOfProperty(symbol: TS.Symbol): TS.Declaration | undefined {
    return originDeclarations(this.checker, symbol)[0];
  }

  /** A branded property reachable inside a type, for records passed whole to a sink (see nested-brands.ts). */
  brandedPropertyIn(type: TS.Type): HeldBrand | undefined {
    return heldBrandIn(this, this.checker, type);
  }

  /**
   * The branded properties a type declares directly (`User` → twoFactorPhone, recoveryEmail), for a record
   * consumed whole: spread, rest, read at an unknown key, or handed to a library. Cached per type.
   */
  brandedFieldsOf(type: TS.Type): readonly TS.Symbol[] {
    if (this.brandedPropertyNames.size === 0 || !(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.UnionOrIntersection))) return NONE;
    let fields = this.fieldCache.get(type);
    if (fields === undefined) {
      fields = this.checker
        .getPropertiesOfType(type)
        .filter((property) => this.brandedPropertyNames.has(property.name) && this.isBrandedSymbol(property));
      this.fieldCache.set(type, fields);
    }
    return fields;
  }

  private readonly fieldCache = new Map<TS.Type, readonly TS.Symbol[]>();

  /** Files that declare a branded member. */
  private readonly brandedFiles = new Set<TS.SourceFile>();

  /** Records declared here may hold branded fields: the program's own files, and typings that declare a brand. */
  mayDeclareBrandedRecords(file: TS.SourceFile): boolean {
    return !file.isDeclarationFile || this.brandedFiles.has(file);
  }

  /** The branded fields a record holds, directly or through its own fields (see nested-brands.ts). */
  brandedPathsOf(type: TS.Type): readonly BrandedPath[] {
    return brandedPathsOf(this, this.checker, type);
  }
}

const NONE: readonly TS.Symbol[] = [];

function isPlainParameter(node: TS.Node): boolean {
  return ts.isParameter(node) && !ts.isParameterPropertyDeclaration(node, node.parent);
}
