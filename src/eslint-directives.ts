/**
 * ESLint's disable comments, honoured by the CLI with ESLint's own semantics, so that code that silences a
 * purpose rule in the editor is silent in CI too (one verdict):
 *
 * - `// eslint-disable-next-line <rules>` (or `/* … *\/`) silences the next line; `eslint-disable-line`, its own line;
 * - `/* eslint-disable <rules> *\/` silences from there to a matching `/* eslint-enable <rules> *\/` or the end of
 *   the file (block comments only, as in ESLint);
 * - no rule list means every rule; `-- text` after the list is the description, kept as the justification.
 *
 * A leak is silenced when the line ESLint reports it on (the sink argument's first line) is silenced for
 * `purpose/no-security-contact-leak`; a problem of another rule, when its line is silenced for that rule. As with
 * `purpose-lint-ignore`, a directive naming a purpose rule without a description is an error
 * (`suppression-without-reason`) — it still silences, as it does in ESLint, so both front ends exit 1 for it.
 */
import type TS from "typescript";
import { LEAK_RULE_ID, type Finding, type Location, type Notification } from "./analysis/findings.js";
import type { RuleProblem } from "./checks/problems.js";
import ts from "./typescript.js";

/** The plugin prefix of purpose-lint's rules in ESLint configs. */
const PURPOSE_RULE = /^purpose\//;

const DIRECTIVE = /^(?:\/\/|\/\*)\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?=\s|\*\/|$)([\s\S]*?)(?:\*\/)?$/;

export interface EslintDirective {
  kind: "disable-next-line" | "disable-line" | "disable" | "enable";
  /** Rule ids named; empty for every rule. */
  rules: string[];
  /** The text after `--`, trimmed; undefined when there is none. */
  description: string | undefined;
  location: Location;
}

/** A silenced range of lines of one file, for some rules (every rule when `rules` is empty). */
interface Silence {
  from: number;
  to: number;
  rules: string[];
  directive: EslintDirective;
}

/** The ESLint directives in a file's comments (none when its text does not mention them). */
export function scanEslintDirectives(file: TS.SourceFile): EslintDirective[] {
  const text = file.text;
  if (!/eslint-(?:disable|enable)/.test(text)) return [];
  const found: EslintDirective[] = [];
  const seen = new Set<number>();
  const visitComments = (pos: number): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, pos) ?? []), ...(ts.getTrailingCommentRanges(text, pos) ?? [])]) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const match = DIRECTIVE.exec(text.slice(range.pos, range.end).trim());
      if (match === null) continue;
      const kind = (match[1] ?? "").replace(/^eslint-/, "") as EslintDirective["kind"];
      const isBlock = range.kind === ts.SyntaxKind.MultiLineCommentTrivia;
      if ((kind === "disable" || kind === "enable") && !isBlock) continue; // ESLint ignores `// eslint-disable`
      const [list = "", ...description] = (match[2] ?? "").split(/\s-{2,}\s/);
      const start = file.getLineAndCharacterOfPosition(range.pos);
      const end = file.getLineAndCharacterOfPosition(range.end);
      const reason = description.join(" -- ").trim();
      found.push({
        kind,
        rules: list.split(",").map((rule) => rule.trim()).filter((rule) => rule !== ""),
        description: reason === "" ? undefined : reason,
        location: { file: file.fileName, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
      });
    }
  };
  const visit = (node: TS.Node): void => {
    const children = node.getChildren(file);
    if (children.length === 0) {
      if (node.kind !== ts.SyntaxKind.JsxText && node.kind !== ts.SyntaxKind.JsxTextAllWhiteSpaces) visitComments(node.pos);
      return;
    }
    for (const child of children) if (child.kind !== ts.SyntaxKind.JSDoc) visit(child);
  };
  visit(file);
  return found.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/** Whether a directive concerns purpose-lint: it names a purpose rule, or names none (every rule). */
export function concernsPurposeRules(directive: EslintDirective): boolean {
  return directive.rules.length === 0 || directive.rules.some((rule) => PURPOSE_RULE.test(rule));
}

/** Answers "is this line silenced for this rule, and by which directive?" for the files scanned. */
export class EslintSilences {
  private readonly byFile = new Map<string, Silence[]>();

  constructor(directives: readonly EslintDirective[]) {
    const open = new Map<string, EslintDirective & { from: number }>(); // "file\0rule" ('' = all) → disable
    const lastLine = new Map<string, number>();
    const add = (file: string, silence: Silence): void => {
      this.byFile.set(file, [...(this.byFile.get(file) ?? []), silence]);
    };
    for (const directive of directives) {
      const { file, line } = directive.location;
      lastLine.set(file, Math.max(lastLine.get(file) ?? 0, line));
      const rules = directive.rules;
      switch (directive.kind) {
        case "disable-next-line":
          add(file, { from: line + 1, to: line + 1, rules, directive });
          break;
        case "disable-line":
          add(file, { from: line, to: line, rules, directive });
          break;
        case "disable":
          for (const rule of rules.length === 0 ? [""] : rules) open.set(`${file}\0${rule}`, { ...directive, from: line });
          break;
        case "enable":
          for (const [key, disable] of open) {
            const [openFile = "", rule = ""] = key.split("\0");
            if (openFile !== file || (rules.length > 0 && rule !== "" && !rules.includes(rule))) continue;
            add(file, { from: disable.from, to: line, rules: rule === "" ? [] : [rule], directive: disable });
            open.delete(key);
          }
          break;
      }
    }
    for (const [key, disable] of open) {
      const [file = "", rule = ""] = key.split("\0");
      add(file, { from: disable.from, to: Number.MAX_SAFE_INTEGER, rules: rule === "" ? [] : [rule], directive: disable });
    }
  }

  /** The directive that silences `ruleId` on `location`'s first line, if any. */
  silencing(ruleId: string, location: Location): EslintDirective | undefined {
    for (const silence of this.byFile.get(location.file) ?? []) {
      if (location.line < silence.from || location.line > silence.to) continue;
      if (silence.rules.length === 0 || silence.rules.includes(ruleId)) return silence.directive;
    }
    return undefined;
  }
}

/** `suppression-without-reason` for each directive that names a purpose rule and gives no `-- description`. */
export function reasonlessDirectiveNotices(directives: readonly EslintDirective[]): Notification[] {
  return directives
    .filter((d) => d.kind !== "enable" && d.description === undefined && d.rules.some((rule) => PURPOSE_RULE.test(rule)))
    .map((d) => ({
      level: "error",
      kind: "suppression-without-reason",
      message: `eslint-${d.kind} of ${d.rules.filter((rule) => PURPOSE_RULE.test(rule)).join(", ")} without a reason; add "-- <why this flow is allowed>"`,
      location: d.location,
    }));
}

/** A leak or problem an ESLint directive silenced, with the directive (its description is the justification). */
export interface Silenced<T> {
  item: T;
  directive: EslintDirective;
}

export interface DirectiveOutcome {
  findings: Finding[];
  problems: RuleProblem[];
  silencedFindings: Silenced<Finding>[];
  silencedProblems: Silenced<RuleProblem>[];
  /** `suppression-without-reason` for directives naming a purpose rule without a description. */
  notifications: Notification[];
}

/** Applies the program's ESLint directives to findings and problems, as ESLint applies them to its reports. */
export function applyEslintDirectives(
  findings: readonly Finding[],
  problems: readonly RuleProblem[],
  directives: readonly EslintDirective[],
): DirectiveOutcome {
  const relevant = directives.filter(concernsPurposeRules);
  const outcome: DirectiveOutcome = { findings: [], problems: [], silencedFindings: [], silencedProblems: [], notifications: reasonlessDirectiveNotices(relevant) };
  if (relevant.length === 0) return { ...outcome, findings: [...findings], problems: [...problems] };
  const silences = new EslintSilences(relevant);
  for (const finding of findings) {
    // Where a suppression accepts the flow: its entry, or its sink argument when it has none (src/suppressions.ts).
    const directive = silences.silencing(LEAK_RULE_ID, finding.entry?.location ?? finding.sink.location);
    if (directive === undefined) outcome.findings.push(finding);
    else outcome.silencedFindings.push({ item: finding, directive });
  }
  for (const problem of problems) {
    const directive = silences.silencing(problem.ruleId, problem.location);
    if (directive === undefined) outcome.problems.push(problem);
    else outcome.silencedProblems.push({ item: problem, directive });
  }
  return outcome;
}

/** Every ESLint directive in the program's first-party files. */
export function scanProgramEslintDirectives(files: readonly TS.SourceFile[]): EslintDirective[] {
  return files.flatMap(scanEslintDirectives);
}
