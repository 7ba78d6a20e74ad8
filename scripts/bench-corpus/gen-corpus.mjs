#!/usr/bin/env node
/**
 * purpose-lint's own benchmark corpus: a synthetic TypeScript service of N files with leaks of SecurityContact
 * values planted at a known rate, near-misses beside them, and an answer key (expected.json). Plain Node, no
 * dependencies, deterministic for equal options.
 *
 *   node gen-corpus.mjs --out DIR --files N [--packages P] [--seed S] [--leak-rate R] [--near-miss-rate R] [--force]
 *
 * Layout: src/domain.ts (the branded records), src/sinks.ts (@sink functions for each purpose), src/util/*.ts
 * (helpers that reshape strings), and N − 2 − helpers feature modules that read records, pass values through
 * helpers and across modules, and call sinks — with a planted leak (a branded field into a sink, through one or
 * two helpers) or near-miss (a plain field, a declassified value, a count) in some of them. Each planted sink
 * argument is on a line of its own; expected.json lists them as { file, line } relative to DIR.
 *
 * With --packages P (2 to 200), the same N files form a monorepo of P packages with project references and npm
 * workspaces, none built, with leaks that cross packages (monorepo.mjs); DIR/tsconfig.json is its solution.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { minimumFiles, writeMonorepo } from "./monorepo.mjs";
import { DOMAIN_TS, SINKS_TS, featureModule, helperBody, plantings } from "./pieces.mjs";

function fail(message) {
  process.stderr.write(`gen-corpus: ${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: "string" },
      files: { type: "string" },
      packages: { type: "string" },
      seed: { type: "string", default: "1" },
      "leak-rate": { type: "string", default: "0.025" },
      "near-miss-rate": { type: "string" },
      force: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
const files = Number(values.files);
const leakRate = Number(values["leak-rate"]);
const nearMissRate = Number(values["near-miss-rate"] ?? values["leak-rate"]);
if (!values.out) fail("--out DIR is required");
if (!Number.isInteger(files) || files < 10 || files > 20000) fail("--files must be a whole number from 10 to 20000");
if (!(leakRate >= 0 && leakRate <= 0.5) || !(nearMissRate >= 0 && nearMissRate <= 0.5)) fail("rates must be between 0 and 0.5");
const packages = values.packages === undefined ? undefined : Number(values.packages);
if (packages !== undefined && (!Number.isInteger(packages) || packages < 2 || packages > 200)) fail("--packages must be a whole number from 2 to 200");
if (packages !== undefined && files < minimumFiles(packages)) fail(`--packages ${packages} needs --files ${minimumFiles(packages)} or more`);

// A small seeded generator (xorshift32 over a hash of the seed): equal options, equal corpus.
let state = [...String(values.seed)].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261) || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];

const out = path.resolve(values.out);
const src = path.join(out, "src");
// What an earlier run wrote: either layout's sources and root files.
const generated = [src, path.join(out, "packages"), ...["tsconfig.base.json", "package.json", "package-lock.json", "turbo.json"].map((file) => path.join(out, file))];
if (generated.slice(0, 2).some((dir) => existsSync(dir))) {
  if (!values.force) fail(`${existsSync(src) ? src : generated[1]} exists (pass --force to replace it)`);
  for (const file of generated) rmSync(file, { recursive: true, force: true });
}
mkdirSync(out, { recursive: true });

const write = (relative, text) => writeFileSync(path.join(out, relative), text);
const finish = (leaks, nearMisses) => {
  const key = { generator: "purpose-lint/scripts/bench-corpus", files, ...(packages === undefined ? {} : { packages }), seed: values.seed, leaks, nearMisses };
  write("expected.json", `${JSON.stringify(key, null, 2)}\n`);
  const layout = packages === undefined ? "" : ` in ${packages} packages`;
  process.stdout.write(`gen-corpus: ${files} files${layout}, ${leaks.length} leaks, ${nearMisses.length} near-misses in ${out}\n`);
};

if (packages !== undefined) {
  const { leaks, nearMisses } = writeMonorepo({ out, files, packages, leakRate, nearMissRate, random, pick });
  finish(leaks, nearMisses);
  process.exit(0);
}

mkdirSync(path.join(src, "util"), { recursive: true });
mkdirSync(path.join(src, "features"), { recursive: true });

write(
  "tsconfig.json",
  `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["src"] }, null, 2)}\n`,
);
write("src/domain.ts", DOMAIN_TS);
write("src/sinks.ts", SINKS_TS);

const HELPERS = Math.max(2, Math.min(40, Math.floor(files / 50)));
const helperNames = [];
for (let h = 0; h < HELPERS; h++) {
  const name = `normalize${h}`;
  helperNames.push({ module: `../util/text${h}`, name });
  const body = helperBody(pick);
  write(`src/util/text${h}.ts`, `export function ${name}(value: string): string {\n  ${body}\n}\n`);
}

const expected = [];
const nearMisses = [];
const features = files - 2 - HELPERS;
const { leakAt, missAt } = plantings(features, leakRate, nearMissRate, random);

for (let f = 0; f < features; f++) {
  const helper = pick(helperNames);
  const other = pick(helperNames);
  const imports = [
    'import { declassify } from "purpose-lint";',
    'import type { Account, Order } from "../domain";',
    'import { subscribe, track, uploadAudience } from "../sinks";',
    `import { ${helper.name} } from "${helper.module}";`,
    ...(other.name === helper.name ? [] : [`import { ${other.name} } from "${other.module}";`]),
  ];
  const file = `src/features/feature${f}.ts`;
  const module = featureModule(f, { imports, helper, other, leak: leakAt.has(f), miss: missAt.has(f) }, { random, pick });
  write(file, module.text);
  if (module.leakLine !== undefined) expected.push({ file, line: module.leakLine });
  if (module.missLine !== undefined) nearMisses.push({ file, line: module.missLine });
}

finish(expected, nearMisses);
