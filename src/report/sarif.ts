/**
 * SARIF 2.1.0 for code-scanning services: one run, one rule, one result per violation with the sink argument as
 * its location, the source read as a related location, and the witness trace as a code flow.
 * Modelled on knip's and eslint-formatter-sarif's reporters: relative POSIX URIs against `%SRCROOT%`, a stable
 * result order, `ruleIndex`, 1-based regions, and `results` always present.
 */
import type {
  Log,
  Notification as SarifNotification,
  PhysicalLocation,
  ReportingDescriptor,
  Result,
  ThreadFlowLocation,
} from "sarif";
import { LEAK_RULE_ID, type AnalysisResult, type Finding, type Location } from "../analysis/findings.js";
import { BRAND_CAST_RULE_ID, DECLASSIFY_REASON_RULE_ID, type RuleProblem } from "../checks/problems.js";
import type { ReportContext } from "./context.js";
import { isIncomplete } from "../analysis/incomplete.js";
import { witnessSteps } from "./flow.js";
import { directoryUrl, fileUrl, isOutside, relativePosix, relativeUri } from "./paths.js";
import { compareStrings, sortFindings } from "./summary.js";
import { INFORMATION_URI, LEAK_RULE_HELP_URI, TOOL_NAME } from "./tool-info.js";

/** The base URI id every artifact location is relative to; a viewer maps it to the checkout. */
export const SRCROOT = "%SRCROOT%";

/** The partial fingerprint key; bump the suffix if the engine's fingerprint recipe changes. */
export const FINGERPRINT_KEY = "purposeFlow/v2";

const RULE_HELP_TEXT =
  "A value typed SecurityContact<T> (a two-factor phone, a recovery email) was collected for account security " +
  "only. Using it for advertising, marketing or analytics breaks that purpose limitation, even after " +
  "normalising or hashing it: hashed identifiers are what ad platforms match audiences on. Stop the flow, or, " +
  'after review, pass the value through declassify(value, "justification").';

const LEAK_RULE: ReportingDescriptor = {
  id: LEAK_RULE_ID,
  name: "NoSecurityContactLeak",
  shortDescription: { text: "Security contact data reaches advertising, marketing or analytics code" },
  fullDescription: {
    text:
      "Reports every flow from a value typed SecurityContact<T> to an argument of a sink marked " +
      "@sink advertising, @sink marketing or @sink analytics, or of a known advertising, marketing or analytics SDK call.",
  },
  help: {
    text: RULE_HELP_TEXT,
    markdown:
      "A value typed `SecurityContact<T>` (a two-factor phone, a recovery email) was collected for **account " +
      "security only**. Using it for advertising, marketing or analytics breaks that purpose limitation, even " +
      "after normalising or hashing it: hashed identifiers are what ad platforms match audiences on.\n\n" +
      "Follow the code flow from the source read to the sink argument, and stop the flow there; or, after " +
      'review, pass the value through `declassify(value, "justification")`.',
  },
  helpUri: LEAK_RULE_HELP_URI,
  defaultConfiguration: { level: "error" },
  properties: { precision: "high", "security-severity": "7.5", tags: ["security", "privacy"] },
};

const BRAND_CAST_RULE: ReportingDescriptor = {
  id: BRAND_CAST_RULE_ID,
  name: "NoBrandCast",
  shortDescription: { text: "A type assertion or any annotation strips the SecurityContact brand outside declassify" },
  fullDescription: {
    text:
      "Reports assertions (as string, as unknown as T) and any annotations that remove the SecurityContact brand: " +
      "a value read through the unbranded type is no longer followed, so its flows into sinks go unreported.",
  },
  help: { text: 'Use declassify(value, "why this flow is allowed") instead of the cast, or keep the brand in the target type.' },
  defaultConfiguration: { level: "error" },
  properties: { precision: "high", tags: ["security", "privacy"] },
};

const DECLASSIFY_REASON_RULE: ReportingDescriptor = {
  id: DECLASSIFY_REASON_RULE_ID,
  name: "DeclassifyNeedsReason",
  shortDescription: { text: "declassify() without a real, literal justification" },
  fullDescription: {
    text: "Reports declassify calls whose justification is missing, empty, a placeholder (ok, todo) or not a string literal.",
  },
  help: { text: "Write, as a string literal, why this flow is allowed: the reviewer reads it in the audit." },
  defaultConfiguration: { level: "error" },
  properties: { precision: "very-high", tags: ["security", "privacy"] },
};

/** The rules of a run, in `ruleIndex` order. */
const RULES: readonly ReportingDescriptor[] = [LEAK_RULE, BRAND_CAST_RULE, DECLASSIFY_REASON_RULE];

/** Formats a result as a SARIF 2.1.0 log (two-space indented, no trailing newline). */
export function formatSarif(result: AnalysisResult, context: ReportContext): string {
  return JSON.stringify(buildSarifLog(result, context), null, 2);
}

/** The SARIF log as an object, for callers that merge runs. */
export function buildSarifLog(result: AnalysisResult, context: ReportContext): Log {
  const physical = (location: Location): PhysicalLocation => ({
    ...artifact(location.file, context.cwd),
    region: {
      startLine: Math.max(1, location.line),
      startColumn: Math.max(1, location.column),
      endLine: Math.max(1, location.endLine),
      endColumn: Math.max(1, location.endColumn),
    },
  });

  const notifications: SarifNotification[] = [
    ...result.notifications.map((n): SarifNotification => ({
      level: n.level,
      message: { text: n.message },
      descriptor: { id: n.kind },
      ...(n.location === undefined ? {} : { locations: [{ physicalLocation: physical(n.location) }] }),
    })),
    ...[...result.skippedFiles].sort(compareStrings).map(
      (file): SarifNotification => ({
        level: "error",
        message: { text: `Skipped ${relativePosix(file, context.cwd)}: it has syntax errors, so it was not analysed.` },
        descriptor: { id: "syntax-error" },
        locations: [{ physicalLocation: artifact(file, context.cwd) }],
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
            informationUri: INFORMATION_URI,
            rules: [...RULES],
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUrl(context.cwd) } },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: !isIncomplete(result),
            toolExecutionNotifications: notifications,
          },
        ],
        results: [
          ...sortFindings(result.findings).map((finding) => toResult(finding, physical)),
          ...(result.problems ?? []).map((problem) => problemResult(problem, physical)),
        ],
      },
    ],
  };
}

function toResult(finding: Finding, physical: (location: Location) => PhysicalLocation): Result {
  const flow: ThreadFlowLocation[] = witnessSteps(finding).map((step, i) => ({
    location: { physicalLocation: physical(step.location), message: { text: step.label } },
    executionOrder: i + 1,
  }));
  return {
    ruleId: LEAK_RULE_ID,
    ruleIndex: 0,
    level: "error",
    message: { text: finding.message },
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

function problemResult(problem: RuleProblem, physical: (location: Location) => PhysicalLocation): Result {
  return {
    ruleId: problem.ruleId,
    ruleIndex: RULES.findIndex((rule) => rule.id === problem.ruleId),
    level: "error",
    message: { text: problem.message },
    locations: [{ physicalLocation: physical(problem.location) }],
    properties: { messageId: problem.messageId },
  };
}

/** An artifact location relative to `%SRCROOT%`, or an absolute file URL for files outside it. */
function artifact(file: string, cwd: string): PhysicalLocation {
  const relative = relativePosix(file, cwd);
  return isOutside(relative)
    ? { artifactLocation: { uri: fileUrl(file) } }
    : { artifactLocation: { uri: relativeUri(relative), uriBaseId: SRCROOT } };
}
