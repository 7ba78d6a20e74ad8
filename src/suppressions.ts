/**
 * Suppressions bound to the flow they accept: `// purpose-lint-ignore: <reason>` at the end of a line, or alone on
 * the line above it, accepts the violations whose *acceptance line* it is — the line of the flow's entry (the call
 * that hands the value to the code that forwards it to the sink, analysis/entry.ts), or, for a flow that has no
 * separate entry (source read and sink argument in one function), of its sink argument. So a suppression on the SDK
 * call inside a shared wrapper accepts only flows that start inside the wrapper; every caller's flow is accepted
 * (or not) where it enters, and a new caller is reported.
 *
 * `// purpose-lint-ignore twoFactorPhone: <reason>` (fields separated by commas, `User.twoFactorPhone` also
 * matches) accepts only those source fields, so a new field passed through the same accepted call is reported.
 *
 * - A suppression without a reason suppresses nothing and is reported as an error notification, kind
 *   `suppression-without-reason` (exit code 1): every accepted risk must say why it was accepted.
 * - A suppression with a reason that accepts no violation is reported as a warning, kind `unused-suppression`;
 *   when flows reach a sink on its line but enter elsewhere, the warning names their entries.
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
/** What follows the directive: optional source fields (`twoFactorPhone, User.recoveryEmail`), a colon, the reason. */
const FIELDS_AND_REASON = /^\s*([\w$]+(?:\.[\w$]+)*(?:\s*,\s*[\w$]+(?:\.[\w$]+)*)*)?\s*:(.*)$/s;

export interface Suppression {
  /** The comment's range. */
  location: Location;
  /** The text after the colon, trimmed; undefined when there is none. */
  reason: string | undefined;
  /** The source fields it accepts (`// purpose-lint-ignore twoFactorPhone: …`); every field when absent. */
  fields?: string[];
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
      const parsed = FIELDS_AND_REASON.exec(match[1] ?? "");
      const reason = parsed ? (parsed[2] ?? "").trim() : "";
      const fields = parsed?.[1]?.split(",").map((name) => name.trim());
      const start = file.getLineAndCharacterOfPosition(range.pos);
      const end = file.getLineAndCharacterOfPosition(range.end);
      const line = start.line + 1;
      // Alone on its line, it is about the next line; after code, about its own line only.
      const alone = text.slice(range.pos - start.character, range.pos).trim() === "";
      found.push({
        location: { file: file.fileName, line, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        reason: reason === "" ? undefined : reason,
        lines: alone ? [line + 1] : [line],
        ...(fields ? { fields } : {}),
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

/** Every suppression in the program's first-party files (each file scanned once while its SourceFile lives). */
export function scanProgramSuppressions(program: TS.Program): Suppression[] {
  return firstPartySourceFiles(program).flatMap((file) => {
    let found = scanned.get(file);
    if (found === undefined) scanned.set(file, (found = scanSuppressions(file)));
    return found;
  });
}

const scanned = new WeakMap<TS.SourceFile, Suppression[]>();

/**
 * Where a suppression accepts a violation: its entry (the call that hands the value to the code that forwards it),
 * or its sink argument when source read and sink are in one function.
 */
export function acceptanceLocation(finding: Finding): Location {
  return finding.entry?.location ?? finding.sink.location;
}

/** Does a suppression accept violations of this source field ("User.twoFactorPhone")? */
function acceptsField(suppression: Suppression, field: string): boolean {
  if (suppression.fields === undefined) return true;
  const short = field.slice(field.lastIndexOf(".") + 1);
  return suppression.fields.some((name) => name === field || name === short);
}

const lineKey = (file: string, line: number): string => `${file}\u0000${String(line)}`;

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
      const key = lineKey(record.location.file, line);
      byLine.set(key, [...(byLine.get(key) ?? []), record]);
    }
  }
  const findings: Finding[] = [];
  for (const finding of result.findings) {
    const at = acceptanceLocation(finding);
    const matching = (byLine.get(lineKey(at.file, at.line)) ?? []).filter((r) => acceptsField(r, finding.source.field));
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
          `"// ${SUPPRESSION_DIRECTIVE}: <why this flow is allowed>" (or "// ${SUPPRESSION_DIRECTIVE} twoFactorPhone: <why>" to accept one source field)`,
        location: record.location,
      });
    } else if (record.status === "unused") {
      notifications.push({ level: "warning", kind: "unused-suppression", message: unusedMessage(record, result.findings), location: record.location });
    }
  }
  return {
    result: { ...result, findings, notifications: [...result.notifications, ...notifications] },
    suppressions: records,
  };
}

/** Why a suppression accepted nothing, when the violations near it say why. */
function unusedMessage(record: SuppressionRecord, findings: readonly Finding[]): string {
  const on = (location: Location): boolean => location.file === record.location.file && record.lines.includes(location.line);
  const remove = `remove it ("${record.reason ?? ""}")`;
  if (findings.some((f) => on(f.sink.location) && f.entry !== undefined && !on(f.entry.location))) {
    return (
      `${SUPPRESSION_DIRECTIVE} accepts no violation: the flows that reach this sink enter from other functions, and ` +
      `a suppression accepts a flow where it enters (each violation names its entry); ${remove}`
    );
  }
  if (record.fields && findings.some((f) => on(acceptanceLocation(f)))) {
    return `${SUPPRESSION_DIRECTIVE} accepts only ${record.fields.join(", ")}, and no flow of it enters here; ${remove}`;
  }
  return `${SUPPRESSION_DIRECTIVE} matches no violation; ${remove}`;
}

/** True when a result holds a suppression without a reason: the CLI exits 1 for it, like for a violation. */
export function hasReasonlessSuppression(result: AnalysisResult): boolean {
  return result.notifications.some((n) => n.kind === "suppression-without-reason");
}
