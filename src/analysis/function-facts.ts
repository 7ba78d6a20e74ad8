/**
 * What a file's functions say about themselves syntactically, found in one walk per file and cached: which of
 * them the engine runs as roots, whether each body uses `this`, which of its parameters it reads as objects, and
 * which names it reassigns. One walk instead of one per question (and one per function): on a large program
 * these walks were a tenth of the analysis.
 */
import type TS from "typescript";
import ts from "../typescript.js";

/** What the engine runs as a root: a file's module code, a function with a body, a class's implicit constructor. */
export type AnalysisRoot = TS.SignatureDeclaration | TS.ClassLikeDeclaration | TS.SourceFile;

export interface FunctionFacts {
  /** Its body uses `this` (its own, or an arrow's inside it). */
  usesThis: boolean;
  /** Parameters its body reads as objects: `p.x`, `p[k]`, destructured (nested functions' bodies included). */
  objectParams: ReadonlySet<TS.ParameterDeclaration>;
  /** Names assigned anywhere in its body (nested functions included): such parameters are rebound. */
  reassigned: ReadonlySet<string>;
}

const NO_FACTS: FunctionFacts = { usesThis: false, objectParams: new Set(), reassigned: new Set() };

const factsByFunction = new WeakMap<TS.Node, FunctionFacts>();
const rootsByFile = new WeakMap<TS.SourceFile, AnalysisRoot[]>();

/**
 * A file's module code, every function with a body in it, and every class without a constructor whose instance
 * fields have initialisers (its implicit constructor fills them: `private readonly track = new TrackClient(…)`
 * in a DI singleton nobody in the program constructs), in source order: the analysis roots.
 */
export function rootsOf(file: TS.SourceFile): AnalysisRoot[] {
  return rootsByFile.get(file) ?? walkFile(file);
}

/** The facts of a function with a body; nothing for module code, classes and bodiless signatures. */
export function functionFacts(fn: TS.Node): FunctionFacts {
  let facts = factsByFunction.get(fn);
  if (facts === undefined && !ts.isSourceFile(fn)) {
    const file = fn.getSourceFile();
    if (!rootsByFile.has(file)) walkFile(file);
    facts = factsByFunction.get(fn);
  }
  return facts ?? NO_FACTS;
}

interface Frame {
  /** An arrow function shares its `this` with the function around it. */
  arrow: boolean;
  byName: Map<string, TS.ParameterDeclaration>;
  usesThis: boolean;
  objectParams: Set<TS.ParameterDeclaration>;
  reassigned: Set<string>;
}

/** `x = …`, `x += …`, `x++`, `--x`: the name reassigned, or undefined. */
function reassignedName(node: TS.Node): string | undefined {
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left) ? node.left.text : undefined;
  }
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand)) return node.operand.text;
  return undefined;
}

/**
 * The walk. The stack holds the frames of the functions whose body encloses the node, and `undefined` for a
 * boundary of `this` (a class, a non-arrow function's parameters and decorators, which its body does not hold).
 */
function walkFile(file: TS.SourceFile): AnalysisRoot[] {
  const roots: AnalysisRoot[] = [file];
  const stack: (Frame | undefined)[] = [];
  /** `this`, or `p.x` / `p[k]` on a parameter: what the functions on the stack read. */
  const noteRead = (node: TS.Node): void => {
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const frame = stack[i];
        if (!frame) break;
        frame.usesThis = true;
        if (!frame.arrow) break;
      }
    } else if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      for (const frame of stack) {
        const param = frame?.byName.get(name);
        if (param) frame!.objectParams.add(param);
      }
    }
  };
  const noteAssignment = (node: TS.Node): void => {
    const name = reassignedName(node);
    if (name !== undefined) for (const frame of stack) frame?.reassigned.add(name);
  };
  const visit = (node: TS.Node): void => {
    noteRead(node);
    noteAssignment(node);
    descend(node);
  };
  const descend = (node: TS.Node): void => {
    const body = ts.isFunctionLike(node) ? (node as TS.FunctionLikeDeclaration).body : undefined;
    if (body) {
      roots.push(node as TS.SignatureDeclaration);
      const fn = node as TS.SignatureDeclaration;
      const arrow = ts.isArrowFunction(node);
      const frame: Frame = { arrow, byName: new Map(), usesThis: false, objectParams: new Set(), reassigned: new Set() };
      for (const param of fn.parameters) {
        if (ts.isIdentifier(param.name)) frame.byName.set(param.name.text, param);
        else frame.objectParams.add(param);
      }
      ts.forEachChild(node, (child) => {
        const own = child === body;
        if (own) {
          // An arrow whose whole body is `u.name` returns a field: it reads no parameter of its own as an object
          // (the functions around it do read `u.name`).
          noteRead(child);
          stack.push(frame);
          noteAssignment(child);
          descend(child);
        } else {
          if (!arrow) stack.push(undefined);
          visit(child);
        }
        if (own || !arrow) stack.pop();
      });
      factsByFunction.set(fn, { usesThis: frame.usesThis, objectParams: frame.objectParams, reassigned: frame.reassigned });
      return;
    }
    if (ts.isClassLike(node) && hasImplicitInitializingConstructor(node)) roots.push(node);
    const boundary = ts.isClassLike(node) || ts.isFunctionLike(node);
    if (boundary) stack.push(undefined);
    ts.forEachChild(node, visit);
    if (boundary) stack.pop();
  };
  ts.forEachChild(file, visit);
  rootsByFile.set(file, roots);
  return roots;
}

function hasImplicitInitializingConstructor(node: TS.ClassLikeDeclaration): boolean {
  let initialises = false;
  for (const member of node.members) {
    if (ts.isConstructorDeclaration(member) && member.body) return false;
    if (ts.isPropertyDeclaration(member) && member.initializer && !ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) initialises = true;
  }
  return initialises;
}
