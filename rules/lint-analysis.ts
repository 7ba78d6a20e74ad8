/**
 * The analysis every purpose rule reads for a linted file: the whole program's, under the configuration the CLI
 * would use (purpose-lint.config.json) and with the package summaries the flat config's `settings.purpose.summaries`
 * names standing for the dependencies' bodies (src/summaries/editor.ts), computed once per Program and shared by
 * the rules (src/analysis/cache.ts), so the leak rule and the suppression rules see one verdict.
 */
import path from "node:path";

import type { RuleContext } from "@typescript-eslint/utils/ts-eslint";
import type TS from "typescript";

import { analyzeProgramCached } from "../src/analysis/cache.js";
import type { AnalysisResult } from "../src/analysis/findings.js";
import { loadConfig } from "../src/config/load.js";
import type { PurposeConfig } from "../src/config/types.js";
import { UsageError } from "../src/errors.js";
import { ownFindingsForLint, summariesForLint, summarySpecs } from "../src/summaries/editor.js";

export interface LeakRuleOptions {
  /**
   * purpose-lint.config.json to use, relative to ESLint's working directory. By default the rule uses the nearest
   * one from the tsconfig's directory upward, as the CLI does.
   */
  configFile?: string;
}

/**
 * The rules' one option, `configFile`: the leak rule's and the suppression rules' (which read the same analysis, so
 * they must be given the same file when it is not the one found upward).
 */
export const CONFIG_FILE_OPTION_SCHEMA = [
  {
    type: "object" as const,
    additionalProperties: false,
    properties: {
      configFile: {
        type: "string" as const,
        minLength: 1,
        description: "purpose-lint.config.json to use, relative to ESLint's working directory (default: found upward from the tsconfig)",
      },
    },
  },
];

/** The findings and notifications of `program` as the linted file's rules see them. */
export function analysisForLint(program: TS.Program, context: Readonly<RuleContext<string, readonly unknown[]>>, options: LeakRuleOptions): AnalysisResult {
  const config = configForLint(program, context.filename, context.cwd, options);
  const specs = ownMessages(() => summarySpecs(context.settings));
  const summaries = ownMessages(() => summariesForLint(program, context.filename, specs, context.cwd));
  return analyzeProgramCached(program, config, summaries, () => ownMessages(() => ownFindingsForLint(program, specs, context.cwd, config, summaries)));
}

/**
 * The configuration for a program, as the CLI would find it: `configFile` when given, else the nearest
 * purpose-lint.config.json from the tsconfig's directory (or, for a program without one, the linted file's
 * directory) upward. Loaded once per file version (path, mtime, size), so the analysis cache, keyed by config
 * object, is reused until the config changes. A broken config throws, naming the file and the JSON path.
 */
export function configForLint(program: TS.Program, filename: string, cwd: string, options: LeakRuleOptions): PurposeConfig {
  const tsconfig = program.getCompilerOptions().configFilePath;
  const projectDir = typeof tsconfig === "string" ? path.dirname(tsconfig) : path.dirname(filename);
  return ownMessages(() =>
    loadConfig(projectDir, {
      cwd,
      cache: true,
      configFileSource: "the configFile option",
      ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
    }),
  );
}

/** ESLint prints a rule's exception with the file and rule; a usage error says whose it is. */
function ownMessages<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof UsageError && !error.message.startsWith("purpose-lint: ")) error.message = `purpose-lint: ${error.message}`;
    throw error;
  }
}
