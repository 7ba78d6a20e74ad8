/**
 * Helpers of the ESLint section (editor latency and cold `eslint .`): the seeded list of edited files, the edit
 * itself, percentiles, and the comparison of the ESLint rule's messages with the CLI's SARIF. The measuring is
 * done by eslint-child.mjs, one child process per configuration; bench.mjs runs them.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "eslint-child.mjs");

/** The figure issue 3 asks for: median editor latency with purpose-lint over without it. */
export const LATENCY_RATIO_LIMIT = 1.5;

/** The kinds of files edited, in turn. */
const KINDS = ["service", "controller", "model"];

/** mulberry32 seeded from a string: the same seed gives the same edit list on every machine. */
function random(seed) {
  let state = 2166136261;
  for (const char of String(seed)) state = Math.imul(state ^ char.charCodeAt(0), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listTs(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listTs(full, base, out);
    else if (entry.name.endsWith(".ts")) out.push(path.relative(base, full).split(path.sep).join("/"));
  }
  return out;
}

/**
 * `count` edits: { file, kind } with files relative to the corpus, taking a service, a controller, a model, a
 * service, … (or, in a corpus without such names, a file of each folder in turn) each drawn (seeded) without replacement, so consecutive edits touch different files and packages.
 * `kind` alternates "append" and "string" (see editText). Plus `warmFile`, the file linted first (src/main.ts).
 */
export function planEdits(corpusDir, count, seed) {
  const files = listTs(path.join(corpusDir, "src"), corpusDir).sort();
  let pools = KINDS.map((kind) => files.filter((file) => file.endsWith(`.${kind}.ts`)));
  // The project's own generator names files by folder (src/features/feature12.ts, src/util/…): a pool per folder.
  if (pools.every((pool) => pool.length === 0)) pools = [...new Set(files.map((file) => path.dirname(file)))].map((folder) => files.filter((file) => path.dirname(file) === folder));
  const next = random(`${seed}:eslint-edits`);
  const edits = [];
  for (let i = 0; i < count; i += 1) {
    let pool = pools[i % pools.length];
    if (pool.length === 0) pool = pools.find((candidates) => candidates.length > 0) ?? [];
    if (pool.length === 0) throw new Error(`no .ts files left to edit under ${corpusDir}/src`);
    const [file] = pool.splice(Math.floor(next() * pool.length), 1);
    edits.push({ file, kind: i % 2 === 0 ? "append" : "string" });
  }
  const warmFile = files.includes("src/main.ts") ? "src/main.ts" : files[0];
  return { warmFile, edits };
}

/** A string literal with a space in it (a message, not a key or a literal type), outside import/export-from lines. */
const MESSAGE_LITERAL = /"([A-Za-z][A-Za-z0-9 ,.:'-]* [A-Za-z0-9 ,.:'-]*)"/g;

/**
 * Edit number `i` as a developer makes it. "append": a blank line and `export const __edit<i> = <i>;` at the end.
 * "string": the last message-like string literal gets ` (edit <i>)` inside its quotes; a file without one gets
 * the append instead. Returns { text, kind } (the kind actually applied).
 */
export function editText(text, i, kind) {
  if (kind === "string") {
    const lines = text.split("\n");
    for (let line = lines.length - 1; line >= 0; line -= 1) {
      if (/^\s*(import|export\s.*\sfrom\s)/.test(lines[line])) continue;
      const matches = [...lines[line].matchAll(MESSAGE_LITERAL)];
      const match = matches.at(-1);
      if (match === undefined) continue;
      const end = match.index + match[0].length - 1; // the closing quote
      lines[line] = `${lines[line].slice(0, end)} (edit ${i})${lines[line].slice(end)}`;
      return { text: lines.join("\n"), kind: "string" };
    }
  }
  return { text: `${text.replace(/\n*$/, "\n")}\nexport const __edit${i} = ${i};\n`, kind: "append" };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The CLI's SARIF results: every result, and the leak rule's as { file, line } relative to the corpus. */
export function readSarif(file, corpusDir) {
  const sarif = JSON.parse(readFileSync(file, "utf8"));
  const results = sarif.runs.flatMap((run) => run.results ?? []);
  const bases = Object.assign({}, ...sarif.runs.map((run) => run.originalUriBaseIds ?? {}));
  const leaks = [];
  for (const result of results) {
    if (result.ruleId !== "purpose/no-security-contact-leak") continue;
    const physical = result.locations?.[0]?.physicalLocation;
    const uri = physical?.artifactLocation?.uri ?? "";
    const base = bases[physical?.artifactLocation?.uriBaseId ?? ""]?.uri;
    let absolute = uri;
    try {
      absolute = fileURLToPath(new URL(uri, base ?? `file://${corpusDir}/`));
    } catch {
      // leave as is
    }
    leaks.push({ file: path.relative(corpusDir, absolute).split(path.sep).join("/"), line: physical?.region?.startLine ?? 0 });
  }
  return { total: results.length, leaks };
}

/** ESLint's leak messages against the CLI's leak results, by file:line: counts and the first few differences. */
export function compareLeaks(eslintLeaks, cliLeaks) {
  const key = (leak) => `${leak.file}:${leak.line}`;
  const count = (list) => list.reduce((map, leak) => map.set(key(leak), (map.get(key(leak)) ?? 0) + 1), new Map());
  const eslintByKey = count(eslintLeaks);
  const cliByKey = count(cliLeaks);
  const onlyEslint = [];
  const onlyCli = [];
  for (const [where, n] of eslintByKey) for (let k = cliByKey.get(where) ?? 0; k < n; k += 1) onlyEslint.push(where);
  for (const [where, n] of cliByKey) for (let k = eslintByKey.get(where) ?? 0; k < n; k += 1) onlyCli.push(where);
  return {
    eslint: eslintLeaks.length,
    cli: cliLeaks.length,
    countsEqual: eslintLeaks.length === cliLeaks.length,
    sameLocations: onlyEslint.length === 0 && onlyCli.length === 0,
    onlyEslint: onlyEslint.sort().slice(0, 10),
    onlyCli: onlyCli.sort().slice(0, 10),
  };
}
