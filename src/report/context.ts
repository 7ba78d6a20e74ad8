import type { AnalysisResult } from "../analysis/findings.js";

/** What every reporter gets besides the result. Reporters are pure apart from reading source text for frames. */
export interface ReportContext {
  /** Absolute directory that reported paths are relative to. */
  cwd: string;
  /** Whether the pretty reporter may use ANSI colours (json and sarif ignore it). */
  color: boolean;
  /** Wall time of the run so far (load + analysis), for the summary line. */
  elapsedMs: number;
  /** The tsconfig analysed (absolute), for SARIF's `automationDetails`; defaults to the working directory's. */
  project?: string;
  /** purpose-lint's version, for `tool` blocks. */
  toolVersion: string;
  /** Source text of an absolute path, for code frames; defaults to reading the file. `undefined` = unavailable. */
  readSource?: (file: string) => string | undefined;
}

/** A formatter: translates a result into one output document, without a trailing newline. */
export type Reporter = (result: AnalysisResult, context: ReportContext) => string;
