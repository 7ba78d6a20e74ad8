/**
 * Project references, analysed from their sources (issue 9, item 3).
 *
 * tsc resolves an import of a referenced project to that project's *output* declarations; when the references
 * are not built (a fresh checkout, CI before `tsc --build`), the import does not resolve and every flow into the
 * referenced code would be lost. The language service instead maps outputs back to sources
 * (`useSourceOfProjectReferenceRedirect`), and so does purpose-lint: the program is the root project plus every
 * project it references, transitively (tsc --build's graph), each file resolved with its own project's options,
 * and an import of a referenced project's output (`../lib/dist/index.js`, a workspace package whose `types` point
 * at `dist/`) reaches the source it is built from. A solution-style tsconfig (`"files": []` and `references`) is so
 * analysed as one program across its projects.
 */
import path from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";

/** Reads one tsconfig, throwing a one-line error when it does not parse (see load.ts). */
export type ParseConfig = (configPath: string) => TS.ParsedCommandLine;

/**
 * Every project `root` references, directly or through others, in depth-first order, each once. A reference whose
 * tsconfig does not exist is left out here: the program reports it as tsc does (TS6053, an incomplete analysis).
 */
export function referencedProjects(root: TS.ParsedCommandLine, rootPath: string, parse: ParseConfig): TS.ParsedCommandLine[] {
  const seen = new Set([path.resolve(rootPath)]);
  const out: TS.ParsedCommandLine[] = [];
  const visit = (project: TS.ParsedCommandLine): void => {
    for (const reference of project.projectReferences ?? []) {
      const configPath = path.resolve(ts.resolveProjectReferencePath(reference));
      if (seen.has(configPath)) continue;
      seen.add(configPath);
      if (!ts.sys.fileExists(configPath)) continue;
      const referenced = parse(configPath);
      out.push(referenced);
      visit(referenced);
    }
  };
  visit(root);
  return out;
}

/**
 * The options of the one program. Per-file settings need no merging: each file is resolved with its own project's
 * module resolution (`paths`, `baseUrl`, `moduleResolution`, `customConditions`), as the language service does for
 * a project's references. What the one checker applies to every file comes from the root when it has files of its
 * own; for a solution-style root or a workspace (no files, usually no options), from the first referenced project
 * that has files, in reference order (a workspace's packages sorted by path), widened so no package's files lose
 * what their own project gives them: every project's `lib` and `types` (all of @types when one project loads them
 * all), `allowJs`/`checkJs` when any project has them, the first `jsx` set. The `strict` family, `target` and the
 * like stay the first project's: sources are found by declarations, so they do not change what the analysis sees.
 * tsc --build's own settings are dropped, so tsc does not complain about files "not listed" in a composite project.
 */
export function programOptions(root: TS.ParsedCommandLine, referenced: readonly TS.ParsedCommandLine[]): TS.CompilerOptions {
  const withFiles = referenced.filter((project) => project.fileNames.length > 0);
  const first = withFiles[0];
  if (root.fileNames.length > 0 || first === undefined) return root.options;
  const options: TS.CompilerOptions = { ...first.options, configFilePath: root.options.configFilePath };
  const libs = withFiles.map((project) => project.options.lib);
  if (libs.every((lib) => lib !== undefined)) options.lib = [...new Set(libs.flat())];
  const types = withFiles.map((project) => project.options.types);
  options.types = types.every((list) => list !== undefined) ? [...new Set(types.flat())] : undefined;
  if (withFiles.some((project) => project.options.allowJs === true)) options.allowJs = true;
  if (withFiles.some((project) => project.options.checkJs === true)) options.checkJs = true;
  const jsx = withFiles.find((project) => project.options.jsx !== undefined)?.options;
  if (jsx !== undefined) {
    for (const key of ["jsx", "jsxFactory", "jsxFragmentFactory", "jsxImportSource"] as const) options[key] = jsx[key] as never;
  }
  for (const buildOnly of ["composite", "incremental", "tsBuildInfoFile", "declaration", "declarationMap", "emitDeclarationOnly"] as const) {
    options[buildOnly] = undefined;
  }
  return options;
}

/** The root names of the one program: the root's files, then each referenced project's, each once. */
export function programRootNames(root: TS.ParsedCommandLine, referenced: readonly TS.ParsedCommandLine[]): string[] {
  return [...new Set([root, ...referenced].flatMap((project) => project.fileNames))];
}

/**
 * Makes `host` resolve imports of referenced projects' outputs to their sources, and hands the program the
 * already parsed referenced tsconfigs (so each is read once).
 */
export function useReferencedSources(host: TS.CompilerHost, projects: ReadonlyMap<string, TS.ParsedCommandLine>): void {
  // Public on WatchCompilerHost ("Instead of using output d.ts file from project reference, use its source
  // file"); createProgram reads the same member from any host.
  const extended = host as TS.CompilerHost & { useSourceOfProjectReferenceRedirect?: () => boolean };
  extended.useSourceOfProjectReferenceRedirect = () => true;
  host.getParsedCommandLine = (fileName) => projects.get(path.resolve(fileName));
}
