// gen-corpus.mjs --packages N: the same synthetic service as a monorepo of N packages with project references and
// npm workspaces, none of them built, with leaks planted across packages.
//
//   package.json (workspaces: packages/*) · tsconfig.json (solution: files [] and a reference per package)
//   tsconfig.base.json (composite; "@corpus/*" → ./packages/*, whose "types" point at an unbuilt dist/)
//   packages/core      src/domain.ts (the branded records), src/sinks.ts (@sink functions), src/util/text*.ts
//   packages/pK        src/util/text*.ts (helpers; the first calls p(K−1)'s or core's) and src/features/*.ts,
//                      referencing core and p(K−1)
//
// A feature module of pK passes values through helpers of its own package, of core and of p(K−1), and calls core's
// sinks: a planted leak crosses two or three packages between the branded read and the sink.
//
// Each package also declares its workspace dependencies and a `purpose-lint` script reading the summaries of the
// packages before it, with a root turbo.json and package-lock.json (monorepo-tasks.mjs): `turbo run purpose-lint`
// analyses it package by package, and `tsc --build` builds it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_MANAGER, TURBO_JSON, lockfile, purposeLintScript } from "./monorepo-tasks.mjs";
import { DOMAIN_TS, SINKS_TS, featureModule, helperBody, plantings } from "./pieces.mjs";

const SCOPE = "@corpus";

/** The smallest --files that gives every package at least one feature module. */
export function minimumFiles(packages) {
  return 3 + 2 + (packages - 1) * (1 + 2 + 1);
}

export function writeMonorepo({ out, files, packages, leakRate, nearMissRate, random, pick }) {
  const write = (relative, text) => {
    mkdirSync(path.dirname(path.join(out, relative)), { recursive: true });
    writeFileSync(path.join(out, relative), text);
  };
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  const names = ["core", ...Array.from({ length: packages - 1 }, (_, k) => `p${k + 1}`)];
  // Helpers per package, as the single layout has one per 50 files; every package has at least two.
  const helpers = Math.max(2, Math.min(40, Math.floor(files / packages / 50)));

  const dependenciesOf = (k) => (k === 0 ? [] : k === 1 ? ["core"] : ["core", names[k - 1]]);
  write("package.json", json({ name: "corpus", private: true, packageManager: PACKAGE_MANAGER, workspaces: ["packages/*"], scripts: { "purpose-lint": "turbo run purpose-lint" } }));
  write("turbo.json", json(TURBO_JSON));
  write("package-lock.json", json(lockfile("corpus", SCOPE, names.map((name, k) => ({ name, dependencies: dependenciesOf(k) })))));
  write("tsconfig.json", json({ files: [], references: names.map((name) => ({ path: `packages/${name}` })) }));
  write(
    "tsconfig.base.json",
    json({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        skipLibCheck: true,
        types: [],
        composite: true,
        rootDir: "${configDir}/src",
        outDir: "${configDir}/dist",
        paths: { [`${SCOPE}/*`]: ["./packages/*"] },
      },
    }),
  );

  const helperNames = new Map(); // package → [{ name, module }] as a feature module of that package imports it
  names.forEach((name, k) => {
    const dependencies = dependenciesOf(k);
    write(
      `packages/${name}/package.json`,
      json({
        name: `${SCOPE}/${name}`,
        version: "1.0.0",
        type: "module",
        types: "./dist/index.d.ts",
        exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
        ...(dependencies.length > 0 ? { dependencies: Object.fromEntries(dependencies.map((dep) => [`${SCOPE}/${dep}`, "1.0.0"])) } : {}),
        scripts: { "purpose-lint": purposeLintScript(names.slice(0, k)) },
      }),
    );
    write(`packages/${name}/tsconfig.json`, json({ extends: "../../tsconfig.base.json", include: ["src"], references: dependencies.map((dep) => ({ path: `../${dep}` })) }));
    const own = [];
    const exports = k === 0 ? ['export * from "./domain";', 'export * from "./sinks";'] : [];
    for (let h = 0; h < helpers; h++) {
      const helper = `normalize${k}_${h}`;
      const upstream = h === 0 && k > 0 ? helperNames.get(dependencies.at(-1))[0] : undefined;
      const text = upstream
        ? `import { ${upstream.name} } from "${SCOPE}/${dependencies.at(-1)}";\n\nexport function ${helper}(value: string): string {\n  return ${upstream.name}(value).trim();\n}\n`
        : `export function ${helper}(value: string): string {\n  ${helperBody(pick)}\n}\n`;
      write(`packages/${name}/src/util/text${h}.ts`, text);
      own.push({ name: helper, module: `../util/text${h}` });
      exports.push(`export * from "./util/text${h}";`);
    }
    helperNames.set(name, own);
    write(`packages/${name}/src/index.ts`, `${exports.join("\n")}\n`);
    if (k === 0) {
      write("packages/core/src/domain.ts", DOMAIN_TS);
      write("packages/core/src/sinks.ts", SINKS_TS);
    }
  });

  const written = 3 + (packages - 1) + packages * helpers; // domain, sinks, the indexes and the helpers
  const features = files - written;
  const { leakAt, missAt } = plantings(features, leakRate, nearMissRate, random);
  const leaks = [];
  const nearMisses = [];
  for (let f = 0; f < features; f++) {
    const k = 1 + (f % (packages - 1));
    const name = names[k];
    // Helpers a module of pK may call: its own, core's and p(K−1)'s (imported by package name).
    const foreign = (dep) => helperNames.get(dep).map((helper) => ({ name: helper.name, module: `${SCOPE}/${dep}` }));
    const candidates = [...helperNames.get(name), ...foreign("core"), ...(k > 1 ? foreign(names[k - 1]) : [])];
    const helper = pick(candidates);
    const other = pick(candidates);
    const imports = [
      'import { declassify } from "purpose-lint";',
      `import { subscribe, track, uploadAudience, type Account, type Order } from "${SCOPE}/core";`,
      `import { ${helper.name} } from "${helper.module}";`,
      ...(other.name === helper.name ? [] : [`import { ${other.name} } from "${other.module}";`]),
    ];
    const file = `packages/${name}/src/features/feature${f}.ts`;
    const module = featureModule(f, { imports, helper, other, leak: leakAt.has(f), miss: missAt.has(f) }, { random, pick });
    write(file, module.text);
    if (module.leakLine !== undefined) leaks.push({ file, line: module.leakLine });
    if (module.missLine !== undefined) nearMisses.push({ file, line: module.missLine });
  }
  return { leaks, nearMisses };
}
