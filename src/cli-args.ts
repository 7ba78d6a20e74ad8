/**
 * What the command line says back about its arguments, and the conventions users know from ESLint: a "did you
 * mean" for a mistyped flag, and colour decided by `--color` / `--no-color`, then `NO_COLOR`, then `FORCE_COLOR`,
 * then whether the output is a terminal.
 */

/**
 * parseArgs' messages suggest `--` tricks that do not apply here; say it shorter, naming the argument and, for an
 * unknown flag, the nearest known one. `help` is the command's help flag as the user would type it.
 */
export function describeArgumentError(error: unknown, help = "--help", known: readonly string[] = []): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      if (quoted === undefined) return `${oneLine(message)} (see ${help})`;
      const suggestion = closestFlag(quoted, known);
      return `unknown option ${quoted}${suggestion === undefined ? "" : `; did you mean ${suggestion}?`} (see ${help})`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted ?? ""}; use --project to choose the tsconfig (see ${help})`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${oneLine(message)} (see ${help})`;
    default:
      return oneLine(message);
  }
}

/** The known flag (`--name`) nearest to what was typed, if it is close enough to be a typo. */
export function closestFlag(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, "").split("=")[0] ?? "";
  let best: { flag: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { flag: candidate, distance };
  }
  if (best === undefined) return undefined;
  // One edit in a short name, a third of a longer one: "--foramt" → "--format", not "--x" → "--baseline".
  return best.distance <= Math.max(1, Math.floor(best.flag.length / 3)) ? `--${best.flag}` : undefined;
}

function editDistance(a: string, b: string): number {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours ("foramt").
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Whether the pretty report is coloured: `--color` / `--no-color` when given; else `NO_COLOR` (any value) turns
 * it off and `FORCE_COLOR` (any value but `0` or `false`) on; else only on a terminal, and never into a file.
 */
export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, toTerminal: boolean): boolean {
  if (flag !== undefined) return flag;
  if ((env.NO_COLOR ?? "") !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  return toTerminal;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
