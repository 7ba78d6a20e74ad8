/**
 * The model: which declarations are sources (typed with the `SecurityContact` brand), which are sinks (JSDoc
 * `@sink <purpose>` on a function, method, class, interface or abstract member), and which call sanitises
 * (`declassify`). Pure data plus matchers over declarations; no traversal of function bodies. Decisions are
 * made from declarations and cached, never from `getTypeAtLocation` on every node.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import path from "node:path";
import picomatch from "picomatch";
import { DEFAULT_CONFIG, type PurposeConfig } from "../config/types.js";
import { PURPOSES, type Purpose } from "./findings.js";
import { isBrandedType, isGenericMember, mayHideBrand } from "./brand-types.js";
import { implementedMembers, objectLiteralMember } from "./literal-members.js";

const BRAND = "SecurityContact";

export interface SinkInfo {
  purpose: Purpose;
  /** "AudienceSyncClient.addMembers", "trackEvent", "Segment Analytics().identify". */
  callee: string;
  origin: "jsdoc" | "catalog" | "config";
  /** The arguments that carry identifiers; all when absent. */
  arguments?: readonly number[];
  /** What the trace's last step says the value was passed to ("fetch"); the callee's last word when absent. */
  step?: string;
  /** For catalogued sinks, the audit's coverage: the vendor and the API (module, "(global)" or endpoint pattern). */
  vendor?: string;
  api?: string;
}

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
  /**
   * Every name a call could resolve to something the analysis must see: first-party functions, methods and
   * properties, and declarations in dependency typings that mention a sink tag or the brand. A call whose name
   * is not here is a plain library call (`trim`, `map`, `Date.now`), and the checker is not asked to resolve it.
   */
  readonly callableNames = new Set<string>(["declassify"]);
  /** Names of `@sink` members and of members of `@sink` classes and interfaces: object literals implementing one. */
  readonly sinkMemberNames = new Set<string>();
  private readonly brandedDecl = new Map<TS.Node, boolean>();
  private readonly sinkCache = new Map<TS.Node, SinkInfo | null>();

  private readonly purposeTags: ReadonlySet<string>;
  private readonly sanitizerNames: ReadonlySet<string>;
  private readonly zones: { match: (file: string) => boolean; purpose: Purpose; glob: string }[];
  private readonly functionSinks: { match: (file: string) => boolean; name: string; purpose: Purpose }[];
  private readonly zoneOfFile = new Map<TS.SourceFile, { purpose: Purpose; glob: string } | null>();

  constructor(
    private readonly checker: TS.TypeChecker,
    private readonly files: readonly TS.SourceFile[],
    dependencyTypings: readonly TS.SourceFile[] = [],
    readonly config: PurposeConfig = DEFAULT_CONFIG,
  ) {
    for (const name of config.sources.types) this.brandNames.add(name);
    this.purposeTags = new Set(config.sources.purposeTags);
    this.sanitizerNames = new Set(["declassify", ...config.sanitizers.map((s) => s.name)]);
    const glob = (pattern: string) => picomatch(pattern, { dot: true });
    this.zones = config.zones.flatMap((zone) => zone.files.map((files) => ({ match: glob(files), purpose: zone.purpose, glob: files })));
    this.functionSinks = config.functionSinks.map((sink) => ({ match: glob(sink.file), name: sink.name, purpose: sink.purpose }));
    for (const name of this.sanitizerNames) this.callableNames.add(name);
    this.collectBrandNames();
    for (const file of files) {
      this.collectPropertyNames(file);
      this.collectCallableNames(file);
    }
    for (const file of dependencyTypings) {
      const text = file.text;
      // Generated clients (Prisma copies `///` comments into JSDoc) carry `@purpose security` in their typings.
      if (text.includes("@purpose") || [...this.brandNames].some((name) => text.includes(name))) this.collectPropertyNames(file);
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
    Object.assign(next, this, { checker, files, typeCache: new Map(), subclasses: undefined, zoneOfFile: new Map() });
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
    for (const member of factsOf(file).typedMembers) {
      // A plain branded parameter is decided where it is analysed; a parameter property is a field.
      const plainParameter = ts.isParameter(member.node) && !ts.getModifiers(member.node)?.length;
      if (!plainParameter && (this.mayDeclareBrand(member.typeNode ?? declaredTypeNode(member.node)) || this.hasPurposeTag(member.node))) {
        parts.push(`branded ${member.name}: ${(member.typeNode ?? declaredTypeNode(member.node))?.getText(file) ?? "@purpose"}`);
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
    if (this.zones.length === 0) return undefined;
    let zone = this.zoneOfFile.get(file);
    if (zone === undefined) {
      const relative = this.relativePath(file.fileName);
      const hit = this.zones.find((z) => z.match(relative));
      zone = hit ? { purpose: hit.purpose, glob: hit.glob } : null;
      this.zoneOfFile.set(file, zone);
    }
    return zone ?? undefined;
  }

  private relativePath(fileName: string): string {
    return path.relative(this.config.root, fileName).split(path.sep).join("/");
  }

  private collectCallableNames(file: TS.SourceFile): void {
    for (const name of factsOf(file).callables) this.callableNames.add(name);
    for (const name of factsOf(file).sinkMembers) this.sinkMemberNames.add(name);
  }

  /** Aliases of the brand, to a fixpoint: `type A = SecurityContact<string>; type B = A | undefined`. */
  private collectBrandNames(): void {
    const aliases: TS.TypeAliasDeclaration[] = [];
    const renamed: TS.ImportSpecifier[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isTypeAliasDeclaration(node)) aliases.push(node);
      else if (ts.isImportDeclaration(node)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) renamed.push(...bindings.elements.filter((e) => e.propertyName));
      } else if (ts.isModuleDeclaration(node) || ts.isModuleBlock(node)) ts.forEachChild(node, visit);
    };
    for (const file of this.files) ts.forEachChild(file, visit);
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
        const name = alias.name.text;
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
    for (const member of facts.typedMembers) {
      const branded = member.typeNode ? this.typeNodeDeclaresBrand(member.typeNode) : this.isBrandedDeclaration(member.node);
      if (branded) {
        this.brandedPropertyNames.add(member.name);
        this.declaredBrandedNames.add(member.name);
      }
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
    if (this.typeNodeMentionsBrand(node)) return true;
    return mayHideBrand(node) && isBrandedType(this.checker, this.checker.getTypeFromTypeNode(node as TS.TypeNode), this.brandNames);
  }

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
      cached = this.typeNodeDeclaresBrand(declaredTypeNode(decl)) || this.hasPurposeTag(decl);
      this.brandedDecl.set(decl, cached);
    }
    return cached;
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
    const decls = target.declarations ?? [];
    if (decls.some((decl) => this.isBrandedDeclaration(decl))) return true;
    // Mapped and instantiated types (Pick<User, …>, Readonly<User>) keep a link to the original property.
    const links = (target as { links?: { syntheticOrigin?: TS.Symbol; target?: TS.Symbol } }).links;
    const origin = links?.syntheticOrigin ?? links?.target;
    if (origin !== undefined && origin !== target && this.isBrandedSymbol(origin)) return true;
    // A generic member read through an instantiation (`envelope.body` of an `Envelope<Phone>`): its type here.
    return origin !== undefined && origin !== target && decls.some((decl) => this.genericMembers.has(decl)) && isBrandedType(this.checker, this.checker.getTypeOfSymbol(target), this.brandNames);
  }

  /**
   * A branded property reachable inside a type (a `User`, `{ user }`, `User[]`), for records passed whole to a
   * sink. Bounded depth; primitives, `any` and index signatures hold nothing we can name.
   */
  brandedPropertyIn(type: TS.Type, depth = 3): { field: string; name: string } | undefined {
    if (depth === 0 || this.brandedPropertyNames.size === 0) return undefined;
    const cached = this.typeCache.get(type);
    if (cached !== undefined || this.typeCache.has(type)) return cached;
    this.typeCache.set(type, undefined);
    let found: { field: string; name: string } | undefined;
    if (type.isUnionOrIntersection()) {
      for (const member of type.types) if ((found = this.brandedPropertyIn(member, depth))) break;
    } else if (type.flags & ts.TypeFlags.Object) {
      const args = this.checker.isArrayType(type) || this.checker.isTupleType(type) ? this.checker.getTypeArguments(type as TS.TypeReference) : [];
      for (const arg of args) if ((found = this.brandedPropertyIn(arg, depth - 1))) break;
      if (!found && args.length === 0) {
        for (const property of this.checker.getPropertiesOfType(type)) {
          if (this.brandedPropertyNames.has(property.name) && this.isBrandedSymbol(property)) {
            const owner = property.declarations?.[0]?.parent;
            const ownerName = owner && (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name ? `${owner.name.text}.` : "";
            found = { field: `${ownerName}${property.name}`, name: property.name };
            break;
          }
          const declaration = property.valueDeclaration ?? property.declarations?.[0];
          if (!declaration || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)) continue;
          if ((found = this.brandedPropertyIn(this.checker.getTypeOfSymbol(property), depth - 1))) break;
        }
      }
    }
    this.typeCache.set(type, found);
    return found;
  }

  private readonly typeCache = new Map<TS.Type, { field: string; name: string } | undefined>();

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

  /** The sink a declaration belongs to, if any: its own tag, its class's or interface's, or a tagged member it implements. */
  sinkOf(decl: TS.Declaration): SinkInfo | undefined {
    let cached = this.sinkCache.get(decl);
    if (cached === undefined) {
      cached = this.computeSink(decl) ?? null;
      this.sinkCache.set(decl, cached);
    }
    return cached ?? undefined;
  }

  private computeSink(decl: TS.Declaration): SinkInfo | undefined {
    const name = declarationName(decl);
    const own = purposeTag(decl);
    const owner = decl.parent;
    const ownerName = owner && (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) ? owner.name?.text : undefined;
    const callee = ownerName && !ts.isClassLike(decl) ? `${ownerName}.${name}` : name;
    if (own) return { purpose: own, callee, origin: "jsdoc" };
    const configured = this.configuredSink(decl, name, ownerName);
    if (configured) return configured;
    // A variable holding a function: `/** @sink analytics */ export const track = (…) => …`.
    if ((ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) && ts.isVariableDeclaration(decl.parent)) {
      const statement = decl.parent.parent.parent;
      const tag = purposeTag(decl.parent) ?? (statement && ts.isVariableStatement(statement) ? purposeTag(statement) : undefined);
      if (tag) return { purpose: tag, callee: declarationName(decl.parent), origin: "jsdoc" };
    }
    if (!owner || !(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner))) return this.literalMemberSink(decl);
    if (ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl)) {
      if (!decl.type || !ts.isFunctionTypeNode(decl.type)) return undefined;
    }
    const classTag = purposeTag(owner);
    if (classTag) return { purpose: classTag, callee, origin: "jsdoc" };
    // Implementing or overriding a tagged member, or a member of a tagged interface / base class.
    for (const base of this.baseDeclarations(owner)) {
      const baseTag = purposeTag(base);
      const member = memberNamed(base, name);
      // A tagged class's methods include those it inherits (`@sink` on `MarketingChannel`, `send` declared on
      // its untagged base `NotificationChannel`): an override of one in a subclass is a sink too.
      if (baseTag && (member || this.baseDeclarations(base).some((above) => memberNamed(above, name)))) {
        return { purpose: baseTag, callee: `${base.name?.text ?? ownerName}.${name}`, origin: "jsdoc" };
      }
      if (member) {
        const inherited = this.sinkOf(member);
        if (inherited) return inherited;
      }
    }
    return undefined;
  }

  /** A member of an object literal typed with a tagged interface implements its sink (see literal-members.ts). */
  private literalMemberSink(decl: TS.Declaration): SinkInfo | undefined {
    const member = objectLiteralMember(decl);
    if (!member || !this.sinkMemberNames.has(member.name)) return undefined;
    for (const implemented of implementedMembers(this.checker, member.literal, member.name)) {
      const sink = this.sinkOf(implemented);
      if (sink) return sink;
    }
    return undefined;
  }

  /** Config: a named first-party function (`CrmClient.push`, `CrmClient.*`), or any function in a zone's files. */
  private configuredSink(decl: TS.Declaration, name: string, ownerName: string | undefined): SinkInfo | undefined {
    if (this.functionSinks.length === 0 && this.zones.length === 0) return undefined;
    if (!ts.isFunctionLike(decl) || !(decl as TS.FunctionLikeDeclaration).body) return undefined;
    const file = decl.getSourceFile();
    const qualified = ownerName ? `${ownerName}.${name}` : name;
    if (this.functionSinks.length > 0) {
      const relative = this.relativePath(file.fileName);
      for (const sink of this.functionSinks) {
        const wanted = sink.name.endsWith(".*") ? ownerName === sink.name.slice(0, -2) : sink.name === qualified;
        if (wanted && sink.match(relative)) return { purpose: sink.purpose, callee: qualified, origin: "config" };
      }
    }
    const zone = this.zoneOf(file);
    if (zone && !ts.isConstructorDeclaration(decl)) return { purpose: zone.purpose, callee: `${qualified} (zone ${zone.glob})`, origin: "config" };
    return undefined;
  }

  /** Interfaces and classes a class or interface extends or implements, transitively. */
  /**
   * The heap cells a write to a field updates (see interpreter `writeFieldCell`): the field's member symbol and
   * the same-named members of the classes and interfaces its owner extends or implements, so an unknown receiver
   * typed with any of them sees the write.
   */
  fieldCellsOf(symbol: TS.Symbol | undefined, name: string): TS.Symbol[] {
    const decl = symbol?.valueDeclaration;
    if (!symbol || !decl) return [];
    let owner: TS.Node | undefined;
    if (ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl)) owner = decl.parent;
    else if (ts.isParameter(decl) && ts.isConstructorDeclaration(decl.parent)) owner = decl.parent.parent;
    if (!owner) return [];
    if (ts.isTypeLiteralNode(owner)) return [symbol];
    if (!ts.isClassLike(owner) && !ts.isInterfaceDeclaration(owner)) return [];
    const cells = [symbol];
    for (const base of this.baseDeclarations(owner)) {
      const member = memberNamed(base, name);
      const baseSymbol = member?.name ? this.checker.getSymbolAtLocation(member.name) : undefined;
      if (baseSymbol) cells.push(baseSymbol);
    }
    return cells;
  }

  baseDeclarations(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration): readonly (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] {
    let bases = this.bases.get(owner);
    if (bases === undefined) {
      bases = this.computeBaseDeclarations(owner);
      this.bases.set(owner, bases);
    }
    return bases;
  }

  /** Asked per dispatched call (receiver filtering) and per member (inherited tags): cached per class. */
  private readonly bases = new WeakMap<TS.Node, readonly (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[]>();

  private computeBaseDeclarations(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration): (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] {
    const out: (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] = [];
    const seen = new Set<TS.Node>([owner]);
    const queue: (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] = [owner];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const clause of current.heritageClauses ?? []) {
        for (const type of clause.types) {
          for (const base of this.declarationsOfHeritage(type)) {
            if (seen.has(base)) continue;
            seen.add(base);
            out.push(base);
            queue.push(base);
          }
        }
      }
    }
    return out;
  }

  private declarationsOfHeritage(type: TS.ExpressionWithTypeArguments): (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] {
    let symbol = this.checker.getSymbolAtLocation(type.expression);
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return (symbol.declarations ?? []).filter(
      (d): d is TS.ClassLikeDeclaration | TS.InterfaceDeclaration => ts.isClassLike(d) || ts.isInterfaceDeclaration(d),
    );
  }

  /** Class-hierarchy analysis: the concrete methods a call to an interface or abstract member may dispatch to. */
  implementationsOf(member: TS.Declaration): readonly TS.SignatureDeclaration[] {
    let impls = this.implementations.get(member);
    if (impls === undefined) {
      impls = this.computeImplementations(member);
      this.implementations.set(member, impls);
    }
    return impls;
  }

  private readonly implementations = new WeakMap<TS.Declaration, readonly TS.SignatureDeclaration[]>();

  private computeImplementations(member: TS.Declaration): TS.SignatureDeclaration[] {
    const owner = member.parent;
    if (!owner || !(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) || !owner.name) return [];
    const name = declarationName(member);
    const out: TS.SignatureDeclaration[] = [];
    const seen = new Set<TS.Node>();
    const queue: (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] = [owner];
    while (queue.length > 0) {
      const base = queue.shift()!;
      const baseSymbol = base.name ? this.checker.getSymbolAtLocation(base.name) : undefined;
      if (!baseSymbol || !base.name) continue;
      // Candidates by the name in their heritage clause (a syntactic index), confirmed by the checker.
      for (const { cls, expression } of this.subclassIndex().get(base.name.text) ?? []) {
        if (seen.has(cls)) continue;
        let symbol = this.checker.getSymbolAtLocation(expression);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        if (symbol !== baseSymbol) continue;
        seen.add(cls);
        const method = cls.members.find(
          (m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && memberName(m.name) === name && m.body !== undefined,
        );
        if (method) out.push(method);
        queue.push(cls);
      }
    }
    return out;
  }

  private subclasses: Map<string, { cls: TS.ClassLikeDeclaration; expression: TS.Expression }[]> | undefined;

  /** Classes by the names they extend or implement, from each file's cached facts. */
  private subclassIndex(): Map<string, { cls: TS.ClassLikeDeclaration; expression: TS.Expression }[]> {
    if (this.subclasses) return this.subclasses;
    const index = new Map<string, { cls: TS.ClassLikeDeclaration; expression: TS.Expression }[]>();
    for (const file of this.files) {
      for (const entry of factsOf(file).heritage) {
        const list = index.get(entry.name) ?? [];
        list.push(entry);
        index.set(entry.name, list);
      }
    }
    this.subclasses = index;
    return index;
  }
}

const NONE: readonly TS.Symbol[] = [];

function memberNamed(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration, name: string): TS.ClassElement | TS.TypeElement | undefined {
  return owner.members.find((m: TS.ClassElement | TS.TypeElement) => m.name !== undefined && memberName(m.name) === name);
}

/** The purpose named by a declaration's own `@sink` tag. */
function purposeTag(node: TS.Node): Purpose | undefined {
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== "sink") continue;
    const text = (typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "").trim();
    const word = text.split(/\s+/)[0]?.toLowerCase();
    if (word && (PURPOSES as readonly string[]).includes(word)) return word as Purpose;
  }
  return undefined;
}

function declaredTypeNode(decl: TS.Node): TS.Node | undefined {
  if (ts.isJSDocPropertyLikeTag(decl)) return decl.typeExpression?.type;
  if (
    ts.isPropertySignature(decl) ||
    ts.isPropertyDeclaration(decl) ||
    ts.isParameter(decl) ||
    ts.isVariableDeclaration(decl) ||
    ts.isGetAccessorDeclaration(decl)
  ) {
    return decl.type ?? ts.getJSDocType(decl);
  }
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
interface FileFacts {
  /** Property-like declarations that may carry a branded type (decided per model, since aliases are global). */
  typedMembers: { name: string; node: TS.Node; typeNode?: TS.Node }[];
  getters: string[];
  setters: string[];
  /** Names a call could resolve to in this file. */
  callables: string[];
  /** Each class's heritage clauses, by the name they reference (`implements AnalyticsProvider`). */
  heritage: { name: string; cls: TS.ClassLikeDeclaration; expression: TS.Expression }[];
  /** Names of `@sink` members and of members of `@sink` classes and interfaces. */
  sinkMembers: string[];
}

const fileFacts = new WeakMap<TS.SourceFile, FileFacts>();

function factsOf(file: TS.SourceFile): FileFacts {
  let facts = fileFacts.get(file);
  if (facts) return facts;
  const found: FileFacts = { typedMembers: [], getters: [], setters: [], callables: [], heritage: [], sinkMembers: [] };
  const javascript = /\.[cm]?jsx?$/.test(file.fileName);
  const tagged = file.text.includes("@sink");
  const visitDoc = (node: TS.Node): void => {
    if (ts.isJSDocPropertyLikeTag(node) && ts.isIdentifier(node.name)) found.typedMembers.push({ name: node.name.text, node });
    ts.forEachChild(node, visitDoc);
  };
  const visit = (node: TS.Node): void => {
    const name = (node as { name?: TS.Node }).name;
    const text = name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;
    if (text !== undefined) {
      if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isPropertyAssignment(node)) {
        found.typedMembers.push({ name: text, node });
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
