/**
 * The program's class hierarchy, from declarations: what a class or interface extends or implements
 * (transitively), the concrete methods an interface or abstract member may dispatch to, and the field cells a
 * write updates along the hierarchy. Cached per declaration; the subclass index is rebuilt per program.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { declarationName, factsOf, memberName } from "./declarations.js";

export class ClassHierarchy {
  constructor(
    private readonly checker: TS.TypeChecker,
    private readonly files: readonly TS.SourceFile[],
  ) {}

  /**
   * The same hierarchy for an edited version of the program: caches keyed by unchanged declarations stay
   * valid; the subclass index is built again from the new files.
   */
  derive(checker: TS.TypeChecker, files: readonly TS.SourceFile[]): ClassHierarchy {
    const next: ClassHierarchy = Object.create(ClassHierarchy.prototype) as ClassHierarchy;
    Object.assign(next, this, { checker, files, subclasses: undefined, concrete: new WeakMap() });
    return next;
  }

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

  /** Interfaces and classes a class or interface extends or implements, transitively. */
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

  /** The classes that extend or implement a class or interface, transitively, with the class itself if it is one. */
  concreteClassesOf(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration): readonly TS.ClassLikeDeclaration[] {
    let found = this.concrete.get(owner);
    if (found) return found;
    const out: TS.ClassLikeDeclaration[] = ts.isClassLike(owner) ? [owner] : [];
    const seen = new Set<TS.Node>([owner]);
    const queue: (TS.ClassLikeDeclaration | TS.InterfaceDeclaration)[] = [owner];
    while (queue.length > 0) {
      const base = queue.shift()!;
      const baseSymbol = base.name ? this.checker.getSymbolAtLocation(base.name) : undefined;
      if (!baseSymbol || !base.name) continue;
      for (const { cls, expression } of this.subclassIndex().get(base.name.text) ?? []) {
        if (seen.has(cls)) continue;
        let symbol = this.checker.getSymbolAtLocation(expression);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        if (symbol !== baseSymbol) continue;
        seen.add(cls);
        out.push(cls);
        queue.push(cls);
      }
    }
    found = out;
    this.concrete.set(owner, found);
    return found;
  }

  private readonly concrete = new WeakMap<TS.Node, readonly TS.ClassLikeDeclaration[]>();

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

export function memberNamed(owner: TS.ClassLikeDeclaration | TS.InterfaceDeclaration, name: string): TS.ClassElement | TS.TypeElement | undefined {
  return owner.members.find((m: TS.ClassElement | TS.TypeElement) => m.name !== undefined && memberName(m.name) === name);
}

