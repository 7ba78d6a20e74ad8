/**
 * `purpose-lint candidates [--project …] [--config …] [--format text|json] [--output FILE]`: unbranded fields the
 * program uses for account security (discover.ts). A report: exit 0 whenever it completes, 2 for usage errors.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { assertWritable, describeArgumentError, EXIT, PROJECT_OPTIONS, projectDirectory, writeReport, type CliIO } from "../cli.js";
import { UsageError } from "../errors.js";
import { CANDIDATE_FORMATS, formatCandidatesJson, formatCandidatesText, isCandidateFormat } from "./format.js";

const HELP = `Usage: purpose-lint candidates [options]

Finds unbranded fields whose values reach a security use — a verification or one-time-code API (Twilio, AWS SNS
and Pinpoint, Vonage, MessageBird, Plivo), second-factor enrolment (Firebase, Auth0, Okta, Cognito), a
verification or reset e-mail (nodemailer, SES, Resend), or a function tagged @purpose security — with the flow as
evidence. A field that also reaches advertising, marketing or analytics code is reported as dual-use. Fields only
named like security contacts follow, as a weaker signal.

Options:
  -p, --project <path>   tsconfig.json to analyse, or its directory (default: ./tsconfig.json)
  -c, --config <file>    purpose-lint.config.json to use (default: the nearest one upward)
  -f, --format <format>  ${CANDIDATE_FORMATS.join(" | ")} (default: text)
  -o, --output <file>    write the report to <file> instead of standard output
  -h, --help             show this help

Exit codes: 0 the search completed · 2 usage or configuration error`;

export async function runCandidates(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: PROJECT_OPTIONS }));
  } catch (error) {
    throw new UsageError(`candidates: ${describeArgumentError(error, "candidates --help", Object.keys(PROJECT_OPTIONS))}`);
  }
  if (values.help === true) {
    io.stdout(`${HELP}\n`);
    return EXIT.clean;
  }
  const format = values.format ?? "text";
  if (!isCandidateFormat(format)) {
    throw new UsageError(`candidates: unknown format "${format}" for --format; expected one of ${CANDIDATE_FORMATS.join(", ")}`);
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
  io.onPhase?.(`looking for candidate security contacts (${String(program.getSourceFiles().length)} files loaded)`);
  const { findCandidates } = await import("./discover.js");
  const report = findCandidates(program, config, projectDir);
  const text = format === "json" ? formatCandidatesJson(report, io.cwd) : formatCandidatesText(report, io.cwd);
  if (outputPath === undefined) io.stdout(`${text}\n`);
  else writeReport(outputPath, values.output ?? outputPath, `${text}\n`);
  return EXIT.clean;
}
