/**
 * A small deterministic YAML emitter for plain data (objects in key order, arrays, strings, numbers, booleans,
 * null): block style, two-space indentation, strings plain when they are safe identifiers and double-quoted JSON
 * otherwise (a JSON string is a valid YAML double-quoted scalar). Enough for fideslang manifests, with no dependency.
 */

export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

/** Words YAML 1.1 readers take for booleans or null, and anything that could read as a number: always quoted. */
const AMBIGUOUS = /^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:e[-+]?\d+)?|\.inf|\.nan)$/i;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value !== "string") return String(value);
  return /^[A-Za-z_][A-Za-z0-9_.<>/-]*$/.test(value) && !AMBIGUOUS.test(value) ? value : JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !AMBIGUOUS.test(name) ? name : JSON.stringify(name);
}

function isScalar(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== "object";
}

function lines(value: YamlValue, indent: string): string[] {
  if (isScalar(value)) return [`${indent}${scalar(value)}`];
  if (Array.isArray(value)) {
    const items = value as readonly YamlValue[];
    if (items.length === 0) return [`${indent}[]`];
    return items.flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const inner = lines(item, `${indent}  `);
      // The item's first line goes after the dash: "- fides_key: x", then the rest at the item's indentation.
      return [`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1)];
    });
  }
  const entries = Object.entries(value as { readonly [key: string]: YamlValue | undefined }).filter(
    (entry): entry is [string, YamlValue] => entry[1] !== undefined,
  );
  if (entries.length === 0) return [`${indent}{}`];
  return entries.flatMap(([name, member]) => {
    if (isScalar(member)) return [`${indent}${key(name)}: ${scalar(member)}`];
    const empty = Array.isArray(member) ? member.length === 0 : Object.keys(member).length === 0;
    if (empty) return [`${indent}${key(name)}: ${Array.isArray(member) ? "[]" : "{}"}`];
    return [`${indent}${key(name)}:`, ...lines(member, `${indent}  `)];
  });
}

/** The YAML document for `value`, ending in a newline. */
export function toYaml(value: YamlValue): string {
  return `${lines(value, "").join("\n")}\n`;
}
