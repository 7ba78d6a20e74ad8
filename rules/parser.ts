/**
 * The parser of `configs.recommended`: typescript-eslint's, type-aware, except for a JavaScript file that no
 * tsconfig includes (`eslint.config.mjs`, a build script, a project without `allowJs`). The CLI does not analyse
 * such a file either, so it is parsed without type information and the purpose rules report nothing in it —
 * instead of the type-aware parser's "was not found by the project service" error. JavaScript files a tsconfig
 * includes (`allowJs`/`checkJs`) are parsed with their program and checked like TypeScript.
 */
import * as parser from "@typescript-eslint/parser";

/** File extensions of JavaScript, which the recommended config lints when a tsconfig includes it. */
export const JAVASCRIPT_EXTENSIONS = [".js", ".jsx", ".mjs", ".cjs"];

/** Set on the parser services of a JavaScript file parsed outside every project: the rules skip it. */
export const OUTSIDE_PROJECT = "purposeLintOutsideProject";

const NOT_IN_A_PROJECT =
  /was not found by the project service(?! because)|not found in any of the provided (?:project|tsconfig)|none of those TSConfigs include/i;

type ParseOptions = Parameters<typeof parser.parseForESLint>[1];

export function parseForESLint(code: string, options?: ParseOptions): ReturnType<typeof parser.parseForESLint> {
  try {
    return parser.parseForESLint(code, options);
  } catch (error) {
    const file = options?.filePath ?? "";
    if (!JAVASCRIPT_EXTENSIONS.some((extension) => file.endsWith(extension))) throw error;
    if (!(error instanceof Error) || !NOT_IN_A_PROJECT.test(error.message)) throw error;
    const untyped = parser.parseForESLint(code, { ...options, project: false, projectService: false, programs: null });
    Object.assign(untyped.services, { [OUTSIDE_PROJECT]: true });
    return untyped;
  }
}

/** True when the file being linted is JavaScript outside every project (see {@link parseForESLint}). */
export function isOutsideProject(parserServices: unknown): boolean {
  return (parserServices as Record<string, unknown> | undefined)?.[OUTSIDE_PROJECT] === true;
}

export const meta = { name: "purpose-lint/parser", version: parser.version };
