/**
 * `purpose-lint adopt` (issue 12, part 2): each rewrite kind against before/after fixtures (fixtures/adopt/<case>,
 * the expected files in expected/), the diff by default, --write, idempotence, a type-breaking brand skipped with
 * where it breaks, the program still type-correct after, the violations a brand reveals and the baseline, bad
 * input, and ts-morph kept out of the analysis path.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadProgram } from "../src/analysis/load.js";
import { affectedFiles, importersOf } from "../src/adopt/affected.js";
import { unifiedDiff } from "../src/adopt/diff.js";
import { tagPrismaFields } from "../src/adopt/prisma.js";
import { newErrors, typeErrors } from "../src/adopt/typecheck.js";
import { runCli } from "../src/cli.js";
import { FIXTURES_ROOT } from "./fixture-utils.js";

const CASES = path.join(FIXTURES_ROOT, "adopt");
// Copies live under fixtures/ (a dot-directory, which fixture discovery skips) so their tsconfig's `extends` and the
// "purpose-lint" path mapping resolve as in the originals.
const SCRATCH = path.join(FIXTURES_ROOT, `.adopt-scratch-${String(process.pid)}`);

afterAll(() => {
  fs.rmSync(SCRATCH, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, env: {} });
  return { code, stdout, stderr };
}

function scratchCopy(name: string): string {
  const target = path.join(SCRATCH, name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(CASES, name), target, { recursive: true });
  return target;
}

function expected(name: string, file: string): string {
  return fs.readFileSync(path.join(CASES, name, "expected", `${path.basename(file)}.expected`), "utf8");
}

describe("purpose-lint adopt", () => {
  it("prints a unified diff by default and changes nothing", async () => {
    const dir = path.join(CASES, "interfaces");
    const before = fs.readFileSync(path.join(dir, "user.ts"), "utf8");
    const { code, stdout, stderr } = await cli(["adopt", "--project", "tsconfig.json"], dir);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "user.ts"), "utf8")).toBe(before);
    expect(stdout).toContain("--- a/user.ts\n+++ b/user.ts\n");
    expect(stdout).toContain("-  phone: string | null; // kept nullable: old accounts have none\n+  phone: SecurityContact<string> | null; // kept nullable: old accounts have none\n");
    expect(stderr).toContain("would brand 3 field(s)");
    expect(stderr).toContain("User.email: dual-use");
  });

  it("brands interface, type-literal, class and parameter-property fields; skips a brand that breaks a type", async () => {
    const dir = scratchCopy("interfaces");
    const { code, stdout } = await cli(["adopt", "--write"], dir);
    expect(code).toBe(0);
    for (const file of ["user.ts", "member.ts"]) expect(fs.readFileSync(path.join(dir, file), "utf8")).toBe(expected("interfaces", file));
    expect(stdout).toContain("branded 3 field(s)");
    // `this.mobile = ''` is a plain string: branding Member.mobile would break it, so it is named and skipped.
    expect(stdout).toMatch(/skipped Member\.mobile \(member\.ts:6\): branding breaks the types at member\.ts:12: Type 'string' is not assignable to type 'SecurityContact<string>'/);
    expect(typeErrors(loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir }))).toEqual([]);
    // Idempotent: a second run changes nothing and says the fields are branded already.
    const again = await cli(["adopt"], dir);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("would brand 0 field(s)");
  });

  it("brands each inline-props field once, at its own declaration, when two share a name in a file", async () => {
    const dir = scratchCopy("component-props");
    const { code, stdout } = await cli(["adopt", "--write"], dir);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "forms.ts"), "utf8")).toBe(expected("component-props", "forms.ts"));
    expect(stdout).toContain("branded 3 field(s):\n  email (forms.ts:12)");
    expect(stdout).toContain("  LoginForm.identifier (forms.ts:7) — reaches Better Auth emailOtp.sendVerificationOtp at forms.ts:8");
    expect(stdout).not.toContain("already");
    expect(typeErrors(loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir }))).toEqual([]);
  });

  it("type-checks a brand in the files that import it, through re-exports, and only there", async () => {
    const dir = scratchCopy("transitive");
    const program = loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir });
    const importers = importersOf(program);
    const names = (files: Set<string> | undefined) => (files ? [...files].map((f) => path.basename(f)).sort() : "all");
    expect(names(affectedFiles(program, importers, new Set([path.join(dir, "contact.ts")])))).toEqual(["contact.ts", "index.ts", "seed.ts", "verify.ts"]);
    expect(names(affectedFiles(program, importers, new Set([path.join(dir, "seed.ts")])))).toEqual(["seed.ts"]);
    // A file of globals can change any file.
    expect(names(affectedFiles(program, importers, new Set([path.join(dir, "sdk.d.ts")])))).toBe("all");
    const { code, stdout } = await cli(["adopt", "--write"], dir);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "contact.ts"), "utf8")).toBe(expected("transitive", "contact.ts"));
    expect(stdout).toContain("skipped Contact.phone (contact.ts:3): branding breaks the types at seed.ts:4: Type 'string' is not assignable to type 'SecurityContact<string>'");
    expect(typeErrors(loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir }))).toEqual([]);
  });

  it("retries a skipped field once the brand feeding it is in place (props passed down from a branded DTO field)", async () => {
    const dir = scratchCopy("props-chain");
    const { code, stdout } = await cli(["adopt", "--write"], dir);
    expect(code).toBe(0);
    for (const file of ["user.ts", "settings.ts"]) expect(fs.readFileSync(path.join(dir, file), "utf8")).toBe(expected("props-chain", file));
    expect(stdout).toContain("branded 3 field(s)");
    expect(stdout).toContain("skipped LoginForm.identifier (settings.ts:20): branding breaks the types at settings.ts:26");
    expect(stdout).not.toContain("skipped ChangeEmailForm");
    expect(typeErrors(loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir }))).toEqual([]);
  });

  it("brands a dual-use field only when named, and reports and baselines the violations it reveals", async () => {
    const dir = scratchCopy("interfaces");
    const { code, stdout } = await cli(["adopt", "--write", "--field", "User.email", "--baseline", "purpose-lint.baseline.json"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("1 violation(s) revealed by the new brands:\n  security.ts:25 email (SecurityContact) reaches marketing sink Mailchimp lists.addListMember");
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, "purpose-lint.baseline.json"), "utf8")) as { fingerprints: { source: string }[] };
    expect(baseline.fingerprints.map((f) => f.source)).toEqual(["User.email"]);
    // The baseline makes the adopted code pass CI on day one.
    expect((await cli(["--baseline", "purpose-lint.baseline.json"], dir)).code).toBe(0);
  });

  it("imports from the vendored module the way the file imports, and tags the Prisma column", async () => {
    const dir = scratchCopy("vendored");
    const { code, stdout } = await cli(["adopt", "--write", "--field", "Profile.phone", "--field", "Account.recoveryEmail"], dir);
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "src", "profile.ts"), "utf8")).toBe(expected("vendored", "profile.ts"));
    expect(fs.readFileSync(path.join(dir, "prisma", "schema.prisma"), "utf8")).toBe(expected("vendored", "schema.prisma"));
    expect(stdout).toContain("already branded: Account.recoveryEmail (src/account.ts:5)");
    expect(typeErrors(loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir }))).toEqual([]);
    const again = await cli(["adopt", "--field", "Profile.phone"], dir);
    expect(again.stdout).toBe("");
  });

  it("tags a generated Prisma client's column found by usage in the schema, never in the client's typings", async () => {
    const dir = path.join(FIXTURES_ROOT, "discovery", "prisma-columns");
    const typings = fs.readFileSync(path.join(dir, "prisma-client.d.ts"), "utf8");
    const { code, stdout, stderr } = await cli(["adopt", "--project", "tsconfig.json"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\+\+\+ b\/.*schema\.prisma$/m);
    expect(stdout.match(/^\+\s+\/\/\/ @purpose security$/gm)).toHaveLength(2);
    expect(stdout).not.toContain("prisma-client.d.ts");
    expect(stderr).toContain("User.phoneNumber (schema.prisma)");
    expect(fs.readFileSync(path.join(dir, "prisma-client.d.ts"), "utf8")).toBe(typings);
  });

  it("tags Prisma fields once", () => {
    const schema = "model User {\n  id String @id\n  phone String?\n}\n";
    const once = tagPrismaFields(schema, [{ field: "User.phone", file: "s.prisma", model: "User", property: "phone" }]);
    expect(once).toBe("model User {\n  id String @id\n  /// @purpose security\n  phone String?\n}\n");
    expect(tagPrismaFields(once, [{ field: "User.phone", file: "s.prisma", model: "User", property: "phone" }])).toBe(once);
  });

  it("writes unified diffs with context and line numbers", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n");
    const after = before.replace("b", "B").replace("i", "I");
    expect(unifiedDiff("x.ts", before, before)).toBe("");
    expect(unifiedDiff("x.ts", before, after)).toBe(
      "--- a/x.ts\n+++ b/x.ts\n@@ -1,10 +1,10 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n h\n-i\n+I\n j\n",
    );
  });

  it("rejects a field that does not exist, and a malformed one, with one line and exit 2", async () => {
    const dir = path.join(CASES, "interfaces");
    for (const field of ["User.nothing", "phone"]) {
      const { code, stderr, stdout } = await cli(["adopt", "--field", field], dir);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toContain(field);
    }
  });

  it("does not take an error of an untouched file for a new one when its types print in another order", () => {
    // Found on Logto: a union's members print in the order the checker created them, which differs between the
    // program and its branded copy, so a pre-existing error read as new and every brand was skipped.
    const union = (order: string) => ({ file: "/app/usage.ts", line: 77, code: 2344, start: 2100, message: `Type '${order}' does not satisfy the expected type 'Limit'.` });
    const brandError = { file: "/app/user.ts", line: 12, code: 2322, start: 300, message: "Type 'string' is not assignable to type 'SecurityContact<string>'." };
    expect(newErrors([union('"a" | "b"')], [union('"b" | "a"')], new Set(["/app/user.ts"]))).toEqual([]);
    expect(newErrors([union('"a" | "b"')], [union('"b" | "a"'), brandError], new Set(["/app/user.ts"]))).toEqual([brandError]);
    // In a file the rewrite changed, lines move: the same message further down is the same error.
    const moved = { ...brandError, line: 14, start: 340, message: "Cannot find name 'x'." };
    expect(newErrors([{ ...moved, line: 12, start: 300 }], [moved], new Set(["/app/user.ts"]))).toEqual([]);
  });

  it("keeps ts-morph out of the analysis path", () => {
    const src = path.resolve(FIXTURES_ROOT, "..", "src");
    const importers: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(full);
        else if (/from "ts-morph"|import\("ts-morph"\)/.test(fs.readFileSync(full, "utf8"))) importers.push(path.relative(src, full));
      }
    };
    visit(src);
    // Only the rewriter, and only as a dynamic import or a type import.
    expect(importers).toEqual(["adopt/rewrite.ts"]);
    expect(fs.readFileSync(path.join(src, "adopt", "rewrite.ts"), "utf8")).toMatch(/import type \* as Morph from "ts-morph"/);
  });
});
