/**
 * `purpose/no-security-contact-leak`: the editor face of the engine. It runs no analysis of its own: it asks the
 * shared engine for the whole program's findings (once per `ts.Program`, see src/analysis/cache.ts) and reports
 * those whose sink argument lies in the file being linted (messageId `leak`), and those whose entry does — the
 * call that hands the value to the code that forwards it to the sink (messageId `leakEntry`), so the developer
 * who writes a leak through a wrapper in another file sees it. So the editor shows exactly what the CLI shows,
 * flows that start in other files included, and hides what the program's suppressions accept.
 */

import { ESLintUtils } from "@typescript-eslint/utils";
import type { TSESTree } from "@typescript-eslint/utils";

import { findingsInFile } from "../src/analysis/cache.js";
import type { Finding, Location } from "../src/analysis/findings.js";
import { acceptedInSource } from "../src/suppress.js";
import { createRule } from "./create-rule.js";
import { isOutsideProject } from "./parser.js";
import { analysisForLint, CONFIG_FILE_OPTION_SCHEMA, type LeakRuleOptions } from "./lint-analysis.js";
import { projectProgram } from "./project-program.js";

export type MessageIds = "leak" | "leakEntry";

export { configForLint, type LeakRuleOptions } from "./lint-analysis.js";

// Fallback wording only (the engine's `Finding.message` is used when present), following the engine's choice of
// hops: the named functions the value came back from at the source's own call depth, and the hashing and
// encoding it went through. Argument passing, plain string/array methods and anonymous callbacks stay in the trace.
const RETURN_LABEL = /^returned from(?: getter)? (\S+)$/;
const TRANSFORM_LABEL = /^(?:hashed by|encoded by|serialised by) (\S+)$/;

/** The function a trace step names as a hop, if any ("returned from normalizePhone", "hashed by createHash"). */
export function functionNameOfLabel(label: string): string | undefined {
  return RETURN_LABEL.exec(label)?.[1] ?? TRANSFORM_LABEL.exec(label)?.[1];
}

/** The functions a finding's value passed through, in order of first appearance, each once. */
export function hopsOfFinding(finding: Finding): string[] {
  const hops: string[] = [];
  let depth = 0; // calls entered since the source: a helper's own helpers stay inside it
  for (const step of finding.trace) {
    let name: string | undefined;
    if (step.kind === "call") depth++;
    else if (step.kind === "return") {
      depth = Math.max(0, depth - 1);
      if (depth === 0) name = RETURN_LABEL.exec(step.label)?.[1];
    } else if (step.kind === "transform") name = TRANSFORM_LABEL.exec(step.label)?.[1];
    if (name !== undefined && name !== "callback" && !hops.includes(name)) hops.push(name);
  }
  return hops;
}

/**
 * What the editor says about a finding: the engine's message (the CLI's words), or, for a finding without one,
 * the same sentence built from the trace.
 */
export function leakMessage(finding: Finding): string {
  if (finding.message.trim() !== "") return finding.message;
  const data = leakMessageData(finding);
  return `${data.source} (SecurityContact) reaches ${data.purpose} sink ${data.sink}${data.via}`;
}

/** The parts of a trace-built message: "twoFactorPhone (SecurityContact) reaches advertising sink x via a → b". */
export function leakMessageData(finding: Finding): { source: string; purpose: string; sink: string; via: string } {
  const field = finding.source.field;
  const source = field.slice(field.lastIndexOf(".") + 1) || field;
  const hops = hopsOfFinding(finding);
  return {
    source,
    purpose: finding.sink.purpose,
    sink: finding.sink.callee,
    via: hops.length === 0 ? "" : ` via ${hops.join(" → ")}`,
  };
}

export default createRule<[LeakRuleOptions], MessageIds>({
  name: "no-security-contact-leak",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow values from SecurityContact fields reaching advertising, marketing or analytics sinks, across files",
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      // The engine's own one-liner, so the editor words a finding exactly as the CLI does:
      // "twoFactorPhone (SecurityContact) reaches advertising sink addToTailoredAudience via normalizePhone → createHash".
      leak: "{{message}}",
      // At the entry: "passes twoFactorPhone into trackEvent, which sends it to PostHog capture — analytics (src/analytics/posthog.ts:4)".
      leakEntry: "{{message}}",
    },
    schema: CONFIG_FILE_OPTION_SCHEMA,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context, true);
    return {
      Program(node: TSESTree.Program): void {
        // JavaScript no tsconfig includes (rules/parser.ts): the CLI does not analyse it either.
        if (services.program == null || isOutsideProject(services)) return;
        const project = projectProgram(services, node, context.sourceCode.text);
        if (project === undefined) return; // an isolated Program of a file no tsconfig includes: no project
        const { program, sourceFile } = project;
        const result = analysisForLint(program, context, options);
        // The name the Program knows this file by, and the name ESLint was given: either may match the
        // engine's path (symlinks, case, separators), so look both up.
        const inFile = (at: "sink" | "entry"): readonly Finding[] => {
          const found = findingsInFile(result, context.filename, at);
          return found.length === 0 && sourceFile.fileName !== context.filename ? findingsInFile(result, sourceFile.fileName, at) : found;
        };
        // `// purpose-lint-ignore: <reason>` (and an ESLint directive) hides a violation in the editor exactly as it
        // does in CI, wherever in the program it sits (at the flow's entry, or at a local flow's sink).
        const accepted = acceptedInSource(program, result);
        const reported = new Set<string>();
        const report = (location: Location, messageId: MessageIds, message: string): void => {
          const loc = toEslintLoc(location, context.sourceCode.lines);
          const key = `${messageId}:${String(loc.start.line)}:${String(loc.start.column)}:${message}`;
          if (reported.has(key)) return;
          reported.add(key);
          context.report({ loc, messageId, data: { message } });
        };
        for (const finding of inFile("sink")) if (!accepted.has(finding)) report(finding.sink.location, "leak", leakMessage(finding));
        for (const finding of inFile("entry")) {
          if (finding.entry && !accepted.has(finding)) report(finding.entry.location, "leakEntry", finding.entry.message);
        }
      },
    };
  },
});

/** 1-based line and column (end exclusive) → ESLint's 1-based line, 0-based column, clamped to the file. */
function toEslintLoc(location: Location, lines: readonly string[]): TSESTree.SourceLocation {
  const clampLine = (line: number): number => Math.min(Math.max(line, 1), Math.max(lines.length, 1));
  const clampColumn = (line: number, column: number): number =>
    Math.min(Math.max(column - 1, 0), lines[line - 1]?.length ?? 0);
  const startLine = clampLine(location.line);
  const endLine = clampLine(Math.max(location.endLine, location.line));
  const start = { line: startLine, column: clampColumn(startLine, location.column) };
  let end = { line: endLine, column: clampColumn(endLine, location.endColumn) };
  if (end.line === start.line && end.column < start.column) end = { ...start };
  return { start, end };
}
