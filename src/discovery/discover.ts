/**
 * Candidate security contacts (issue 12): unbranded fields whose values the program uses for account security.
 * Runs the engine's flow analysis once with every unbranded string field as a source (candidate-fields.ts) and
 * the security-use catalog plus `@purpose security` functions as targets, then groups the flows by field:
 *
 * - a field that reaches a security use is a candidate, with each flow as evidence (usage evidence);
 * - a candidate that also reaches an advertising, marketing or analytics sink is **dual-use**: branding it would
 *   make those flows violations, so the report shows both and leaves the decision to a person;
 * - fields only *named* like security contacts (suspicious.ts) are listed after, as a weaker signal.
 *
 * Only runs when asked (`purpose-lint candidates`, `purpose-lint audit`); the normal analysis never pays for it.
 */
import type TS from "typescript";
import type { Location, TraceStep } from "../analysis/findings.js";
import { discoverFlows } from "../analysis/engine.js";
import { locationOf } from "../analysis/locations.js";
import type { RawFinding } from "../analysis/report-findings.js";
import { traceSteps } from "../analysis/values.js";
import { findSuspiciousFields, looksLikeSecurityContact } from "../audit/suspicious.js";
import { SECURITY_USES, TYPED_SECURITY_USES } from "../catalog/security-uses/index.js";
import { DEFAULT_CONFIG, type PurposeConfig } from "../config/types.js";
import { fieldKey, isCandidateField, mayDeclareCandidates } from "./candidate-fields.js";
import { prismaModelOf } from "../analysis/prisma-columns.js";

/** One flow from a field's read to a security use or a policy sink. */
export interface CandidateFlow {
  /** "Twilio Verify verify.v2.services().verifications.create", "sendOtp", "Mailchimp lists.addListMember". */
  callee: string;
  /** "security" for a security use; otherwise the sink's purpose. */
  purpose: string;
  /** The argument that carries the value. */
  location: Location;
  trace: TraceStep[];
}

export interface Candidate {
  /** "User.phone". */
  field: string;
  property: string;
  declaredAt?: Location;
  /** For a column of a generated Prisma client, its model ("User"): `adopt` tags the schema's field. */
  prismaModel?: string;
  /** The declared type as written: "string | null". */
  type?: string;
  /** "usage": the value reaches a security use; "name": only the name looks like a security contact. */
  evidence: "usage" | "name";
  /** Reaches a security use and an advertising, marketing or analytics sink. */
  dualUse: boolean;
  /** The name also looks like a security contact (`mfaPhone`). */
  nameMatches: boolean;
  securityUses: CandidateFlow[];
  /** Advertising, marketing and analytics flows of the same field (dual use). */
  otherSinks: CandidateFlow[];
}

export interface CandidateReport {
  /** Usage evidence first (dual-use last among them), then name-only fields; each group by field name. */
  candidates: Candidate[];
  /** Files the analysis skipped (syntax errors): candidates there are not known. */
  skippedFiles: string[];
  elapsedMs: number;
}

/** Finds candidate security contacts in a program (see the module comment). */
export function findCandidates(program: TS.Program, config: PurposeConfig = DEFAULT_CONFIG, projectDirectory?: string): CandidateReport {
  const started = performance.now();
  const run = discoverFlows(program, { securityUses: SECURITY_USES, typedSecurityUses: TYPED_SECURITY_USES, isCandidateField, mayDeclareCandidates }, config);
  const byDeclaration = new Map<TS.Node, { security: RawFinding[]; other: RawFinding[] }>();
  for (const flow of run.flows) {
    const declaration = flow.source.declaration;
    if (flow.source.kind !== "property" || !declaration || !isCandidateField(declaration)) continue;
    let entry = byDeclaration.get(declaration);
    if (!entry) byDeclaration.set(declaration, (entry = { security: [], other: [] }));
    (flow.sink.purpose === "security" ? entry.security : entry.other).push(flow);
  }
  const candidates: Candidate[] = [];
  const found = new Set<string>();
  for (const [declaration, flows] of byDeclaration) {
    if (flows.security.length === 0) continue;
    const field = fieldKey(declaration);
    const property = field.slice(field.lastIndexOf(".") + 1);
    found.add(`${locationOf(declaration).file}:${String(locationOf(declaration).line)}`);
    // The schema's field of a Prisma column with usage evidence is the same field (listed by name otherwise).
    if (prismaModelOf(declaration) !== undefined) found.add(`model ${field}`);
    const type = (declaration as { type?: TS.TypeNode }).type;
    candidates.push({
      field,
      property,
      declaredAt: locationOf(declaration),
      ...(prismaModelOf(declaration) !== undefined ? { prismaModel: prismaModelOf(declaration) } : {}),
      ...(type ? { type: type.getText(declaration.getSourceFile()) } : {}),
      evidence: "usage",
      dualUse: flows.other.length > 0,
      nameMatches: looksLikeSecurityContact(property),
      securityUses: toFlows(flows.security),
      otherSinks: toFlows(flows.other),
    });
  }
  for (const suspicious of findSuspiciousFields(program, projectDirectory)) {
    if (found.has(`${suspicious.location.file}:${String(suspicious.location.line)}`) || found.has(suspicious.name)) continue;
    candidates.push({
      field: suspicious.name,
      property: suspicious.property,
      declaredAt: suspicious.location,
      type: suspicious.type,
      evidence: "name",
      dualUse: false,
      nameMatches: true,
      securityUses: [],
      otherSinks: [],
    });
  }
  candidates.sort(compareCandidates);
  return { candidates, skippedFiles: run.skippedFiles, elapsedMs: performance.now() - started };
}

const rank = (c: Candidate): number => (c.evidence === "usage" ? (c.dualUse ? 1 : 0) : 2);

function compareCandidates(a: Candidate, b: Candidate): number {
  return rank(a) - rank(b) || a.field.localeCompare(b.field) || (a.declaredAt?.file ?? "").localeCompare(b.declaredAt?.file ?? "") || (a.declaredAt?.line ?? 0) - (b.declaredAt?.line ?? 0);
}

/** One flow per (sink, argument), with its shortest witness, in file order. */
function toFlows(raw: readonly RawFinding[]): CandidateFlow[] {
  const best = new Map<string, RawFinding>();
  for (const r of raw) {
    const key = `${r.argNode.getSourceFile().fileName}:${String(r.argNode.pos)}|${r.sink.callee}`;
    const other = best.get(key);
    if (!other || r.trace.length < other.trace.length) best.set(key, r);
  }
  return [...best.values()]
    .map((r) => ({
      callee: r.sink.callee,
      purpose: r.sink.purpose,
      location: locationOf(r.argNode),
      trace: traceSteps({ source: r.source, trace: r.trace }).map((step) => ({ location: locationOf(step.node), label: step.label, kind: step.kind })),
    }))
    .sort((a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.callee.localeCompare(b.callee));
}
