/**
 * Finds, reads, validates and normalises `purpose-lint.config.json` into the `PurposeConfig` the engine consumes.
 * Shared by the CLI (`--config`, or found upward from the tsconfig's directory) and the ESLint rule.
 *
 * Validation is schema.json (the same file editors autocomplete through `"$schema"`), then what a schema cannot
 * say: globs that would never match (unbalanced braces or brackets) and `when.pattern` regular expressions that do
 * not compile. All problems make one `UsageError` with one line: for each, the file (with line and column when the
 * JSON path can be located), the JSON path (`sinks[1].purpose`) and what was expected (see messages.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import type { Purpose } from "../analysis/findings.js";
import type { EndpointEntry } from "../catalog/http/types.js";
import type { CatalogEntry } from "../catalog/types.js";
import { UsageError } from "../errors.js";
import { globProblem } from "./globs.js";
import { allProblems, distinctErrors, Locator, parseJson } from "./messages.js";
import schema from "./schema.json" with { type: "json" };
import { DEFAULT_CONFIG, type FirstPartySink, type PurposeConfig } from "./types.js";

export { formatJsonPath } from "./messages.js";


/** The file name looked up from the project directory upward. */
export const CONFIG_FILE_NAME = "purpose-lint.config.json";

/** Description of a `sinks` entry with `module` that gives none. */
export const DEFAULT_SINK_DESCRIPTION = "configured in purpose-lint.config.json";

/** The JSON Schema of the file (src/config/schema.json; shipped as dist/src/config/schema.json). */
export const CONFIG_SCHEMA: object = schema;

export interface LoadConfigOptions {
  /**
   * An explicit config file (`--config`, the rule's `configFile` option), relative to `cwd`. It must exist;
   * no upward lookup happens.
   */
  configFile?: string;
  /** How messages name where `configFile` came from: "--config" (default), "the configFile option". */
  configFileSource?: string;
  /** Directory `configFile` is relative to, and that paths in messages are shown relative to. */
  cwd?: string;
  /**
   * Reuse the result of an earlier load while the file's path, modification time and size are unchanged (the
   * ESLint rule, which loads once per linted file). Defaults are memoised per directory, so the same inputs give
   * the same object: callers may cache analysis results by config identity.
   */
  cache?: boolean;
}

/**
 * The configuration for a project: `options.configFile` when given, else the nearest `purpose-lint.config.json`
 * in `projectDir` or a directory above it, else the defaults with `root` = `projectDir`.
 *
 * @param projectDir the tsconfig's directory (the ESLint rule falls back to the linted file's directory).
 * @throws UsageError naming the file, the JSON path and what was expected.
 */
export function loadConfig(projectDir: string, options: LoadConfigOptions = {}): PurposeConfig {
  const cwd = options.cwd ?? process.cwd();
  let file: string | undefined;
  if (options.configFile !== undefined) {
    file = path.resolve(cwd, options.configFile);
    assertConfigFile(file, options.configFile, options.configFileSource ?? "--config");
  } else {
    file = findConfigFile(path.resolve(cwd, projectDir));
  }
  if (file === undefined) return defaultConfig(path.resolve(cwd, projectDir), options.cache === true);
  return options.cache === true ? readConfigFileCached(file, cwd) : readConfigFile(file, { cwd });
}

/**
 * The nearest `purpose-lint.config.json` in `startDir` or above it (up to the file-system root), if any. Anything
 * of that name counts: a directory so named is reported when it is read ("is a directory"), never skipped in
 * silence for a config further up.
 */
export function findConfigFile(startDir: string): string | undefined {
  let directory = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

const defaultsByRoot = new Map<string, PurposeConfig>();

/** The defaults (DEFAULT_CONFIG) with globs relative to `root`; no `path`. */
export function defaultConfig(root: string, memoise = false): PurposeConfig {
  const absolute = path.resolve(root);
  const cached = memoise ? defaultsByRoot.get(absolute) : undefined;
  if (cached !== undefined) return cached;
  const config: PurposeConfig = {
    root: absolute,
    sinks: [],
    functionSinks: [],
    endpoints: [],
    sources: { types: [...DEFAULT_CONFIG.sources.types], purposeTags: [...DEFAULT_CONFIG.sources.purposeTags] },
    sanitizers: [],
    policy: { forbidden: [...DEFAULT_CONFIG.policy.forbidden] },
    zones: [],
  };
  if (memoise) defaultsByRoot.set(absolute, config);
  return config;
}

/** Reads and validates one config file. `root` is the file's directory. */
export function readConfigFile(file: string, options: { cwd?: string } = {}): PurposeConfig {
  const absolute = path.resolve(options.cwd ?? "", file);
  const shown = displayPath(absolute, options.cwd);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ENOENT") throw new UsageError(`${shown}: config file not found`);
    if (code === "EISDIR") throw new UsageError(`${shown}: is a directory, not a config file`);
    throw new UsageError(`${shown}: could not read the config file (${typeof code === "string" ? code : "read failed"})`);
  }
  return parseConfig(text, absolute, { displayName: shown });
}

const cachedFiles = new Map<string, { key: string; config: PurposeConfig }>();

/** `readConfigFile`, reusing the previous result while the file's mtime and size are unchanged. */
export function readConfigFileCached(file: string, cwd?: string): PurposeConfig {
  const absolute = path.resolve(cwd ?? "", file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    cachedFiles.delete(absolute);
    return readConfigFile(absolute, cwd === undefined ? {} : { cwd }); // throws "not found"
  }
  const key = `${String(stat.mtimeMs)}:${String(stat.size)}`;
  const hit = cachedFiles.get(absolute);
  if (hit?.key === key) return hit.config;
  const config = readConfigFile(absolute, cwd === undefined ? {} : { cwd });
  cachedFiles.set(absolute, { key, config });
  return config;
}

/**
 * Validates the text of a config file and normalises it. `file` is its absolute path (`root` is its directory);
 * `displayName` is how messages name it (default: `file`).
 */
export function parseConfig(text: string, file: string, options: { displayName?: string } = {}): PurposeConfig {
  const absolute = path.resolve(file);
  const located = new Locator(text, options.displayName ?? absolute);
  const data = parseJson(text, located);
  const validate = validator();
  const valid = validate(data);
  const problems = [...(valid ? [] : distinctErrors(validate.errors ?? []).map((error) => located.describe(error))), ...checkBeyondSchema(data, located)];
  if (!valid || problems.length > 0) throw new UsageError(allProblems(problems, located.name));
  return normalise(data, absolute);
}

// ---------------------------------------------------------------------------------------------------------------
// The file as written (schema.json), before defaults.

type RawPurpose = Purpose;

interface RawModuleSink {
  module: string;
  path: string;
  purpose: RawPurpose;
  arguments?: number[];
  fluent?: boolean;
  when?: { argument: number; property?: string; pattern: string };
  vendor?: string;
  description?: string;
}

interface RawUrlSink {
  url: string;
  purpose: RawPurpose;
  vendor?: string;
  description?: string;
}

interface RawFileSink {
  file: string;
  name: string;
  purpose: RawPurpose;
}

interface RawConfig {
  $schema?: string;
  sinks?: (RawModuleSink | RawUrlSink | RawFileSink)[];
  sources?: { types?: string[]; purposeTags?: string[] };
  sanitizers?: { name: string; module?: string }[];
  policy?: { forbidden?: RawPurpose[] };
  zones?: { files: string[]; purpose: RawPurpose }[];
}

let compiled: ValidateFunction<RawConfig> | undefined;

function validator(): ValidateFunction<RawConfig> {
  // verbose: errors carry their schema and data, for friendlier messages (allowed keys, the value found).
  // allErrors: every problem is reported at once, not one per run (see distinctErrors).
  compiled ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile<RawConfig>(schema);
  return compiled;
}

function isModuleSink(sink: RawModuleSink | RawUrlSink | RawFileSink): sink is RawModuleSink {
  return "module" in sink;
}

function isUrlSink(sink: RawModuleSink | RawUrlSink | RawFileSink): sink is RawUrlSink {
  return "url" in sink && !("module" in sink);
}

function normalise(raw: RawConfig, file: string): PurposeConfig {
  const sinks: CatalogEntry[] = [];
  const functionSinks: FirstPartySink[] = [];
  const endpoints: EndpointEntry[] = [];
  for (const sink of raw.sinks ?? []) {
    if (isUrlSink(sink)) {
      const host = /^[^:]+:\/\/([^/]+)/.exec(sink.url)?.[1] ?? sink.url;
      endpoints.push({ vendor: sink.vendor ?? host, url: sink.url, purpose: sink.purpose, description: sink.description ?? DEFAULT_SINK_DESCRIPTION });
    } else if (isModuleSink(sink)) {
      const entry: CatalogEntry = {
        vendor: sink.vendor ?? sink.module,
        module: sink.module,
        path: sink.path,
        purpose: sink.purpose,
        description: sink.description ?? DEFAULT_SINK_DESCRIPTION,
      };
      if (sink.fluent !== undefined) entry.fluent = sink.fluent;
      if (sink.arguments !== undefined) entry.arguments = [...sink.arguments];
      if (sink.when !== undefined) entry.when = { ...sink.when };
      sinks.push(entry);
    } else {
      functionSinks.push({ file: sink.file, name: sink.name, purpose: sink.purpose });
    }
  }
  return {
    path: file,
    root: path.dirname(file),
    sinks,
    functionSinks,
    endpoints,
    sources: {
      types: [...(raw.sources?.types ?? DEFAULT_CONFIG.sources.types)],
      // JSDoc tag values are compared case-insensitively (`@purpose Security` counts).
      purposeTags: [...new Set((raw.sources?.purposeTags ?? DEFAULT_CONFIG.sources.purposeTags).map((t) => t.toLowerCase()))],
    },
    sanitizers: (raw.sanitizers ?? []).map((s) => (s.module === undefined ? { name: s.name } : { name: s.name, module: s.module })),
    policy: { forbidden: [...(raw.policy?.forbidden ?? DEFAULT_CONFIG.policy.forbidden)] },
    zones: (raw.zones ?? []).map((zone) => ({ files: [...zone.files], purpose: zone.purpose })),
  };
}

/**
 * Globs and regular expressions: valid strings the schema cannot judge. Returns every problem's message. Runs on
 * data that may also have failed the schema (so that all problems are reported at once): each value's shape is
 * checked before it is used.
 */
function checkBeyondSchema(raw: unknown, located: Locator): string[] {
  const problems: string[] = [];
  const record = isRecord(raw) ? raw : {};
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  list(record.sinks).forEach((sink, i) => {
    if (!isRecord(sink)) return;
    if ("module" in sink) {
      const pattern = isRecord(sink.when) ? sink.when.pattern : undefined;
      if (typeof pattern !== "string") return;
      try {
        new RegExp(pattern);
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "";
        problems.push(located.problem(["sinks", i, "when", "pattern"], `must be a valid regular expression (${reason})`));
      }
    } else if (!("url" in sink) && typeof sink.file === "string") {
      const problem = globProblem(sink.file);
      if (problem !== undefined) problems.push(located.problem(["sinks", i, "file"], `invalid glob ${JSON.stringify(sink.file)}: ${problem}`));
    }
  });
  list(record.zones).forEach((zone, i) => {
    list(isRecord(zone) ? zone.files : undefined).forEach((glob, j) => {
      const problem = typeof glob === "string" ? globProblem(glob) : undefined;
      if (problem !== undefined) problems.push(located.problem(["zones", i, "files", j], `invalid glob ${JSON.stringify(glob)}: ${problem}`));
    });
  });
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Files.

function assertConfigFile(file: string, shown: string, source: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${source} ${shown}: config file not found`);
  }
  if (stat.isDirectory()) throw new UsageError(`${source} ${shown}: is a directory; pass the ${CONFIG_FILE_NAME} file`);
}

/** Paths under `cwd` are shown relative to it; others stay absolute (as src/analysis/load.ts does). */
function displayPath(file: string, cwd: string | undefined): string {
  const absolute = path.resolve(file);
  if (cwd === undefined) return absolute;
  const relative = path.relative(cwd, absolute);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}
