/**
 * SARIF 2.1.0 for code-scanning services: one run; one rule per rule the CLI runs (src/report/sarif-rules.ts); one
 * result per violation with the sink argument as its location, the source read as a related location the message
 * links to, and the witness trace as a code flow; one result per problem of the other rules; what comments in the
 * source silenced, as results with `suppressions` (kind inSource, with the comment's reason). URIs are relative to
 * the repository root (`%SRCROOT%`), so a run from a sub-package maps onto the repository; every file is listed
 * once in `artifacts`. Modelled on knip's, eslint-formatter-sarif's and CodeQL's output: relative POSIX URIs, a
 * stable result order, `ruleIndex`, 1-based regions, and `results` always present.
 */
import path from "node:path";
import type {
  Artifact,
  Log,
  Message,
  Notification as SarifNotification,
  PhysicalLocation,
  Result,
  Suppression,
  ThreadFlowLocation,
} from "sarif";
import type { AnalysisResult, Finding, Location, SuppressedResult } from "../analysis/findings.js";
import { LEAK_RULE_ID } from "../analysis/findings.js";
import type { RuleProblem } from "../checks/problems.js";
import type { ReportContext } from "./context.js";
import { isIncomplete } from "../analysis/incomplete.js";
import { witnessSteps } from "./flow.js";
import { directoryUrl, fileUrl, isOutside, relativePosix, relativeUri } from "./paths.js";
import { repositoryRoot } from "./repo-root.js";
import { sarifRuleIndex, sarifRules } from "./sarif-rules.js";
import { compareStrings, sortFindings, unnamedSkippedFiles } from "./summary.js";
import { TOOL_NAME } from "./tool-info.js";

/** The base URI id every artifact location is relative to; a viewer maps it to the checkout. */
export const SRCROOT = "%SRCROOT%";

/** The partial fingerprint key; bump the suffix if the engine's fingerprint recipe changes. */
export const FINGERPRINT_KEY = "purposeFlow/v2";

/** Formats a result as a SARIF 2.1.0 log (two-space indented, no trailing newline). */
export function formatSarif(result: AnalysisResult, context: ReportContext): string {
  return JSON.stringify(buildSarifLog(result, context), null, 2);
}

/** The SARIF log as an object, for callers that merge runs. */
export function buildSarifLog(result: AnalysisResult, context: ReportContext): Log {
  const root = repositoryRoot(context.cwd);
  const artifacts = new ArtifactTable(root);
  const physical = (location: Location): PhysicalLocation => ({
    artifactLocation: artifacts.locationOf(location.file),
    region: {
      startLine: Math.max(1, location.line),
      startColumn: Math.max(1, location.column),
      endLine: Math.max(1, location.endLine),
      endColumn: Math.max(1, location.endColumn),
    },
  });

  const results: Result[] = [
    ...sortFindings(result.findings).map((finding) => toResult(finding, physical)),
    ...(result.problems ?? []).map((problem) => problemResult(problem, physical)),
    ...(result.suppressed ?? []).flatMap((suppressed) => suppressedResult(suppressed, physical)),
  ];
  const notifications: SarifNotification[] = [
    ...result.notifications.map((n): SarifNotification => ({
      level: n.level,
      message: { text: n.message },
      descriptor: { id: n.kind },
      ...(n.location === undefined ? {} : { locations: [{ physicalLocation: physical(n.location) }] }),
    })),
    ...[...unnamedSkippedFiles(result)].sort(compareStrings).map(
      (file): SarifNotification => ({
        level: "error",
        message: { text: `Skipped ${relativePosix(file, context.cwd)}: it has syntax errors, so it was not analysed.` },
        descriptor: { id: "syntax-error" },
        locations: [{ physicalLocation: { artifactLocation: artifacts.locationOf(file) } }],
      }),
    ),
  ];

  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            rules: sarifRules(),
          },
        },
        automationDetails: { id: automationId(context, root) },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUrl(root), description: { text: "The repository root." } } },
        artifacts: artifacts.list(),
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: !isIncomplete(result),
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
}

type Physical = (location: Location) => PhysicalLocation;

function toResult(finding: Finding, physical: Physical): Result {
  const flow: ThreadFlowLocation[] = witnessSteps(finding).map((step, i) => ({
    location: { physicalLocation: physical(step.location), message: { text: step.label } },
    executionOrder: i + 1,
  }));
  return {
    ruleId: LEAK_RULE_ID,
    ruleIndex: sarifRuleIndex(LEAK_RULE_ID),
    level: "error",
    // The links open the related locations: where the security contact is read (1) and where the flow enters (2).
    message: {
      text:
        `${escapeMessage(finding.message)}. The security contact is read [here](1)` +
        (finding.entry === undefined ? "." : ` and handed to ${escapeMessage(finding.entry.callee)} [here](2).`),
    },
    locations: [{ physicalLocation: physical(finding.sink.location) }],
    relatedLocations: [
      {
        id: 1,
        physicalLocation: physical(finding.source.location),
        message: { text: `${finding.source.field}: security contact read here` },
      },
      // The entry (analysis/entry.ts): where the code that read the value hands it to the code that forwards it.
      ...(finding.entry === undefined
        ? []
        : [{ id: 2, physicalLocation: physical(finding.entry.location), message: { text: `entry: ${finding.entry.message}` } }]),
    ],
    codeFlows: [{ threadFlows: [{ locations: flow }] }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      purpose: finding.sink.purpose,
      sinkCallee: finding.sink.callee,
      sinkOrigin: finding.sink.origin,
      sourceField: finding.source.field,
      tags: [finding.sink.purpose],
    },
  };
}

function problemResult(problem: RuleProblem, physical: Physical): Result {
  return {
    ruleId: problem.ruleId,
    ruleIndex: sarifRuleIndex(problem.ruleId),
    level: "error",
    message: plainMessage(problem.message),
    locations: [{ physicalLocation: physical(problem.location) }],
    properties: { messageId: problem.messageId },
  };
}

/** A result a comment silenced: reported, with the comment as an in-source suppression, so reviewers see it. */
function suppressedResult(suppressed: SuppressedResult, physical: Physical): Result[] {
  const result =
    suppressed.finding !== undefined
      ? toResult(suppressed.finding, physical)
      : suppressed.problem !== undefined
        ? problemResult(suppressed.problem, physical)
        : undefined;
  if (result === undefined) return [];
  const suppression: Suppression = {
    kind: "inSource",
    status: "accepted",
    ...(suppressed.justification === "" ? {} : { justification: suppressed.justification }),
    location: { physicalLocation: physical(suppressed.comment), message: { text: suppressed.directive } },
  };
  return [{ ...result, suppressions: [suppression] }];
}

/** `purpose-lint/<the project's directory, relative to the repository root>/`: the code-scanning category. */
function automationId(context: ReportContext, root: string): string {
  const project = context.project === undefined ? context.cwd : path.dirname(context.project);
  const relative = relativePosix(project, root);
  return relative === "." || isOutside(relative) ? `${TOOL_NAME}/` : `${TOOL_NAME}/${relative}/`;
}

/** Message text without embedded links: brackets are literal (SARIF §3.11.6 escapes them). */
function escapeMessage(text: string): string {
  return text.replace(/[[\]\\]/g, (character) => `\\${character}`);
}

function plainMessage(text: string): Message {
  return { text: escapeMessage(text) };
}

/** The files a log mentions, each listed once in `artifacts` and referred to by index. */
class ArtifactTable {
  private readonly indexOf = new Map<string, number>();
  private readonly artifacts: Artifact[] = [];

  constructor(private readonly root: string) {}

  /** The artifact location of a file: relative to `%SRCROOT%`, or an absolute file URL outside it. */
  locationOf(file: string): NonNullable<PhysicalLocation["artifactLocation"]> {
    const relative = relativePosix(file, this.root);
    const location = isOutside(relative) ? { uri: fileUrl(file) } : { uri: relativeUri(relative), uriBaseId: SRCROOT };
    let index = this.indexOf.get(location.uri);
    if (index === undefined) {
      index = this.artifacts.length;
      this.indexOf.set(location.uri, index);
      this.artifacts.push({ location, sourceLanguage: languageOf(file) });
    }
    return { ...location, index };
  }

  list(): Artifact[] {
    return this.artifacts;
  }
}

function languageOf(file: string): string {
  return /\.[cm]?jsx?$/.test(file) ? "javascript" : "typescript";
}
