/**
 * Globs in `purpose-lint.config.json` (zone files, first-party sink files), checked when the config is loaded so a
 * typo fails loudly instead of matching nothing. They are picomatch globs relative to the config file's directory
 * (`PurposeConfig.root`), with forward slashes on every platform; the engine matches them (src/analysis/model.ts).
 */
import picomatch from "picomatch";

/** Why `glob` is not a usable glob ("missing closing "}""), or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "must not be empty";
  // picomatch leaves an unopened "}" as a literal; a config author meant a brace group.
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "\\") i++;
    else if (char === "{") depth++;
    else if (char === "}" && --depth < 0) return `unbalanced braces: "}" without "{" (use "\\\\}" for a literal)`;
  }
  if (depth > 0) return `unbalanced braces: missing closing "}"`;
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "Missing closing: "]" - use "\\]" to match literal characters" → "missing closing "]""
    const missing = /^Missing (closing|opening): "(.)"/.exec(message);
    if (missing) return `unbalanced ${bracketName(missing[2] ?? "")}: missing ${missing[1] ?? ""} "${missing[2] ?? ""}"`;
    return message.replace(/\s+/g, " ").trim();
  }
  const scanned = picomatch.scan(glob);
  if (scanned.negated) return `must not be negated ("!"); list the files to include`;
  return undefined;
}

function bracketName(char: string): string {
  if (char === "[" || char === "]") return "brackets";
  if (char === "(" || char === ")") return "parentheses";
  return "braces";
}
