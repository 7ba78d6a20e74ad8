/**
 * Corpus preparation: generate `.bench/corpus-<files>/` with the shared generator (only when missing or when the
 * generator, its options or its code changed) and give it a `node_modules` of symlinks into this repository.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const STAMP = ".bench-corpus.json";

const STUB_INDEX = `declare const securityContactBrand: unique symbol;
export type SecurityContact<T> = T & { readonly [securityContactBrand]: "SecurityContact" };
export declare function declassify<T>(value: SecurityContact<T>, justification: string): T;
`;
const STUB_PACKAGE = { name: "purpose-lint", version: "0.0.0", type: "module", types: "./index.d.ts" };

/** sha256 over the generator's .mjs sources, so an edited generator regenerates the corpora. */
function generatorFingerprint(benchDir) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      } else if (entry.name.endsWith(".mjs") && entry.name !== "score.mjs") {
        hash.update(path.relative(benchDir, full)).update("\0").update(readFileSync(full)).update("\0");
      }
    }
  };
  walk(benchDir);
  return hash.digest("hex").slice(0, 16);
}

function readJsonOrNull(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function generatorArgs(options, files, dir) {
  const args = ["--out", dir, "--files", String(files), "--seed", options.seed, "--force"];
  if (options.packages !== undefined) args.push("--packages", String(options.packages));
  if (options.leakRate !== undefined) args.push("--leak-rate", String(options.leakRate));
  if (options.nearMissRate !== undefined) args.push("--near-miss-rate", String(options.nearMissRate));
  return args;
}

/** Makes `link` a symlink to `target` (relative), replacing whatever is there if it points elsewhere. */
function ensureSymlink(target, link) {
  const wanted = path.relative(path.dirname(link), target);
  let stat = null;
  try {
    stat = lstatSync(link);
  } catch {
    // missing
  }
  if (stat?.isSymbolicLink() && readlinkSync(link) === wanted) return;
  if (stat) rmSync(link, { recursive: true, force: true });
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(wanted, link, "dir");
}

/** The type-only stub package (README "Dependencies"), written once under .bench/. */
function ensureStub(workDir) {
  const dir = path.join(workDir, "stub", "purpose-lint");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.d.ts"), STUB_INDEX);
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(STUB_PACKAGE, null, 2)}\n`);
  return dir;
}

/**
 * `DIR/node_modules` as a real directory of symlinks: typescript and @types/node into the repo's node_modules,
 * purpose-lint to the repo root (its package.json exports point at dist/) or, with `stub`, to the type-only stub.
 */
export function linkDependencies(dir, options) {
  const { repo } = options;
  const nodeModules = path.join(dir, "node_modules");
  let stat = null;
  try {
    stat = lstatSync(nodeModules);
  } catch {
    // missing
  }
  if (stat && !stat.isDirectory()) rmSync(nodeModules, { force: true }); // e.g. a symlink to a shared folder
  mkdirSync(path.join(nodeModules, "@types"), { recursive: true });
  for (const name of ["typescript", "@types/node"]) {
    const target = path.join(repo, "node_modules", name);
    if (!existsSync(path.join(target, "package.json"))) {
      throw new Error(`${target} is missing: run npm install in ${repo} first`);
    }
    ensureSymlink(target, path.join(nodeModules, name));
  }
  ensureSymlink(options.stub ? ensureStub(options.workDir) : repo, path.join(nodeModules, "purpose-lint"));
}

/**
 * Generates (if needed) and links one corpus. Returns { dir, files, lines, leakCount, nearMissCount, generated }.
 */
export function prepareCorpus(files, options, log) {
  const name = options.packages === undefined ? `corpus-${files}` : `mono-${files}-p${options.packages}`;
  const dir = path.join(options.workDir, name);
  const stampFile = path.join(dir, STAMP);
  const wanted = {
    generator: options.generator,
    fingerprint: generatorFingerprint(options.benchDir),
    args: generatorArgs(options, files, "<dir>"),
  };
  const stamp = readJsonOrNull(stampFile);
  const complete = [options.packages === undefined ? "src" : "packages", "tsconfig.json", "expected.json"].every((name) => existsSync(path.join(dir, name)));
  const upToDate = complete && stamp !== null && JSON.stringify(stamp) === JSON.stringify(wanted);
  let generated = false;
  if (options.regenerate || !upToDate) {
    const why = options.regenerate ? "--regenerate" : !complete ? "missing" : stamp === null ? "no stamp" : "generator or options changed";
    log(`${name}: generating (${why})`);
    mkdirSync(dir, { recursive: true });
    rmSync(stampFile, { force: true });
    const result = spawnSync(process.execPath, [options.generator, ...generatorArgs(options, files, dir)], {
      encoding: "utf8",
    });
    if (result.status !== 0) {
      throw new Error(`gen-corpus.mjs failed (exit ${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
    }
    log(`  ${result.stdout.trim()}`);
    writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
    generated = true;
  } else {
    log(`${name}: up to date (${path.relative(options.repo, dir)})`);
  }
  linkDependencies(dir, options);
  const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8"));
  return {
    dir,
    files: expected.files,
    lines: expected.lines,
    leakCount: expected.leakCount,
    nearMissCount: expected.nearMissCount,
    generated,
  };
}
