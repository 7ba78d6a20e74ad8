/**
 * What the config loader says about a file it refuses: every problem with the file's line and column and the JSON
 * path (`sinks[1].purpose`), in words a user can act on (allowed keys, the closest one to a typo, the value found).
 */
import type { ErrorObject } from "ajv";
import { createRequire } from "node:module";
import type TS from "typescript";
import { UsageError } from "../errors.js";

/**
 * The compiler's JSON parser locates errors (line and column of a JSON path); loaded only when there is an error
 * to locate, so a valid config costs no compiler load (see src/typescript.ts for why `require`).
 */
let compiler: typeof TS | undefined;
function tsCompiler(): typeof TS {
  return (compiler ??= createRequire(import.meta.url)("typescript") as typeof TS);
}

/**
 * One error per place: ajv (with allErrors) may say several things about one value, and adds an `if` error above
 * every failed `then` branch, which says nothing the branch's own error does not.
 */
export function distinctErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (error.keyword === "if") return false;
    const params = error.params as Record<string, unknown>;
    const place = `${error.instancePath}|${JSON.stringify(params.additionalProperty ?? params.missingProperty ?? "")}`;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}

/** Every problem in one line, each with its position and JSON path (issue 9: not only the first). */
export function allProblems(problems: readonly string[], name: string): string {
  if (problems.length === 0) return `${name}: invalid configuration`;
  if (problems.length === 1) return problems[0] ?? "";
  // In the order they appear in the file (`name:line:col:` leads each message).
  const position = (message: string): number[] => (/:(\d+):(\d+): /.exec(message)?.slice(1).map(Number) ?? [0, 0]);
  const ordered = [...problems].sort((a, b) => {
    const [la = 0, ca = 0] = position(a);
    const [lb = 0, cb = 0] = position(b);
    return la - lb || ca - cb;
  });
  return `${name}: ${String(problems.length)} problems: ${ordered.join("; ")}`;
}


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

export class Locator {
  private tree: TS.JsonSourceFile | undefined;
  private data: unknown;

  constructor(
    private readonly text: string,
    readonly name: string,
  ) {}

  setData(data: unknown): void {
    this.data = data;
  }

  /** The message for a problem at `segments`: `file:line:col: sinks[1].purpose: <expected>`. */
  problem(segments: JsonPath, expected: string): string {
    return `${this.where(segments)}: ${formatJsonPath(segments)}: ${expected}`;
  }

  /** The message for one ajv error. */
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

export function parseJson(text: string, located: Locator): unknown {
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
