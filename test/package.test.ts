// The package people install: every export resolves to a built file, the README's links ship in the tarball, and
// the runtime part an app imports has no dependencies and works when vendored verbatim.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import picomatch from "picomatch";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  bin: Record<string, string>;
  license: string;
};

/** The TypeScript source a built path comes from: dist/src/x.js → src/x.ts. */
function sourceOf(built: string): string {
  return built.replace(/^\.\/dist\//, "").replace(/\.d\.ts$|\.js$/, ".ts");
}

const shipped = (file: string): boolean => manifest.files.some((pattern) => file === pattern || file.startsWith(`${pattern}/`) || picomatch(pattern)(file));

describe("package.json", () => {
  it("exports only entries that are built from a source in the repository and shipped", () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const targets = typeof target === "string" ? [target] : Object.values(target);
      for (const built of targets) {
        if (built === "./package.json") continue;
        expect(existsSync(path.join(REPO, sourceOf(built))), `${entry} → ${built}`).toBe(true);
        expect(shipped(built.replace(/^\.\//, "")), `${entry} → ${built} is in "files"`).toBe(true);
      }
    }
    expect(Object.keys(manifest.exports)).not.toContain("./api");
    expect(existsSync(path.join(REPO, sourceOf(Object.values(manifest.bin)[0] ?? "")))).toBe(true);
  });

  it("ships a LICENSE matching the declared license", () => {
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(path.join(REPO, "LICENSE"), "utf8")).toMatch(/^MIT License/);
    expect(shipped("LICENSE")).toBe(true);
  });

  it("ships every docs/ and rules/ page the README links to", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\(((?:docs|rules)\/[^)#]*)/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(existsSync(path.join(REPO, link)), link).toBe(true);
      if (link.endsWith(".md")) expect(shipped(link), `${link} is in "files"`).toBe(true);
    }
  });
});

describe("the runtime an app imports", () => {
  const runtime = readFileSync(path.join(REPO, "runtime", "security-contact.ts"), "utf8");

  it("imports nothing, so vendoring it (or importing the package root) costs an app no dependency", () => {
    expect(runtime).not.toMatch(/^\s*import\s/m);
    expect(runtime).not.toMatch(/\brequire\(/);
    expect(shipped("runtime/security-contact.ts")).toBe(true);
    // The package root is the runtime and nothing else.
    expect(readFileSync(path.join(REPO, "src", "index.ts"), "utf8")).toMatch(/from "\.\.\/runtime\/security-contact\.js";\s*$/);
  });

  it("is what fixtures/sources/vendored-runtime vendors, verbatim (that fixture proves a local copy is recognised)", () => {
    const vendored = readFileSync(path.join(REPO, "fixtures", "sources", "vendored-runtime", "security-contact.ts"), "utf8");
    expect(vendored).toBe(runtime);
  });
});
