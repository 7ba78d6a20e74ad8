/**
 * `purpose-lint adopt [--field Type.field …] [--write] [--baseline FILE] [--brand-module SPEC]`: brands the fields
 * used for account security. Without --write it prints a unified diff (standard output, ready for `git apply`)
 * and the summary on standard error; with --write it writes the files and prints the summary. Exit 0 when it
 * completes, 2 for usage and configuration errors (one line).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import fs from "node:fs";
import { assertWritable, describeArgumentError, EXIT, projectDirectory, type CliIO } from "../cli.js";
import { UsageError } from "../errors.js";
import { relativePosix } from "../report/paths.js";
import type { AdoptResult } from "./adopt.js";
import { unifiedDiff } from "./diff.js";

const HELP = `Usage: purpose-lint adopt [options]

Brands the fields your code uses for account security as SecurityContact<T>: the candidates with usage evidence
(see purpose-lint candidates; dual-use fields are named, not branded), or the fields named with --field. Changes
declared types only (interfaces, type literals, class properties, constructor parameter properties), adds the
brand's import once per file, tags Prisma schema fields /// @purpose security, and skips — naming where — any
brand that would break a type. Then analyses the branded program and prints the violations the brands reveal.

Options:
  -p, --project <path>      tsconfig.json to analyse, or its directory (default: ./tsconfig.json)
  -c, --config <file>       purpose-lint.config.json to use (default: the nearest one upward)
  --field <Type.field>      brand this field (repeatable); default: the candidates with usage evidence
  --write                   apply the changes (default: print a unified diff and change nothing)
  --baseline <file>         write the violations of the branded program to this baseline file
  --brand-module <spec>     import the brand from this module (a package, or a path to your local alias);
                            default: a first-party module that exports SecurityContact, else "purpose-lint"
  -h, --help                show this help

Exit codes: 0 completed · 2 usage or configuration error`;

export async function runAdopt(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        project: { type: "string", short: "p" },
        config: { type: "string", short: "c" },
        field: { type: "string", multiple: true },
        write: { type: "boolean" },
        baseline: { type: "string" },
        "brand-module": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`adopt: ${describeArgumentError(error, "adopt --help")}`);
  }
  if (values.help === true) {
    io.stdout(`${HELP}\n`);
    return EXIT.clean;
  }
  for (const field of values.field ?? []) {
    if (!/^[\w$]+\.[\w$]+$/.test(field)) throw new UsageError(`adopt: --field ${field}: expected Type.field (for example User.phoneNumber)`);
  }
  const project = values.project ?? "tsconfig.json";
  const baselinePath = values.baseline === undefined ? undefined : path.resolve(io.cwd, values.baseline);
  if (baselinePath !== undefined) assertWritable(baselinePath, values.baseline ?? baselinePath, "--baseline");
  const { loadConfig } = await import("../config/load.js");
  const projectDir = projectDirectory(path.resolve(io.cwd, project));
  const config = loadConfig(projectDir, { cwd: io.cwd, ...(values.config === undefined ? {} : { configFile: values.config }) });
  const { loadProgram } = await import("../analysis/load.js");
  const { isManifestPath } = await import("../analysis/workspaces.js");
  io.onPhase?.("loading the program");
  const program = loadProgram(project, { cwd: io.cwd });
  const tsconfig = program.getCompilerOptions().configFilePath;
  if (typeof tsconfig !== "string") throw new UsageError(`adopt: ${project}: no tsconfig.json to rewrite against`);
  if (isManifestPath(tsconfig)) throw new UsageError(`adopt: ${project}: a workspace root; adopt one package at a time (--project packages/<name>)`);
  const brandModule = values["brand-module"];
  io.onPhase?.("branding");
  const { adopt } = await import("./adopt.js");
  const result = await adopt(program, {
    tsconfig,
    projectDirectory: projectDir,
    config,
    ...(values.field ? { fields: values.field } : {}),
    ...(brandModule === undefined ? {} : { brandModule: brandModule.startsWith(".") ? path.resolve(io.cwd, brandModule) : brandModule }),
  });
  const unknown = result.notes.filter((note) => note.startsWith("--field "));
  if (unknown.length > 0 && result.files.size === 0) throw new UsageError(`adopt: ${unknown.join("; ")}`);
  if (values.write === true) {
    for (const [file, rewrite] of result.files) writeSource(file, relativePosix(file, io.cwd), rewrite.after);
  } else {
    for (const [file, rewrite] of result.files) io.stdout(unifiedDiff(relativePosix(file, io.cwd), rewrite.before, rewrite.after));
  }
  if (baselinePath !== undefined) {
    const { writeBaseline } = await import("../baseline.js");
    writeBaseline(baselinePath, result.findings, values.baseline);
  }
  const summary = summarize(result, io.cwd, values.write === true, values.baseline);
  if (values.write === true) io.stdout(`${summary}\n`);
  else io.stderr(`${summary}\n`);
  return EXIT.clean;
}

function summarize(result: AdoptResult, cwd: string, written: boolean, baseline: string | undefined): string {
  const at = (file: string, line: number) => `${relativePosix(file, cwd)}:${String(line)}`;
  const lines: string[] = [];
  const branded = result.outcomes.filter((o) => o.status === "branded");
  lines.push(`${written ? "branded" : "would brand"} ${String(branded.length)} field(s)${branded.length > 0 ? ":" : ""}`);
  for (const { target } of branded) {
    const why = target.use ? `reaches ${target.use.callee} at ${at(target.use.file, target.use.line)}` : target.reason;
    lines.push(`  ${target.field} (${at(target.file, target.line)}) — ${why}`);
  }
  for (const field of result.prismaFields) lines.push(`  ${field}: /// @purpose security (run prisma generate)`);
  for (const o of result.outcomes.filter((x) => x.status === "already-branded")) lines.push(`already branded: ${o.target.field} (${at(o.target.file, o.target.line)})`);
  for (const o of result.outcomes.filter((x) => x.status === "no-declared-type")) lines.push(`skipped ${o.target.field} (${at(o.target.file, o.target.line)}): no declared type to brand`);
  for (const { target, errors } of result.skipped) {
    const first = errors[0];
    const where = first?.file === undefined ? "" : ` at ${at(first.file, first.line)}`;
    lines.push(`skipped ${target.field} (${at(target.file, target.line)}): branding breaks the types${where}: ${first?.message ?? ""}${errors.length > 1 ? ` (+${String(errors.length - 1)} more)` : ""}`);
  }
  for (const note of result.notes) lines.push(note);
  lines.push(`${String(result.revealed.length)} violation(s) revealed by the new brands${result.revealed.length > 0 ? ":" : ""}`);
  for (const finding of result.revealed) lines.push(`  ${at(finding.sink.location.file, finding.sink.location.line)} ${finding.message}`);
  if (baseline !== undefined) lines.push(`wrote ${String(result.findings.length)} violation(s) to the baseline ${baseline}`);
  return lines.join("\n");
}

function writeSource(file: string, shown: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`adopt: ${shown}: could not write it (${typeof code === "string" ? code : "write failed"})`);
  }
}
