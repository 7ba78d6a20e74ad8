/**
 * `purpose-lint audit [--project …] [--config …] [--format md|html] [--output FILE]`: the reviewer's inventory.
 * A completed audit exits 0 even when it lists violations (it is a report, not a gate); usage and configuration
 * errors exit 2 as in the main command (the caller, runCli, prints them).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { AnalysisResult } from "../analysis/findings.js";
import { assertWritable, describeArgumentError, EXIT, PROJECT_OPTIONS, projectDirectory, readToolVersion, writeReport, type CliIO } from "../cli.js";
import { UsageError } from "../errors.js";
import { formatAuditHtml } from "../report/audit-html.js";
import { formatAuditMarkdown } from "../report/audit-md.js";
import { TOOL_NAME } from "../report/tool-info.js";
import { applySuppressions, scanProgramSuppressions } from "../suppressions.js";
import { AUDIT_FORMATS, isAuditFormat, type AuditContext, type AuditData } from "./audit.js";
import { buildCoverage } from "./coverage.js";
import { readRepository } from "./repository.js";
import { findSuspiciousFields } from "./suspicious.js";

const AUDIT_HELP = `Usage: purpose-lint audit [options]

Writes an inventory for reviewers: every security-contact source, every sink by purpose, every violation with its
flow, every declassification and suppression with its reason, fields that look like security contacts but are
not branded SecurityContact<T>, and coverage: the catalogued SDKs, globals and endpoints used (which calls
carried a security contact) and the tracking-looking modules and endpoints the catalog does not cover.

Options:
  -p, --project <path>   tsconfig.json to analyse, or its directory (default: ./tsconfig.json)
  -c, --config <file>    purpose-lint.config.json to use (default: the nearest one upward)
  -f, --format <format>  ${AUDIT_FORMATS.join(" | ")} (default: md); html is one self-contained file; fides is
                         a fideslang 3.0.0 data map (YAML): systems, privacy declarations, data flows
  -o, --output <file>    write the audit to <file> instead of standard output
  -h, --help             show this help

Exit codes: 0 the audit completed (even with violations) · 2 usage or configuration error`;

export async function runAudit(argv: string[], io: CliIO, started: number): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: PROJECT_OPTIONS }));
  } catch (error) {
    throw new UsageError(`audit: ${describeArgumentError(error, "audit --help", Object.keys(PROJECT_OPTIONS))}`);
  }
  if (values.help === true) {
    io.stdout(`${AUDIT_HELP}\n`);
    return EXIT.clean;
  }
  const format = values.format ?? "md";
  if (!isAuditFormat(format)) {
    throw new UsageError(`audit: unknown format "${format}" for --format; expected one of ${AUDIT_FORMATS.join(", ")}`);
  }
  const project = values.project ?? "tsconfig.json";
  const outputPath = values.output === undefined ? undefined : path.resolve(io.cwd, values.output);
  if (outputPath !== undefined) assertWritable(outputPath, values.output ?? outputPath);

  const { loadConfig } = await import("../config/load.js");
  const projectDir = projectDirectory(path.resolve(io.cwd, project));
  const config = loadConfig(projectDir, { cwd: io.cwd, ...(values.config === undefined ? {} : { configFile: values.config }) });
  const { loadProgram } = await import("../analysis/load.js");
  io.onPhase?.("loading the program");
  const program = loadProgram(project, { cwd: io.cwd });
  io.onPhase?.(`auditing (${String(program.getSourceFiles().length)} files loaded)`);
  const { analyzeProgram } = await import("../analysis/engine.js");
  const analysed: AnalysisResult = analyzeProgram(program, { config });
  const { result, suppressions } = applySuppressions(analysed, scanProgramSuppressions(program));
  const data: AuditData = {
    project: path.resolve(io.cwd, project),
    result,
    suppressions,
    suspicious: findSuspiciousFields(program, projectDir),
    coverage: buildCoverage(result.inventory, [...result.findings, ...suppressions.flatMap((s) => s.suppressed)], program),
  };
  io.onPhase?.("looking for candidate security contacts");
  const { findCandidates } = await import("../discovery/discover.js");
  data.candidates = findCandidates(program, config, projectDir);
  const repository = readRepository(projectDir, io.env);
  const context: AuditContext = {
    cwd: io.cwd,
    linkBase: outputPath === undefined ? io.cwd : path.dirname(outputPath),
    toolVersion: readToolVersion(),
    elapsedMs: performance.now() - started,
    generatedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    ci: (io.env.CI ?? "") !== "" && io.env.CI !== "false",
    ...(repository === undefined ? {} : { repository }),
  };
  io.onPhase?.("writing the audit");
  const report =
    format === "html" ? formatAuditHtml(data, context) : format === "fides" ? (await import("../datamap/fides.js")).formatFides(data, context).trimEnd() : formatAuditMarkdown(data, context);
  if (outputPath === undefined) io.stdout(`${report}\n`);
  else writeReport(outputPath, values.output ?? outputPath, `${report}\n`);
  if (result.skippedFiles.length > 0) {
    io.stderr(
      `${TOOL_NAME}: audit is incomplete: ${String(result.skippedFiles.length)} file(s) skipped for syntax errors (listed in the audit)\n`,
    );
  }
  return EXIT.clean;
}
