import type { Reporter } from "./context.js";
import { formatJson } from "./json.js";
import { formatPretty } from "./pretty.js";
import { formatSarif } from "./sarif.js";

export type { ReportContext, Reporter } from "./context.js";

/** The output formats `--format` accepts. */
export const FORMATS = ["pretty", "json", "sarif"] as const;

/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** The formatter for each output format. */
export const REPORTERS: Record<Format, Reporter> = { pretty: formatPretty, json: formatJson, sarif: formatSarif };

/** Narrows a `--format` value. */
export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}
