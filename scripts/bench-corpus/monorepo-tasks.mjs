// What gen-corpus.mjs --packages writes so a task runner can run purpose-lint per package, as docs/monorepo.md
// ("Turborepo") describes: each package's workspace dependencies and its `purpose-lint` script, the root's
// turbo.json, and an npm lockfile linking the workspace packages (turbo reads the package graph from it).

const SUMMARY = "purpose-lint.summary.json";
const REPORT = "purpose-lint.report.json";

/** The root's `packageManager` (turbo requires one) — the npm the fixtures/monorepo/turborepo lockfile is for. */
export const PACKAGE_MANAGER = "npm@11.19.1";

export const TURBO_JSON = {
  $schema: "https://turborepo.com/schema.json",
  tasks: {
    "purpose-lint": {
      dependsOn: ["^purpose-lint"],
      inputs: ["src/**", "tsconfig.json", "package.json", "$TURBO_ROOT$/tsconfig.base.json", "$TURBO_ROOT$/purpose-lint.config.json"],
      outputs: [SUMMARY, REPORT],
    },
  },
};

/**
 * A package's `purpose-lint` script: its own sources, the summaries of every workspace package its program holds
 * (tsconfig references are transitive, so all of them, not only the direct dependencies), its summary and report.
 * Exit 1 (violations found) is a result for the cache, not a failed task.
 */
export function purposeLintScript(transitive) {
  const summaries = transitive.map((dep) => `--summaries ../${dep} `).join("");
  return `purpose-lint --project tsconfig.json ${summaries}--summary-out ${SUMMARY} --format json --output ${REPORT} || [ $? -eq 1 ]`;
}

/** package-lock.json for npm workspaces: the root, a link per package, and each package's dependencies. */
export function lockfile(rootName, scope, packages) {
  const entries = { "": { name: rootName, workspaces: ["packages/*"] } };
  for (const { name } of packages) entries[`node_modules/${scope}/${name}`] = { resolved: `packages/${name}`, link: true };
  for (const { name, dependencies } of packages) {
    entries[`packages/${name}`] = {
      name: `${scope}/${name}`,
      version: "1.0.0",
      ...(dependencies.length > 0 ? { dependencies: Object.fromEntries(dependencies.map((dep) => [`${scope}/${dep}`, "1.0.0"])) } : {}),
    };
  }
  return { name: rootName, lockfileVersion: 3, requires: true, packages: entries };
}
