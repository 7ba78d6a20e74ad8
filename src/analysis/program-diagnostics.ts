/**
 * What tsc reports about the program's own configuration, as notifications (issue 9, item 2).
 *
 * A `files` entry that does not exist (TS6053) or a `types` entry without type definitions (TS2688) is silently
 * dropped from the program; with only that entry the run would say "No violations · 0 files". tsc reports them
 * as errors, and so does purpose-lint: those that remove an input from the program make the analysis incomplete
 * (exit 2 without `--allow-incomplete`); tsc's other remarks on options are warnings, since they change nothing
 * the analysis sees. Deprecations and tsc --build's emit requirements are left out (see NOT_ABOUT_THE_PROGRAM).
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Location, Notification } from "./findings.js";
import { locationOf } from "./locations.js";

/** Diagnostics that mean an input of the program is missing: whatever it held is not analysed. */
const MISSING_INPUT = new Set([
  6053, // File '{0}' not found (a `files` entry, a `/// <reference path>`, a referenced project's tsconfig).
  6054, // File '{0}' has an unsupported extension.
  6504, // File '{0}' is a JavaScript file. Did you mean to enable the 'allowJs' option?
  2688, // Cannot find type definition file for '{0}' (a `types` entry, a `/// <reference types>`).
  2318, // Cannot find global type '{0}' (a `lib` that does not load).
  6305, // Output file '{0}' has not been built from source file '{1}' (an unbuilt project reference).
]);

/**
 * Left out: option deprecations and removals (TypeScript 6 reading a configuration written for 5), and what
 * `tsc --build` requires of a referenced project to emit it (`composite`, emit enabled), which purpose-lint, reading
 * references from their sources, does not need.
 */
const NOT_ABOUT_THE_PROGRAM = new Set([5101, 5102, 5107, 5108, 6306, 6310]);

/** tsc's options and global diagnostics for `program`, as notifications. */
export function configurationNotifications(program: TS.Program, shown: (file: string) => string): Notification[] {
  const seen = new Set<string>();
  const out: Notification[] = [];
  for (const diagnostic of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error || NOT_ABOUT_THE_PROGRAM.has(diagnostic.code)) continue;
    // The head of the message chain; the rest ("The file is in the program because: …") is the location we give.
    const head = typeof diagnostic.messageText === "string" ? diagnostic.messageText : diagnostic.messageText.messageText;
    // Quoted absolute paths, shown like every other path in the report (relative to the project).
    const text = head.replace(/'([^']+)'/g, (quoted, file: string) => (path.isAbsolute(file) ? `'${shown(file)}'` : quoted));
    const location = locationOfDiagnostic(diagnostic);
    const where = location === undefined ? "" : ` in ${shown(location.file)}`;
    const message = `tsc${where}: ${text.replace(/\.$/, "")} (TS${String(diagnostic.code)})`;
    if (seen.has(message)) continue;
    seen.add(message);
    const missing = MISSING_INPUT.has(diagnostic.code);
    out.push({
      level: missing ? "error" : "warning",
      kind: "tsconfig-error",
      message: missing ? `${message}; not analysed` : message,
      ...(location === undefined ? {} : { location }),
      ...(missing ? { incomplete: true } : {}),
    });
  }
  return out;
}

/** The diagnostic's own position, else the tsconfig entry its first related information points at. */
function locationOfDiagnostic(diagnostic: TS.Diagnostic): Location | undefined {
  for (const candidate of [diagnostic, ...(diagnostic.relatedInformation ?? [])]) {
    if (candidate.file !== undefined && candidate.start !== undefined) {
      return locationOf(candidate.file, candidate.start, candidate.start + (candidate.length ?? 0));
    }
  }
  return undefined;
}
