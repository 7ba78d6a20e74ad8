/**
 * Suppressions with reasons: `// purpose-lint-ignore: <reason>` at the end of the sink line, or alone on the line
 * above it, suppresses the violations whose sink argument starts on that line.
 *
 * - A suppression without a reason (`// purpose-lint-ignore`, `// purpose-lint-ignore:` with nothing after the
 *   colon) suppresses nothing and is reported as an error notification, kind `suppression-without-reason`
 *   (exit code 1): every accepted risk must say why it was accepted.
 * - A suppression with a reason that matches no violation is reported as a warning, kind `unused-suppression`.
 *
 * Comments are found from the syntax tree (the trivia before every token), so text inside strings, template
 * literals, regular expressions and JSX text is never mistaken for a comment. Only line comments count, and the
 * comment must start with the directive (`// see purpose-lint-ignore` is prose). ESLint's own disable comments are
 * ESLint's business. Only first-party files are scanned (not declaration files or node_modules), and only files
 * whose text mentions the directive are parsed for comments.
 */
import type TS from "typescript";
import type { AnalysisResult, Finding, Location, Notification } from "./analysis/findings.js";
import ts from "./typescript.js";

export const SUPPRESSION_DIRECTIVE = "purpose-lint-ignore";

/** `// purpose-lint-ignore`, then optionally `: reason` (or anything else, which is not a reason). */
const DIRECTIVE = /^\/\/\s*purpose-lint-ignore(?![\w-])(.*)$/s;

export interface Suppression {
  /** The comment's range. */
  location: Location;
  /** The text after the colon, trimmed; undefined when there is none. */
  reason: string | undefined;
  /** The 1-based line whose sink arguments it suppresses: its own after code, the next when alone on its line. */
  lines: number[];
}

/** A suppression and what it did in one run. */
export interface SuppressionRecord extends Suppression {
  status: "used" | "unused" | "missing-reason";
  /** The violations it suppressed (empty unless `used`). */
  suppressed: Finding[];
}

export interface SuppressionOutcome {
  /** The result without suppressed violations, with notifications for reasonless and unused suppressions. */
  result: AnalysisResult;
  /** Every suppression found, in file and line order. */
  suppressions: SuppressionRecord[];
}

/** The suppression comments in one file. */
export function scanSuppressions(file: TS.SourceFile): Suppression[] {
  const text = file.text;
  if (!text.includes(SUPPRESSION_DIRECTIVE)) return [];
  const seen = new Set<number>();
  const found: Suppression[] = [];
  const visitComments = (pos: number): void => {
    // A comment after code on a line is the previous token's trailing trivia; one on its own line, leading.
    const ranges = [...(ts.getTrailingCommentRanges(text, pos) ?? []), ...(ts.getLeadingCommentRanges(text, pos) ?? [])];
    for (const range of ranges) {
      if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia || seen.has(range.pos)) continue;
      seen.add(range.pos);
      const match = DIRECTIVE.exec(text.slice(range.pos, range.end));
      if (match === null) continue;
      const rest = (match[1] ?? "").trim();
      const reason = rest.startsWith(":") ? rest.slice(1).trim() : "";
      const start = file.getLineAndCharacterOfPosition(range.pos);
      const end = file.getLineAndCharacterOfPosition(range.end);
      const line = start.line + 1;
      // Alone on its line, it is about the next line; after code, about its own line only.
      const alone = text.slice(range.pos - start.character, range.pos).trim() === "";
      found.push({
        location: { file: file.fileName, line, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        reason: reason === "" ? undefined : reason,
        lines: alone ? [line + 1] : [line],
      });
    }
  };
  const visit = (node: TS.Node): void => {
    const children = node.getChildren(file);
    if (children.length === 0) {
      // JSX text is not trivia: `// x` inside it is text on the page.
      if (node.kind !== ts.SyntaxKind.JsxText && node.kind !== ts.SyntaxKind.JsxTextAllWhiteSpaces) visitComments(node.pos);
      return;
    }
    for (const child of children) {
      if (child.kind === ts.SyntaxKind.JSDoc) continue; // its text is a block comment, found as trivia
      visit(child);
    }
  };
  visit(file);
  return found.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/** The program's first-party source files, as the engine analyses them. */
export function firstPartySourceFiles(program: TS.Program): TS.SourceFile[] {
  return program
    .getSourceFiles()
    .filter(
      (file) =>
        !file.isDeclarationFile &&
        !program.isSourceFileFromExternalLibrary(file) &&
        !file.fileName.split(/[\\/]/).includes("node_modules"),
    );
}

/** Every suppression in the program's first-party files. */
export function scanProgramSuppressions(program: TS.Program): Suppression[] {
  return firstPartySourceFiles(program).flatMap(scanSuppressions);
}

/** Applies suppressions to a result: removes suppressed violations and adds notifications. Pure. */
export function applySuppressions(result: AnalysisResult, suppressions: readonly Suppression[]): SuppressionOutcome {
  const records: SuppressionRecord[] = suppressions.map((s) => ({
    ...s,
    status: s.reason === undefined ? "missing-reason" : "unused",
    suppressed: [],
  }));
  // Index by "file\0line" for the suppressions that have a reason.
  const byLine = new Map<string, SuppressionRecord[]>();
  for (const record of records) {
    if (record.reason === undefined) continue;
    for (const line of record.lines) {
      const key = `${record.location.file}\u0000${String(line)}`;
      byLine.set(key, [...(byLine.get(key) ?? []), record]);
    }
  }
  const findings: Finding[] = [];
  for (const finding of result.findings) {
    const sink = finding.sink.location;
    const matching = byLine.get(`${sink.file}\u0000${String(sink.line)}`) ?? [];
    if (matching.length === 0) {
      findings.push(finding);
      continue;
    }
    for (const record of matching) {
      record.status = "used";
      record.suppressed.push(finding);
    }
  }
  const notifications: Notification[] = [];
  for (const record of records) {
    if (record.status === "missing-reason") {
      notifications.push({
        level: "error",
        kind: "suppression-without-reason",
        message:
          `${SUPPRESSION_DIRECTIVE} without a reason suppresses nothing; write ` +
          `"// ${SUPPRESSION_DIRECTIVE}: <why this flow is allowed>"`,
        location: record.location,
      });
    } else if (record.status === "unused") {
      notifications.push({
        level: "warning",
        kind: "unused-suppression",
        message: `${SUPPRESSION_DIRECTIVE} matches no violation; remove it ("${record.reason ?? ""}")`,
        location: record.location,
      });
    }
  }
  return {
    result: { ...result, findings, notifications: [...result.notifications, ...notifications] },
    suppressions: records,
  };
}

/** True when a result holds a suppression without a reason: the CLI exits 1 for it, like for a violation. */
export function hasReasonlessSuppression(result: AnalysisResult): boolean {
  return result.notifications.some((n) => n.kind === "suppression-without-reason");
}

/**
 * The findings in `file` that no suppression with a reason in it covers — for front ends that report one file at
 * a time (the ESLint rule), so they hide exactly what the CLI hides.
 */
export function unsuppressedFindings(findings: readonly Finding[], file: TS.SourceFile): Finding[] {
  const covered = new Set<number>();
  for (const suppression of scanSuppressions(file)) {
    if (suppression.reason !== undefined) for (const line of suppression.lines) covered.add(line);
  }
  return findings.filter((f) => f.sink.location.file !== file.fileName || !covered.has(f.sink.location.line));
}
