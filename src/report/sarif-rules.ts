/**
 * The SARIF rule descriptors: one per rule the CLI runs, with the ESLint rule ids. Code-scanning metadata follows
 * CodeQL's conventions (`kind` "path-problem" for a flow with a code flow, `problem.severity`,
 * `security-severity`, `external/cwe/cwe-359` — exposure of private personal information to an unauthorised
 * actor). Help is the rule's page shipped in the package (rules/<id>.md), embedded as Markdown: no link to a page
 * that does not exist.
 */
import fs from "node:fs";
import type { ReportingDescriptor } from "sarif";
import { LEAK_RULE_ID } from "../analysis/findings.js";
import { BRAND_CAST_RULE_ID, DECLASSIFY_REASON_RULE_ID } from "../checks/problems.js";

const CWE_359 = "external/cwe/cwe-359";

interface RuleText {
  id: string;
  name: string;
  short: string;
  full: string;
  help: string;
  kind: "path-problem" | "problem";
  precision: "very-high" | "high";
  securitySeverity: string;
  tags: string[];
}

const RULE_TEXTS: readonly RuleText[] = [
  {
    id: LEAK_RULE_ID,
    name: "NoSecurityContactLeak",
    short: "Security contact data reaches advertising, marketing or analytics code",
    full:
      "Reports every flow from a value typed SecurityContact<T> to an argument of a sink marked @sink advertising, " +
      "@sink marketing or @sink analytics, or of a known advertising, marketing or analytics SDK call.",
    help:
      "A value typed SecurityContact<T> (a two-factor phone, a recovery email) was collected for account security " +
      "only. Using it for advertising, marketing or analytics breaks that purpose limitation, even after " +
      "normalising or hashing it: hashed identifiers are what ad platforms match audiences on. Stop the flow, or, " +
      'after review, pass the value through declassify(value, "justification").',
    kind: "path-problem",
    precision: "high",
    securitySeverity: "7.5",
    tags: ["security", "privacy", CWE_359],
  },
  {
    id: BRAND_CAST_RULE_ID,
    name: "NoBrandCast",
    short: "A type assertion or any annotation strips the SecurityContact brand outside declassify",
    full:
      "Reports assertions (as string, as unknown as T) and any annotations that remove the SecurityContact brand: " +
      "a value read through the unbranded type is no longer followed, so its flows into sinks go unreported.",
    help: 'Use declassify(value, "why this flow is allowed") instead of the cast, or keep the brand in the target type.',
    kind: "problem",
    precision: "high",
    securitySeverity: "5.0",
    tags: ["security", "privacy", CWE_359],
  },
  {
    id: DECLASSIFY_REASON_RULE_ID,
    name: "DeclassifyNeedsReason",
    short: "declassify() without a real, literal justification",
    full: "Reports declassify calls whose justification is missing, empty, a placeholder (ok, todo) or not a string literal.",
    help: "Write, as a string literal, why this flow is allowed: the reviewer reads it in the audit.",
    kind: "problem",
    precision: "very-high",
    securitySeverity: "3.0",
    tags: ["security", "privacy"],
  },
];

/** The rule descriptors of a run, in `ruleIndex` order. */
export function sarifRules(): ReportingDescriptor[] {
  return RULE_TEXTS.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: { text: rule.help, markdown: rulePage(rule.id) ?? rule.help },
    defaultConfiguration: { level: "error" },
    properties: {
      kind: rule.kind,
      "problem.severity": "error",
      precision: rule.precision,
      "security-severity": rule.securitySeverity,
      tags: rule.tags,
    },
  }));
}

/** The index of a rule in {@link sarifRules}. */
export function sarifRuleIndex(ruleId: string): number {
  return RULE_TEXTS.findIndex((rule) => rule.id === ruleId);
}

const pages = new Map<string, string | undefined>();

/**
 * The rule's page, rules/<name>.md in the package: from src/report/ (sources) or dist/src/report/ (the build).
 * Undefined if the package ships without it.
 */
function rulePage(ruleId: string): string | undefined {
  if (!pages.has(ruleId)) {
    const name = ruleId.replace(/^purpose\//, "");
    let text: string | undefined;
    for (const relative of [`../../rules/${name}.md`, `../../../rules/${name}.md`]) {
      try {
        text = fs.readFileSync(new URL(relative, import.meta.url), "utf8");
        break;
      } catch {
        // not at this level
      }
    }
    pages.set(ruleId, text);
  }
  return pages.get(ruleId);
}
