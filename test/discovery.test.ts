/**
 * Candidate discovery (issue 12, part 1): every fixture under fixtures/discovery/ is searched for candidate
 * security contacts and compared with its markers — `// expect-candidate <Type.field>` on the line of each
 * security-use argument a field reaches, `// expect-dual-use <Type.field>` on the line of each advertising,
 * marketing or analytics sink a candidate also reaches. Nothing missing, nothing extra: near-misses in the same
 * fixtures (a newsletter, a promotion, a profile update) must not appear. Also the CLI command and the audit section.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadProgram } from "../src/analysis/load.js";
import { runCli } from "../src/cli.js";
import { findCandidates } from "../src/discovery/discover.js";
import { FIXTURES_ROOT, listFixtures } from "./fixture-utils.js";

const ROOT = path.join(FIXTURES_ROOT, "discovery");
const fixtures = listFixtures(ROOT);

function markers(dir: string, kind: "candidate" | "dual-use"): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`//\\s*expect-${kind}\\s+(\\S+)`);
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".ts") || name.endsWith(".d.ts")) continue;
    readFileSync(path.join(dir, name), "utf8").split("\n").forEach((line, i) => {
      const match = pattern.exec(line);
      if (match) out.push(`${name}:${String(i + 1)} ${match[1] ?? ""}`);
    });
  }
  return out.sort();
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, env: {} });
  return { code, stdout, stderr };
}

describe("candidate discovery", () => {
  it("finds the discovery fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  for (const fixture of fixtures) {
    it(fixture.name, () => {
      const program = loadProgram(fixture.tsconfig, { cwd: fixture.dir });
      const report = findCandidates(program, undefined, fixture.dir);
      const usage = report.candidates.filter((c) => c.evidence === "usage");
      const line = (file: string, n: number, field: string) => `${path.relative(fixture.dir, file)}:${String(n)} ${field}`;
      const found = usage.flatMap((c) => c.securityUses.map((f) => line(f.location.file, f.location.line, c.field))).sort();
      expect(found).toEqual(markers(fixture.dir, "candidate"));
      const dual = usage.filter((c) => c.dualUse).flatMap((c) => c.otherSinks.map((f) => line(f.location.file, f.location.line, c.field))).sort();
      expect(dual).toEqual(markers(fixture.dir, "dual-use"));
      // Every flow is evidence a reader can follow: it starts at a read of the field and ends at the argument.
      for (const flow of usage.flatMap((c) => c.securityUses)) {
        expect(flow.trace[0]?.label).toMatch(/^read /);
        expect(flow.trace.at(-1)?.kind).toBe("sink");
      }
    });
  }

  it("ranks usage evidence above dual use above names", () => {
    const dir = path.join(ROOT, "email");
    const report = findCandidates(loadProgram(path.join(dir, "tsconfig.json"), { cwd: dir }), undefined, dir);
    expect(report.candidates.map((c) => [c.field, c.evidence, c.dualUse])).toEqual([
      ["User.altEmail", "usage", false],
      ["User.email", "usage", true],
    ]);
    const aws = path.join(ROOT, "aws");
    const named = findCandidates(loadProgram(path.join(aws, "tsconfig.json"), { cwd: aws }), undefined, aws);
    // `otpPhone` is named like a security contact and used as one: one candidate, usage evidence, name noted.
    expect(named.candidates.filter((c) => c.property === "otpPhone").map((c) => [c.evidence, c.nameMatches])).toEqual([["usage", true]]);
  });

  it("purpose-lint candidates prints text and JSON, and the audit has the section", async () => {
    const dir = path.join(ROOT, "email");
    const text = await cli(["candidates", "--project", "tsconfig.json"], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("User.email: string");
    expect(text.stdout).toContain("dual-use");
    expect(text.stdout).toContain("app.ts:20 read email");
    const json = await cli(["candidates", "-p", "tsconfig.json", "--format", "json"], dir);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { candidates: { field: string; declaredAt: { file: string } }[] };
    expect(parsed.candidates.map((c) => c.field)).toEqual(["User.altEmail", "User.email"]);
    expect(parsed.candidates[0]?.declaredAt.file).toBe("app.ts");
    const audit = await cli(["audit", "--project", "tsconfig.json"], dir);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain("## Candidate security contacts");
    expect(audit.stdout).toContain("**usage, dual-use**");
    const bad = await cli(["candidates", "--format", "xml"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
