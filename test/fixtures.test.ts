/**
 * Runs every fixture through the CLI path in-process (`runCli --project <fixture> --format json`) and compares the
 * findings' sink-argument lines with the fixture's `// expect-leak` markers: nothing missing, nothing extra, no
 * duplicate finding for one source at one line, each finding named for the field its witness reads, and exit code 1
 * exactly when leaks are expected. Every fixture is
 * analysed completely (exit 2 otherwise, issue 9) unless it declares `// expect-incomplete: <kind>`.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/analysis/findings.js";
import { runCli } from "../src/cli.js";
import type { Notification } from "../src/analysis/findings.js";
import type { RuleProblem } from "../src/checks/problems.js";
import { expectedIncomplete, expectedLeaks, expectedProblems, leakKey, listFixtures, sortLeakKeys } from "./fixture-utils.js";

interface JsonReport {
  findings: Finding[];
  notifications: Notification[];
  problems?: RuleProblem[];
  summary: { incomplete: boolean };
}

/** JSON paths may be absolute or relative to the CLI's cwd (the fixture directory here): make them absolute. */
function absolute(cwd: string, file: string): string {
  return path.resolve(cwd, file);
}

async function runFixture(tsconfig: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--project", tsconfig, "--format", "json"], {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

const fixtures = listFixtures();

describe("fixtures through the CLI", () => {
  it("discovers the fixture corpus", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(70);
  });

  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      const expected = expectedLeaks(fixture.dir);
      const { code, stdout, stderr } = await runFixture(fixture.tsconfig, fixture.dir);

      let report: JsonReport;
      try {
        report = JSON.parse(stdout) as JsonReport;
      } catch {
        throw new Error(`CLI did not print JSON (exit ${code}).\nstdout: ${stdout}\nstderr: ${stderr}`);
      }
      expect(Array.isArray(report.findings), "report.findings is an array").toBe(true);

      // One finding per (source read, sink argument, entry): the same source twice at one sink line through one
      // entry is a duplicate; flows entering the sink's code at different places are different leaks. A record
      // read whole at one node (`{ ...user }`) is one read per branded field.
      const perSource = new Map<string, number>();
      for (const f of report.findings) {
        const src = f.source.location;
        const sinkKey = leakKey(fixture.dir, absolute(fixture.dir, f.sink.location.file), f.sink.location.line);
        const at = f.entry?.location;
        const entryKey = at ? ` via ${leakKey(fixture.dir, absolute(fixture.dir, at.file), at.line)}:${at.column}` : "";
        const key = `${sinkKey} <- ${leakKey(fixture.dir, absolute(fixture.dir, src.file), src.line)}:${src.column} ${f.source.field}${entryKey}`;
        perSource.set(key, (perSource.get(key) ?? 0) + 1);
      }
      const duplicates = [...perSource].filter(([, n]) => n > 1).map(([k, n]) => `${k} (x${n})`);
      expect(duplicates, "duplicate findings for one source at one sink line").toEqual([]);

      // The witness's first step reads the field the finding names ("read recoveryEmail" is no twoFactorPhone leak).
      const misnamed = report.findings
        .filter((f) => !(f.trace[0]?.label ?? "").includes(f.source.field.split(".").pop() ?? f.source.field))
        .map((f) => `${f.source.field} <- ${f.trace[0]?.label ?? "(no trace)"}`);
      expect(misnamed, "findings whose witness reads another field").toEqual([]);

      // Several different sources may reach one sink argument; the ground truth is per line.
      const actual = sortLeakKeys(
        new Set(
          report.findings.map((f) => leakKey(fixture.dir, absolute(fixture.dir, f.sink.location.file), f.sink.location.line)),
        ),
      );
      const missing = expected.filter((k) => !actual.includes(k));
      const extra = actual.filter((k) => !expected.includes(k));
      expect({ missing, extra }, `findings vs // expect-leak markers\nstderr: ${stderr}`).toEqual({
        missing: [],
        extra: [],
      });

      const incomplete = expectedIncomplete(fixture.dir);
      const gaps = [...new Set(report.notifications.filter((n) => n.incomplete === true).map((n) => n.kind))].sort();
      expect(gaps, `notifications that make the analysis incomplete\nstderr: ${stderr}`).toEqual(incomplete);
      expect(report.summary.incomplete).toBe(incomplete.length > 0);
      // The other rules (brand casts, declassify reasons) against `expect-problem: purpose/<rule>` markers.
      const problems = expectedProblems(fixture.dir);
      const reported = (report.problems ?? []).map((p) => `${p.ruleId} ${leakKey(fixture.dir, absolute(fixture.dir, p.location.file), p.location.line)}`);
      expect(reported.sort(), "problems vs // expect-problem markers").toEqual(problems);
      const failing = expected.length > 0 || problems.length > 0;
      expect(code, "exit code: 2 when incomplete, else 1 with violations or problems, 0 without").toBe(incomplete.length > 0 ? 2 : failing ? 1 : 0);
    });
  }
});
