/**
 * Sinks from declarations: a declaration's own `@sink` tag, its class's or interface's, a tagged member it
 * implements or overrides, an object literal typed with a tagged interface, and the config's function sinks and
 * zones (files whose every function serves a purpose). Cached per declaration.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import path from "node:path";
import picomatch from "picomatch";
import type { PurposeConfig } from "../config/types.js";
import type { Purpose, SinkPurpose } from "./findings.js";
import { memberNamed, type ClassHierarchy } from "./class-hierarchy.js";
import { declarationName, purposeTag } from "./declarations.js";
import { implementedMembers, objectLiteralMember } from "./literal-members.js";
import type { CatalogEntry } from "../catalog/types.js";
import type { TypedSecurityUse } from "../catalog/security-uses/types.js";
import { typedSecurityUse } from "./typed-uses.js";

export interface SinkInfo {
  purpose: SinkPurpose;
  /** "AudienceSyncClient.addMembers", "trackEvent", "Segment Analytics.identify" (catalog/api-path.ts). */
  callee: string;
  /** What the fingerprint names the sink by, when not `callee` (catalogued sinks keep their full API path). */
  fingerprintName?: string;
  origin: "jsdoc" | "catalog" | "config";
  /** The arguments that carry identifiers; all when absent. */
  arguments?: readonly number[];
  /**
   * Only what these properties of a carried argument hold counts (dotted paths: "Destination.ToAddresses"): a
   * security use's destination (`verifications.create({ to, channel })`), not the rest of its request.
   */
  destinationKeys?: readonly string[];
  /** What the trace's last step says the value was passed to ("fetch"); the callee's last word when absent. */
  step?: string;
  /** For catalogued sinks, the audit's coverage: the vendor and the API (module, "(global)" or endpoint pattern). */
  vendor?: string;
  api?: string;
  /** Only a sink at a call whose arguments satisfy this (a typed security use's message carries a code). */
  when?: CatalogEntry["when"];
}

export class SinkResolver {
  private readonly sinkCache = new Map<TS.Node, SinkInfo | null>();
  private readonly zones: { match: (file: string) => boolean; purpose: Purpose; glob: string }[];
  private readonly functionSinks: { match: (file: string) => boolean; name: string; purpose: Purpose }[];
  private readonly zoneOfFile = new Map<TS.SourceFile, { purpose: Purpose; glob: string } | null>();

  constructor(
    private readonly checker: TS.TypeChecker,
    private readonly hierarchy: ClassHierarchy,
    private readonly config: PurposeConfig,
    /** Names of `@sink` members and of members of `@sink` classes and interfaces (the model's, kept up to date). */
    private readonly sinkMemberNames: ReadonlySet<string>,
    /**
     * Candidate discovery only: first-party functions tagged `@purpose security` (or another of the config's
     * purpose tags) are security uses, targets of the discovery run (src/discovery/). Off in the normal analysis.
     */
    private readonly securityFunctions = false,
    /** Candidate discovery only: security uses named by a library's function type (typed-uses.ts). */
    private readonly typedSecurityUses: readonly TypedSecurityUse[] = [],
  ) {
    const glob = (pattern: string) => picomatch(pattern, { dot: true });
    this.zones = config.zones.flatMap((zone) => zone.files.map((files) => ({ match: glob(files), purpose: zone.purpose, glob: files })));
    this.functionSinks = config.functionSinks.map((sink) => ({ match: glob(sink.file), name: sink.name, purpose: sink.purpose }));
  }

  /** The same resolver for an edited version of the program: sinks cached by unchanged declarations stay valid. */
  derive(checker: TS.TypeChecker, hierarchy: ClassHierarchy): SinkResolver {
    const next: SinkResolver = Object.create(SinkResolver.prototype) as SinkResolver;
    Object.assign(next, this, { checker, hierarchy, zoneOfFile: new Map() });
    return next;
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
    if (this.securityFunctions && ts.isFunctionLike(decl) && this.hasSecurityPurposeTag(decl)) return { purpose: "security", callee, origin: "jsdoc" };
    const typed = typedSecurityUse(this.checker, decl, this.typedSecurityUses);
    if (typed) return typed;
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
    for (const base of this.hierarchy.baseDeclarations(owner)) {
      const baseTag = purposeTag(base);
      const member = memberNamed(base, name);
      // A tagged class's methods include those it inherits (`@sink` on `MarketingChannel`, `send` declared on
      // its untagged base `NotificationChannel`): an override of one in a subclass is a sink too.
      if (baseTag && (member || this.hierarchy.baseDeclarations(base).some((above) => memberNamed(above, name)))) {
        return { purpose: baseTag, callee: `${base.name?.text ?? ownerName}.${name}`, origin: "jsdoc" };
      }
      if (member) {
        const inherited = this.sinkOf(member);
        if (inherited) return inherited;
      }
    }
    return undefined;
  }

  /** `/** @purpose security *\/` on a function, method, or the variable statement holding an arrow. */
  private hasSecurityPurposeTag(decl: TS.Declaration): boolean {
    const holder = (ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) && ts.isVariableDeclaration(decl.parent) ? decl.parent : undefined;
    const statement = holder?.parent.parent;
    const tagged = [decl, ...(holder ? [holder] : []), ...(statement && ts.isVariableStatement(statement) ? [statement] : [])];
    const wanted = new Set(this.config.sources.purposeTags.map((tag) => tag.toLowerCase()));
    return tagged.some((node) =>
      ts.getJSDocTags(node).some((tag) => {
        if (tag.tagName.text !== "purpose") return false;
        const text = (typeof tag.comment === "string" ? tag.comment : (ts.getTextOfJSDocComment(tag.comment) ?? "")).trim().split(/\s+/)[0];
        return text !== undefined && wanted.has(text.toLowerCase());
      }),
    );
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
}
