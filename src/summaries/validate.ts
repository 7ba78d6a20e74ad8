/**
 * The shape of a package summary (`purpose-lint/package-summary@1`), checked before it is used: the first thing
 * wrong, as a short phrase naming where ("exports.src/index.ts.retarget.reaches[0].argument is not a number").
 */

type Check = (value: unknown, at: string) => string | undefined;

const str: Check = (v, at) => (typeof v === "string" ? undefined : `${at} is not a string`);
const num: Check = (v, at) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? undefined : `${at} is not a number`);

function optional(check: Check): Check {
  return (v, at) => (v === undefined ? undefined : check(v, at));
}

function array(check: Check): Check {
  return (v, at) => {
    if (!Array.isArray(v)) return `${at} is not a list`;
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${at}[${String(i)}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

function record(check: Check): Check {
  return (v, at) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return `${at} is not an object`;
    for (const [key, member] of Object.entries(v)) {
      const problem = check(member, `${at}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

function shape(fields: Record<string, Check>): Check {
  return (v, at) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return `${at} is not an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check((v as Record<string, unknown>)[key], at === "" ? key : `${at}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

const step = shape({ at: str, length: num, label: str, kind: str });
const source = shape({ at: str, length: num, field: str, name: str, kind: str, unless: optional(str) });
const flow = shape({ path: array(str), input: optional(str), source: optional(source), steps: array(step) });
const reach = shape({
  input: str,
  sink: str,
  purpose: str,
  origin: str,
  argument: num,
  at: str,
  length: num,
  fingerprintName: optional(str),
  step: optional(str),
  steps: array(step),
});
const exported = shape({
  kind: str,
  reaches: optional(array(reach)),
  returns: optional(shape({ flows: array(flow) })),
  held: optional(array(flow)),
});
const location = shape({ file: str, line: num, column: num, endLine: num, endColumn: num });
const finding = shape({
  ruleId: str,
  message: str,
  source: shape({ field: str, location }),
  sink: shape({ callee: str, purpose: str, argumentIndex: num, origin: str, location }),
  trace: array(shape({ location, label: str, kind: str })),
  entry: optional(shape({ location, callee: str, message: str, step: num })),
  fingerprint: str,
});
const summary = shape({
  format: str,
  package: optional(str),
  inputHash: str,
  inputs: shape({ files: record(str), summaries: optional(record(str)), tool: optional(str) }),
  exports: record(record(exported)),
  findings: optional(array(finding)),
});

/** What is wrong with a parsed summary, or `undefined` when it has the expected shape. */
export function problemIn(parsed: unknown): string | undefined {
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format === undefined) return "no format";
  return summary(parsed, "");
}
