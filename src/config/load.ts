/**
 * Finds, reads, validates and normalises `purpose-lint.config.json` into the `PurposeConfig` the engine consumes.
 * Shared by the CLI (`--config`, or found upward from the tsconfig's directory) and the ESLint rule.
 *
 * Validation is schema.json (the same file editors autocomplete through `"$schema"`), then what a schema cannot
 * say: globs that would never match (unbalanced braces or brackets) and `when.pattern` regular expressions that do
 * not compile. Every problem is a `UsageError` with one line: the file (with line and column when the JSON path
 * can be located), the JSON path (`sinks[1].purpose`) and what was expected.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type TS from "typescript";
import type { Purpose } from "../analysis/findings.js";
import type { EndpointEntry } from "../catalog/http/types.js";
import type { CatalogEntry } from "../catalog/types.js";
import { UsageError } from "../errors.js";
import { globProblem } from "./globs.js";
import schema from "./schema.json" with { type: "json" };
import { DEFAULT_CONFIG, type FirstPartySink, type PurposeConfig } from "./types.js";

/**
 * The compiler's JSON parser locates errors (line and column of a JSON path); loaded only when there is an error
 * to locate, so a valid config costs no compiler load (see src/typescript.ts for why `require`).
 */
let compiler: typeof TS | undefined;
function tsCompiler(): typeof TS {
  return (compiler ??= createRequire(import.meta.url)("typescript") as typeof TS);
}

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

/** The nearest `purpose-lint.config.json` in `startDir` or above it (up to the file-system root), if any. */
export function findConfigFile(startDir: string): string | undefined {
  let directory = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
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
  if (!validate(data)) {
    const error = validate.errors?.[0];
    throw new UsageError(error === undefined ? `${located.name}: invalid configuration` : located.describe(error));
  }
  checkBeyondSchema(data, located);
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
  compiled ??= new Ajv({ allErrors: false, strict: true, verbose: true }).compile<RawConfig>(schema);
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

/** Globs and regular expressions: valid strings the schema cannot judge. */
function checkBeyondSchema(raw: RawConfig, located: Locator): void {
  (raw.sinks ?? []).forEach((sink, i) => {
    if (isModuleSink(sink)) {
      if (sink.when !== undefined) {
        try {
          new RegExp(sink.when.pattern);
        } catch (error) {
          const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "";
          located.fail(["sinks", i, "when", "pattern"], `must be a valid regular expression (${reason})`);
        }
      }
    } else if (!isUrlSink(sink)) {
      const problem = globProblem(sink.file);
      if (problem !== undefined) located.fail(["sinks", i, "file"], `invalid glob ${JSON.stringify(sink.file)}: ${problem}`);
    }
  });
  (raw.zones ?? []).forEach((zone, i) => {
    zone.files.forEach((glob, j) => {
      const problem = globProblem(glob);
      if (problem !== undefined) located.fail(["zones", i, "files", j], `invalid glob ${JSON.stringify(glob)}: ${problem}`);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Messages.

type JsonPath = (string | number)[];

const TOP_LEVEL = "top level";

/** `["sinks", 1, "purpose"]` → `sinks[1].purpose`; `[]` → "top level". */
export function formatJsonPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${String(segment)}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? TOP_LEVEL : out;
}

/** A JSON pointer (`/sinks/1/purpose`) as path segments; array indexes become numbers when `data` says so. */
function pointerSegments(pointer: string, data: unknown): JsonPath {
  if (pointer === "") return [];
  const segments: JsonPath = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const index = Number(key);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(key);
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}

/** Friendlier words for the schema's patterns, by pattern. */
const PATTERN_EXPECTATIONS: Record<string, string> = {
  "^[A-Za-z_$][A-Za-z0-9_$]*$": "must be a type name (an identifier such as TwoFactorPhone)",
  "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$": 'must be a function name or "Class.method" (such as redactPhone)',
  "^[A-Za-z0-9][A-Za-z0-9_-]*$": "must be a tag word: letters, digits, - and _ (such as security)",
  "^(\\*|([A-Za-z_$][A-Za-z0-9_$]*|\\(\\))(\\.[A-Za-z_$][A-Za-z0-9_$]*|\\(\\))*(\\.\\*)?)$":
    'must be an access path such as "AdsClient().uploadAudience": names joined by ".", "()" for a call or construction, "*" as the last segment for any method',
  "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\.\\*)?$":
    'must be a function name, "Class.method" or "Class.*" (such as CrmClient.push)',
  "^(https?|\\*)://[^/?#\\s]+(/[^\\s?#]*)?$":
    'must be an absolute URL pattern such as "https://ads.example.com/upload/**" (http, https or *; no query string)',
};

class Locator {
  private tree: TS.JsonSourceFile | undefined;
  private data: unknown;

  constructor(
    private readonly text: string,
    readonly name: string,
  ) {}

  setData(data: unknown): void {
    this.data = data;
  }

  /** Throws a UsageError for `segments`: `file:line:col: sinks[1].purpose: <expected>`. */
  fail(segments: JsonPath, expected: string): never {
    throw new UsageError(`${this.where(segments)}: ${formatJsonPath(segments)}: ${expected}`);
  }

  /** The message for ajv's first error. */
  describe(error: ErrorObject): string {
    const segments = pointerSegments(error.instancePath, this.data);
    const params = error.params as Record<string, unknown>;
    const got = ` (got ${describeValue(error.data)})`;
    switch (error.keyword) {
      case "additionalProperty":
      case "additionalProperties": {
        const key = String(params.additionalProperty);
        const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        const suggestion = closest(key, allowed);
        const hint = suggestion === undefined ? "" : `did you mean "${suggestion}"? `;
        return this.message([...segments, key], `unknown key; ${hint}expected one of ${allowed.join(", ")}`, true);
      }
      case "required": {
        const missing = String(params.missingProperty);
        if (segments.length === 2 && segments[0] === "sinks" && missing === "file") {
          return this.message(segments, 'must have "module" (a third-party API), "url" (an HTTP endpoint) or "file" (a first-party function)');
        }
        return this.message(segments, `missing required key "${missing}"`);
      }
      case "type":
        return this.message(segments, `must be ${withArticle(String(params.type))}${got}`);
      case "enum": {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const suggestion = typeof error.data === "string" ? closest(error.data, allowed) : undefined;
        const hint = suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;
        return this.message(segments, `must be one of ${allowed.join(", ")}${got}${hint}`);
      }
      case "pattern": {
        const pattern = String(params.pattern);
        return this.message(segments, `${PATTERN_EXPECTATIONS[pattern] ?? `must match ${pattern}`}${got}`);
      }
      case "minLength":
        return this.message(segments, "must not be empty");
      case "minItems":
        return this.message(segments, `must list at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}`);
      case "uniqueItems": {
        const items = Array.isArray(error.data) ? error.data : [];
        return this.message(segments, `lists ${describeValue(items[Number(params.i)])} twice`);
      }
      case "minimum":
        return this.message(segments, `must be ${String(params.limit)} or more${got}`);
      default:
        return this.message(segments, error.message ?? "is invalid");
    }
  }

  private message(segments: JsonPath, expected: string, atKey = false): string {
    return `${this.where(segments, atKey)}: ${formatJsonPath(segments)}: ${expected}`;
  }

  /** `file:line:col` of the value at `segments` (of its key with `atKey`), else of the nearest enclosing value. */
  private where(segments: JsonPath, atKey = false): string {
    try {
      const ts = tsCompiler();
      this.tree ??= ts.parseJsonText(this.name, this.text);
      let node: TS.Node | undefined = this.tree.statements[0]?.expression;
      let at: TS.Node | undefined = node;
      for (const [index, segment] of segments.entries()) {
        const last = index === segments.length - 1;
        if (node !== undefined && typeof segment === "number" && ts.isArrayLiteralExpression(node)) {
          node = node.elements[segment];
        } else if (node !== undefined && ts.isObjectLiteralExpression(node)) {
          const property = node.properties.find(
            (p): p is TS.PropertyAssignment =>
              ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === String(segment),
          );
          node = last && atKey ? property?.name : property?.initializer;
        } else {
          node = undefined;
        }
        if (node === undefined) break;
        at = node;
      }
      if (at === undefined) return this.name;
      const { line, character } = this.tree.getLineAndCharacterOfPosition(at.getStart(this.tree));
      return `${this.name}:${String(line + 1)}:${String(character + 1)}`;
    } catch {
      return this.name;
    }
  }
}

function parseJson(text: string, located: Locator): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw new UsageError(`${located.name}: is empty; expected a JSON object (at least {})`);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8: "Expected ',' or '}' after property value in JSON at position 42", or
    // "Unexpected token '}', "{"a":}" is not valid JSON" (no position, and the whole text: cut it).
    const position = /at position (\d+)/.exec(message)?.[1];
    const reason = message
      .replace(/,\s*".*" is not valid JSON$/s, "")
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/\s+/g, " ")
      .trim();
    let where = located.name;
    const offset = position === undefined ? firstSyntaxErrorOffset(body, located.name) : Number(position);
    if (offset !== undefined) {
      const { line, column } = lineAndColumn(body, offset);
      where += `:${String(line)}:${String(column)}`;
    }
    throw new UsageError(`${where}: invalid JSON: ${reason === "" ? "does not parse" : reason}`);
  }
  located.setData(data);
  return data;
}

/** Where TypeScript's JSON parser sees the first syntax error (for V8 messages without a position). */
function firstSyntaxErrorOffset(text: string, name: string): number | undefined {
  const tree = tsCompiler().parseJsonText(name, text);
  const diagnostics = (tree as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics[0]?.start;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  // What JSON can hold besides: numbers and booleans.
  return JSON.stringify(value);
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The allowed word closest to `word` when it is plausibly a typo (edit distance ≤ 2, or a case/plural slip). */
function closest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 3))) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
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

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Paths under `cwd` are shown relative to it; others stay absolute (as src/analysis/load.ts does). */
function displayPath(file: string, cwd: string | undefined): string {
  const absolute = path.resolve(file);
  if (cwd === undefined) return absolute;
  const relative = path.relative(cwd, absolute);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}
