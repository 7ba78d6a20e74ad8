// The CLI conventions users bring from ESLint: --quiet, --max-warnings, --color / --no-color with FORCE_COLOR and
// NO_COLOR, and "did you mean" for a mistyped flag. In-process, like test/cli.test.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { closestFlag, useColor } from "../src/cli-args.js";
import { runCli } from "../src/cli.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LEAK = path.join(REPO, "fixtures", "cli-inputs", "leak");
/** No violation, one warning: a suppression that matches nothing. */
const UNUSED = path.join(REPO, "fixtures", "suppressions", "unused");
const ANSI = /\u001b\[/;

async function run(argv: string[], cwd: string, env: Record<string, string> = {}, tty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdoutIsTTY: tty,
    env,
  });
  return { code, stdout, stderr };
}

describe("--quiet and --max-warnings", () => {
  it("reports warnings and exits 0 by default", async () => {
    const result = await run([], UNUSED);
    expect(result.stdout).toContain("unused-suppression");
    expect(result.code).toBe(0);
  });

  it("--quiet leaves warnings out of every format", async () => {
    const pretty = await run(["--quiet"], UNUSED);
    expect(pretty.stdout).not.toContain("unused-suppression");
    expect(pretty.code).toBe(0);
    const json = JSON.parse((await run(["--quiet", "--format", "json"], UNUSED)).stdout) as { notifications: unknown[] };
    expect(json.notifications).toEqual([]);
  });

  it("--max-warnings fails the run when there are more warnings, counting those --quiet hides", async () => {
    expect((await run(["--max-warnings", "1"], UNUSED)).code).toBe(0);
    const over = await run(["--max-warnings", "0", "--quiet"], UNUSED);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe("purpose-lint: too many warnings (1); --max-warnings allows 0\n");
  });

  it("rejects a --max-warnings that is not a whole number", async () => {
    const result = await run(["--max-warnings", "some"], UNUSED);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('purpose-lint: --max-warnings expects a whole number of warnings, got "some" (see --help)\n');
  });
});

describe("colour", () => {
  it("--color forces it, --no-color stops it, the last one given wins", async () => {
    expect((await run(["--color"], LEAK)).stdout).toMatch(ANSI);
    expect((await run(["--no-color"], LEAK, {}, true)).stdout).not.toMatch(ANSI);
    expect((await run(["--color", "--no-color"], LEAK, {}, true)).stdout).not.toMatch(ANSI);
    expect((await run(["--no-color", "--color"], LEAK)).stdout).toMatch(ANSI);
  });

  it("FORCE_COLOR turns it on off a terminal, NO_COLOR off, and the flags win over both", async () => {
    expect((await run([], LEAK, { FORCE_COLOR: "1" })).stdout).toMatch(ANSI);
    expect((await run([], LEAK, { FORCE_COLOR: "0" }, true)).stdout).not.toMatch(ANSI);
    expect((await run(["--color"], LEAK, { NO_COLOR: "1" })).stdout).toMatch(ANSI);
    expect(useColor(undefined, { NO_COLOR: "1", FORCE_COLOR: "1" }, true)).toBe(false);
    expect(useColor(undefined, {}, true)).toBe(true);
    expect(useColor(undefined, {}, false)).toBe(false);
  });
});

describe("did you mean", () => {
  it("names the nearest flag for a typo", async () => {
    const result = await run(["--foramt", "json"], LEAK);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("purpose-lint: unknown option --foramt; did you mean --format? (see --help)\n");
    expect((await run(["--max-warning", "3"], LEAK)).stderr).toContain("did you mean --max-warnings?");
    expect((await run(["audit", "--projct", "x"], LEAK)).stderr).toContain("did you mean --project?");
  });

  it("suggests nothing for a flag that resembles none", async () => {
    expect((await run(["--zzzzzz"], LEAK)).stderr).toBe("purpose-lint: unknown option --zzzzzz (see --help)\n");
    expect(closestFlag("--x", ["baseline", "format"])).toBeUndefined();
    expect(closestFlag("--quite", ["quiet", "baseline"])).toBe("--quiet");
  });
});
