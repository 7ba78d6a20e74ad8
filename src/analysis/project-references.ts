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
 * The options of the one program: the root's own when it has files; for a solution-style root (no files of its
 * own, so usually no options either), the first referenced project's, with every project's `lib` and `allowJs`,
 * and without the build-only settings that would make tsc complain about files "not listed" in a composite
 * project.
 */
export function programOptions(root: TS.ParsedCommandLine, referenced: readonly TS.ParsedCommandLine[]): TS.CompilerOptions {
  const withFiles = referenced.filter((project) => project.fileNames.length > 0);
  const first = withFiles[0];
  if (root.fileNames.length > 0 || first === undefined) return root.options;
  const options: TS.CompilerOptions = { ...first.options, configFilePath: root.options.configFilePath };
  const libs = withFiles.map((project) => project.options.lib);
  if (libs.every((lib) => lib !== undefined)) options.lib = [...new Set(libs.flat())];
  if (withFiles.some((project) => project.options.allowJs === true)) options.allowJs = true;
  if (withFiles.some((project) => project.options.checkJs === true)) options.checkJs = true;
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
