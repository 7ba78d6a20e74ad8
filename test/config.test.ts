/**
 * purpose-lint.config.json: where it is found (upward from the tsconfig's directory, or `--config`), the defaults
 * without one, what it normalises to, and every way it can be wrong — each a one-line exit 2 naming the file and
 * the JSON path. The engine's use of each key is covered by the fixtures in fixtures/config/ (fixtures.test.ts
 * and the ESLint parity suite); the ESLint rule's lookup and `configFile` option are checked here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clearCaches } from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnalysisResult } from "../src/analysis/findings.js";
import { LEAK_RULE_ID } from "../src/analysis/findings.js";
import {
  CONFIG_FILE_NAME,
  CONFIG_SCHEMA,
  DEFAULT_SINK_DESCRIPTION,
  defaultConfig,
  findConfigFile,
  formatJsonPath,
  loadConfig,
  parseConfig,
} from "../src/config/load.js";
import type { PurposeConfig } from "../src/config/types.js";
import purpose from "../rules/index.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TMP = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-config-")));
const STACK = /^\s+at /m;

afterAll(() => {
  fs.rmSync(TMP, { recursive: true, force: true });
});

let counter = 0;

/** A fresh project directory under TMP: a tsconfig, one source file, and `files` (path → content). */
function makeProject(files: Record<string, string> = {}, projectSubdir = "."): { root: string; project: string } {
  const root = path.join(TMP, `case-${String(++counter)}`);
  const project = path.join(root, projectSubdir);
  fs.mkdirSync(path.join(project, "src"), { recursive: true });
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ["src"] }),
  );
  fs.writeFileSync(path.join(project, "src", "app.ts"), "export const answer = 42;\n");
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return { root, project };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string): Promise<Run> {
  const { runCli } = await import("../src/cli.js");
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd,
    env: {},
    stdoutIsTTY: false,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Exit 2 with exactly one line on stderr, prefixed, containing every `needle`, no stack trace, nothing on stdout. */
function expectUsageError(result: Run, ...needles: string[]): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^purpose-lint: \S/);
  for (const needle of needles) expect(lines[0]).toContain(needle);
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stderr).not.toContain("internal error");
}

/** Runs the CLI on a project whose purpose-lint.config.json is `config` (text, or JSON-serialised). */
async function runWithConfig(config: unknown): Promise<Run> {
  const text = typeof config === "string" ? config : JSON.stringify(config, null, 2);
  const { root } = makeProject({ [CONFIG_FILE_NAME]: text });
  return run(["--project", "tsconfig.json"], root);
}

describe("configuration errors through the CLI (exit 2, one line: file, JSON path, what was expected)", () => {
  it("an unknown top-level key, with a suggestion", async () => {
    const result = await runWithConfig({ zone: [] });
    expectUsageError(result, `${CONFIG_FILE_NAME}:2:3: zone: unknown key`, 'did you mean "zones"?', "expected one of");
  });

  it("an unknown key inside a sink", async () => {
    const result = await runWithConfig({
      sinks: [{ module: "@acme/ads-sdk", path: "AdsClient().uploadAudience", purpose: "advertising", argument: [1] }],
    });
    expectUsageError(result, CONFIG_FILE_NAME, "sinks[0].argument: unknown key", 'did you mean "arguments"?');
  });

  it("a wrong type", async () => {
    const result = await runWithConfig({ zones: [{ files: "src/ads/**", purpose: "advertising" }] });
    expectUsageError(result, CONFIG_FILE_NAME, "zones[0].files: must be an array", 'got "src/ads/**"');
  });

  it("a wrong type at the top level", async () => {
    const result = await runWithConfig([]);
    expectUsageError(result, CONFIG_FILE_NAME, "top level: must be an object");
  });

  it("an unknown purpose", async () => {
    const result = await runWithConfig({
      sinks: [
        { module: "@acme/ads-sdk", path: "AdsClient().uploadAudience", purpose: "advertising" },
        { file: "src/legacy/crm.ts", name: "CrmClient.push", purpose: "ads" },
      ],
    });
    expectUsageError(result, `${CONFIG_FILE_NAME}:`, "sinks[1].purpose: must be one of advertising, marketing, analytics", 'got "ads"');
  });

  it("an unknown purpose in the policy", async () => {
    const result = await runWithConfig({ policy: { forbidden: ["advertising", "telemetry"] } });
    expectUsageError(result, CONFIG_FILE_NAME, "policy.forbidden[1]: must be one of advertising, marketing, analytics");
  });

  it("a sink with neither module nor file", async () => {
    const result = await runWithConfig({ sinks: [{ name: "push", purpose: "marketing" }] });
    expectUsageError(result, CONFIG_FILE_NAME, 'sinks[0]: must have "module" (a third-party API), "url" (an HTTP endpoint) or "file"');
  });

  it("an endpoint URL that is not an absolute pattern", async () => {
    const result = await runWithConfig({ sinks: [{ url: "ads.example.com/upload/**", purpose: "advertising" }] });
    expectUsageError(result, CONFIG_FILE_NAME, "sinks[0].url: must be an absolute URL pattern", 'got "ads.example.com/upload/**"');
    const query = await runWithConfig({ sinks: [{ url: "https://ads.example.com/upload?x=1", purpose: "advertising" }] });
    expectUsageError(query, CONFIG_FILE_NAME, "sinks[0].url: must be an absolute URL pattern");
  });

  it("an unknown key in an endpoint sink", async () => {
    const result = await runWithConfig({ sinks: [{ url: "https://ads.example.com/**", purpose: "advertising", arguments: [1] }] });
    expectUsageError(result, CONFIG_FILE_NAME, "sinks[0].arguments: unknown key", "expected one of url, purpose, vendor, description");
  });

  it("a malformed access path", async () => {
    const result = await runWithConfig({ sinks: [{ module: "m", path: "AdsClient()..upload", purpose: "advertising" }] });
    expectUsageError(result, CONFIG_FILE_NAME, "sinks[0].path: must be an access path");
  });

  it("a bad glob: unbalanced braces in a zone", async () => {
    const result = await runWithConfig({ zones: [{ files: ["src/ads/**", "src/{ads,marketing/**"], purpose: "advertising" }] });
    expectUsageError(result, CONFIG_FILE_NAME, 'zones[0].files[1]: invalid glob "src/{ads,marketing/**"', "unbalanced braces");
  });

  it("a bad glob: unbalanced brackets in a file sink", async () => {
    const result = await runWithConfig({ sinks: [{ file: "src/[legacy/crm.ts", name: "CrmClient.push", purpose: "marketing" }] });
    expectUsageError(result, CONFIG_FILE_NAME, 'sinks[0].file: invalid glob "src/[legacy/crm.ts"', "unbalanced brackets");
  });

  it("a when.pattern that is not a regular expression", async () => {
    const result = await runWithConfig({
      sinks: [{ module: "m", path: "Client().request", purpose: "marketing", when: { argument: 0, property: "url", pattern: "(" } }],
    });
    expectUsageError(result, CONFIG_FILE_NAME, "sinks[0].when.pattern: must be a valid regular expression");
  });

  it("malformed JSON, with line and column", async () => {
    const result = await runWithConfig('{\n  "sinks": [\n    { "module": "m" "path": "x" }\n  ]\n}\n');
    expectUsageError(result, `${CONFIG_FILE_NAME}:3:21: invalid JSON`);
  });

  it("malformed JSON without a position from V8", async () => {
    const result = await runWithConfig('{\n  "policy": }\n');
    expectUsageError(result, `${CONFIG_FILE_NAME}:2:13: invalid JSON: Unexpected token '}'`);
  });

  it("an empty file", async () => {
    const result = await runWithConfig("");
    expectUsageError(result, CONFIG_FILE_NAME, "is empty");
  });

  it("a --config path that does not exist", async () => {
    const { root } = makeProject();
    const result = await run(["--project", "tsconfig.json", "--config", "missing.config.json"], root);
    expectUsageError(result, "--config missing.config.json: config file not found");
  });

  it("a --config path that is a directory", async () => {
    const { root } = makeProject();
    const result = await run(["--project", "tsconfig.json", "--config", "src"], root);
    expectUsageError(result, "--config src: is a directory");
  });

  it("an error in a config found upward is named by its path", async () => {
    const { root } = makeProject({ [CONFIG_FILE_NAME]: JSON.stringify({ policy: { forbidden: "advertising" } }) }, "packages/app");
    const result = await run(["--project", "packages/app"], root);
    expectUsageError(result, `${CONFIG_FILE_NAME}:1:24: policy.forbidden: must be an array`);
    const fromProject = await run([], path.join(root, "packages", "app"));
    expectUsageError(fromProject, path.join(root, CONFIG_FILE_NAME), "policy.forbidden: must be an array");
  });
});

describe("which config the CLI passes to the engine", () => {
  let seen: PurposeConfig | undefined;
  beforeEach(() => {
    seen = undefined;
    vi.resetModules();
    vi.doMock("../src/analysis/engine.js", () => ({
      analyzeProgram: (_program: unknown, options: { config?: PurposeConfig } = {}): AnalysisResult => {
        seen = options.config;
        return {
          findings: [],
          notifications: [],
          skippedFiles: [],
          inventory: { sources: [], sinks: [], declassifications: [] },
          stats: { files: 1, functions: 0, contexts: 0, elapsedMs: 0 },
        } as AnalysisResult;
      },
    }));
  });
  afterEach(() => {
    vi.doUnmock("../src/analysis/engine.js");
    vi.resetModules();
  });

  it("finds purpose-lint.config.json upward from the project directory", async () => {
    const { root } = makeProject(
      { [CONFIG_FILE_NAME]: JSON.stringify({ policy: { forbidden: ["advertising"] }, zones: [{ files: ["src/ads/**"], purpose: "advertising" }] }) },
      "packages/app",
    );
    const result = await run(["--project", "packages/app/tsconfig.json"], root);
    expect(result.code).toBe(0);
    expect(seen?.path).toBe(path.join(root, CONFIG_FILE_NAME));
    expect(seen?.root).toBe(root);
    expect(seen?.policy.forbidden).toEqual(["advertising"]);
    expect(seen?.zones).toEqual([{ files: ["src/ads/**"], purpose: "advertising" }]);
  });

  it("prefers the nearest file", async () => {
    const { root, project } = makeProject(
      {
        [CONFIG_FILE_NAME]: JSON.stringify({ policy: { forbidden: ["advertising"] } }),
        [`packages/app/${CONFIG_FILE_NAME}`]: JSON.stringify({ policy: { forbidden: ["marketing"] } }),
      },
      "packages/app",
    );
    await run(["--project", "packages/app"], root);
    expect(seen?.path).toBe(path.join(project, CONFIG_FILE_NAME));
    expect(seen?.policy.forbidden).toEqual(["marketing"]);
  });

  it("--config overrides the lookup, relative to the working directory", async () => {
    const { root } = makeProject({
      [CONFIG_FILE_NAME]: JSON.stringify({ policy: { forbidden: ["advertising"] } }),
      "config/strict.json": JSON.stringify({ policy: { forbidden: ["advertising", "marketing", "analytics"] }, sanitizers: [{ name: "redactPhone" }] }),
    });
    const result = await run(["--project", "tsconfig.json", "-c", "config/strict.json"], root);
    expect(result.code).toBe(0);
    expect(seen?.path).toBe(path.join(root, "config", "strict.json"));
    // Globs in a config are relative to the config file's own directory.
    expect(seen?.root).toBe(path.join(root, "config"));
    expect(seen?.sanitizers).toEqual([{ name: "redactPhone" }]);
  });

  it("uses the defaults, rooted at the project directory, when there is no file", async () => {
    const { root } = makeProject();
    const result = await run(["--project", "tsconfig.json"], root);
    expect(result.code).toBe(0);
    expect(seen).toEqual(defaultConfig(root));
    expect(seen?.path).toBeUndefined();
    expect(seen?.policy.forbidden).toEqual(["advertising", "marketing", "analytics"]);
    expect(seen?.sources.purposeTags).toEqual(["security"]);
  });

  it("finds the config of a fixture from its tsconfig", async () => {
    const dir = path.join(REPO, "fixtures", "config", "config-policy");
    await run(["--project", path.join(dir, "tsconfig.json"), "--format", "json"], dir);
    expect(seen?.path).toBe(path.join(dir, CONFIG_FILE_NAME));
    expect(seen?.policy.forbidden).toEqual(["advertising"]);
  });
});

describe("loadConfig and friends", () => {
  it("normalises every key to PurposeConfig", () => {
    const config = parseConfig(
      JSON.stringify({
        $schema: "./node_modules/purpose-lint/dist/src/config/schema.json",
        sinks: [
          { module: "@acme/ads-sdk", path: "AdsClient().uploadAudience", purpose: "advertising", arguments: [1] },
          { module: "@acme/crm", path: "().post", purpose: "marketing", vendor: "Acme CRM", description: "posts contacts", fluent: true, when: { argument: 0, property: "url", pattern: "^/contacts" } },
          { file: "src/legacy/crm.ts", name: "CrmClient.push", purpose: "marketing" },
          { file: "src/legacy/**", name: "Tracker.*", purpose: "analytics" },
          { url: "https://ads.example.com/upload/**", purpose: "advertising" },
          { url: "https://*.track.example.net/v1/*", purpose: "analytics", vendor: "Example", description: "event intake" },
          { module: "(global)", path: "acmeTag", purpose: "advertising" },
        ],
        sources: { types: ["TwoFactorPhone"], purposeTags: ["Security", "recovery"] },
        sanitizers: [{ name: "redactPhone" }, { module: "@acme/privacy", name: "scrub" }],
        policy: { forbidden: ["advertising", "marketing"] },
        zones: [{ files: ["src/ads/**", "src/{tracking,pixels}/*.ts"], purpose: "advertising" }],
      }),
      "/work/app/purpose-lint.config.json",
    );
    expect(config).toEqual({
      path: "/work/app/purpose-lint.config.json",
      root: "/work/app",
      sinks: [
        { vendor: "@acme/ads-sdk", module: "@acme/ads-sdk", path: "AdsClient().uploadAudience", purpose: "advertising", arguments: [1], description: DEFAULT_SINK_DESCRIPTION },
        { vendor: "Acme CRM", module: "@acme/crm", path: "().post", purpose: "marketing", fluent: true, when: { argument: 0, property: "url", pattern: "^/contacts" }, description: "posts contacts" },
        { vendor: "(global)", module: "(global)", path: "acmeTag", purpose: "advertising", description: DEFAULT_SINK_DESCRIPTION },
      ],
      functionSinks: [
        { file: "src/legacy/crm.ts", name: "CrmClient.push", purpose: "marketing" },
        { file: "src/legacy/**", name: "Tracker.*", purpose: "analytics" },
      ],
      endpoints: [
        { vendor: "ads.example.com", url: "https://ads.example.com/upload/**", purpose: "advertising", description: DEFAULT_SINK_DESCRIPTION },
        { vendor: "Example", url: "https://*.track.example.net/v1/*", purpose: "analytics", description: "event intake" },
      ],
      sources: { types: ["TwoFactorPhone"], purposeTags: ["security", "recovery"] },
      sanitizers: [{ name: "redactPhone" }, { module: "@acme/privacy", name: "scrub" }],
      policy: { forbidden: ["advertising", "marketing"] },
      zones: [{ files: ["src/ads/**", "src/{tracking,pixels}/*.ts"], purpose: "advertising" }],
    } satisfies PurposeConfig);
  });

  it("fills in the defaults for missing keys; an empty object is valid", () => {
    const config = parseConfig("{}", "/work/app/purpose-lint.config.json");
    expect(config).toEqual({ ...defaultConfig("/work/app"), path: "/work/app/purpose-lint.config.json" });
    expect(parseConfig('{ "sources": { "purposeTags": [] } }', "/x/c.json").sources).toEqual({ types: [], purposeTags: [] });
  });

  it("formats JSON paths", () => {
    expect(formatJsonPath([])).toBe("top level");
    expect(formatJsonPath(["sinks", 1, "purpose"])).toBe("sinks[1].purpose");
    expect(formatJsonPath(["$schema"])).toBe("$schema");
    expect(formatJsonPath(["zones", 0, "weird key"])).toBe('zones[0]["weird key"]');
  });

  it("finds the nearest file upward and nothing past the root", () => {
    const { root, project } = makeProject({ [CONFIG_FILE_NAME]: "{}" }, "a/b/c");
    expect(findConfigFile(project)).toBe(path.join(root, CONFIG_FILE_NAME));
    expect(findConfigFile(path.join(project, "src", "does-not-exist"))).toBe(path.join(root, CONFIG_FILE_NAME));
    const { project: lonely } = makeProject();
    expect(findConfigFile(lonely)).toBeUndefined();
  });

  it("with cache: the same object until the file changes; defaults memoised per directory", () => {
    const { root } = makeProject({ [CONFIG_FILE_NAME]: JSON.stringify({ policy: { forbidden: ["advertising"] } }) });
    const first = loadConfig(root, { cache: true });
    expect(loadConfig(root, { cache: true })).toBe(first);
    expect(loadConfig(root)).not.toBe(first);
    fs.writeFileSync(path.join(root, CONFIG_FILE_NAME), JSON.stringify({ policy: { forbidden: ["advertising", "marketing"] } }));
    const second = loadConfig(root, { cache: true });
    expect(second).not.toBe(first);
    expect(second.policy.forbidden).toEqual(["advertising", "marketing"]);

    const { project: bare } = makeProject();
    expect(loadConfig(bare, { cache: true })).toBe(loadConfig(bare, { cache: true }));
  });

  it("names the option a missing configFile came from", () => {
    const { root } = makeProject();
    expect(() => loadConfig(root, { cwd: root, configFile: "nope.json", configFileSource: "the configFile option" })).toThrow(
      "the configFile option nope.json: config file not found",
    );
  });
});

describe("schema.json", () => {
  it("ships in the package at dist/src/config/schema.json, identical to the source", () => {
    // `npm run build` (tsc) copies the JSON it imports; package.json's "files" includes dist.
    const shipped = path.join(REPO, "dist", "src", "config", "schema.json");
    expect(fs.existsSync(shipped), "run `npm run build` first").toBe(true);
    expect(JSON.parse(fs.readFileSync(shipped, "utf8"))).toEqual(CONFIG_SCHEMA);
    expect(JSON.parse(fs.readFileSync(path.join(REPO, "src", "config", "schema.json"), "utf8"))).toEqual(CONFIG_SCHEMA);
  });

  it("accepts every fixture's config, and each points its $schema at the schema", () => {
    const root = path.join(REPO, "fixtures", "config");
    const dirs = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, CONFIG_FILE_NAME)));
    expect(dirs.length).toBeGreaterThanOrEqual(7);
    for (const dir of dirs) {
      const file = path.join(root, dir, CONFIG_FILE_NAME);
      const text = fs.readFileSync(file, "utf8");
      expect(() => parseConfig(text, file), dir).not.toThrow();
      const schemaRef = (JSON.parse(text) as { $schema?: string }).$schema ?? "";
      expect(path.resolve(path.dirname(file), schemaRef), dir).toBe(path.join(REPO, "src", "config", "schema.json"));
    }
  });

  it("accepts the examples in docs/configuration.md", () => {
    const doc = fs.readFileSync(path.join(REPO, "docs", "configuration.md"), "utf8");
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(() => parseConfig(block, "/docs/purpose-lint.config.json"), block).not.toThrow();
  });
});

describe("the ESLint rule reads the same file", () => {
  const dir = path.join(REPO, "fixtures", "config", "config-policy");
  const file = path.join(dir, "app.ts");

  async function lint(options?: { configFile: string }): Promise<number[]> {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        purpose.configs.recommended,
        { languageOptions: { parserOptions: { projectService: false, project: path.join(dir, "tsconfig.json"), tsconfigRootDir: dir } } },
        ...(options === undefined ? [] : [{ rules: { [LEAK_RULE_ID]: ["error", options] as ["error", { configFile: string }] } }]),
      ],
    });
    try {
      const [result] = await eslint.lintFiles([file]);
      return (result?.messages ?? []).filter((m) => m.ruleId === LEAK_RULE_ID).map((m) => m.line);
    } finally {
      clearCaches();
    }
  }

  const lineOf = (needle: string): number =>
    fs.readFileSync(file, "utf8").split("\n").findIndex((line) => line.includes(needle)) + 1;

  it("finds purpose-lint.config.json upward from the tsconfig (only advertising forbidden)", async () => {
    expect(await lint()).toEqual([lineOf('addToAudience("retargeting"')]);
  });

  it("takes a configFile option, relative to ESLint's working directory", async () => {
    const strict = path.join(TMP, "strict.config.json");
    fs.writeFileSync(strict, JSON.stringify({ policy: { forbidden: ["advertising", "marketing", "analytics"] } }));
    expect(await lint({ configFile: path.relative(dir, strict) })).toEqual([
      lineOf('addToAudience("retargeting"'),
      lineOf("sendCampaignSms(user.twoFactorPhone"),
      lineOf('track("login"'),
    ]);
  });

  it("the suppression rules take the same configFile option, so they judge the analysis the leak rule reports", async () => {
    const strict = path.join(TMP, "strict-suppressions.config.json");
    fs.writeFileSync(strict, JSON.stringify({ policy: { forbidden: ["advertising", "marketing", "analytics"] } }));
    const options = { configFile: path.relative(dir, strict) };
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const at = lineOf('track("login"') - 1;
    const indent = /^\s*/.exec(lines[at] ?? "")?.[0] ?? "";
    // A reviewed analytics flow: a violation only under the strict config.
    const text = [...lines.slice(0, at), `${indent}// purpose-lint-ignore: reviewed, the login event keeps no contact`, ...lines.slice(at)].join("\n");
    const lintWith = async (rules: Record<string, unknown>) => {
      const eslint = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [
          purpose.configs.recommended,
          { languageOptions: { parserOptions: { projectService: false, project: path.join(dir, "tsconfig.json"), tsconfigRootDir: dir } } },
          { rules: rules as Record<string, ["error", typeof options]> },
        ],
      });
      try {
        const [result] = await eslint.lintText(text, { filePath: file });
        return (result?.messages ?? []).map((m) => `${String(m.ruleId)}:${String(m.line)}`);
      } finally {
        clearCaches();
      }
    };
    const all = { [LEAK_RULE_ID]: ["error", options], "purpose/unused-suppression": ["warn", options], "purpose/suppression-without-reason": ["error", options] };
    const messages = await lintWith(all);
    expect(messages).not.toContain(`purpose/unused-suppression:${String(at + 1)}`);
    expect(messages).not.toContain(`${LEAK_RULE_ID}:${String(at + 2)}`);
    // Given to the leak rule only, the suppression rule reads the default config's analysis: "unused".
    expect(await lintWith({ [LEAK_RULE_ID]: ["error", options] })).toContain(`purpose/unused-suppression:${String(at + 1)}`);
  });

  it("fails the lint run on a broken config, naming the file and JSON path", async () => {
    const broken = path.join(TMP, "broken.config.json");
    fs.writeFileSync(broken, JSON.stringify({ policy: { forbidden: ["ads"] } }));
    await expect(lint({ configFile: broken })).rejects.toThrow(/purpose-lint: .*broken\.config\.json:1:\d+: policy\.forbidden\[0\]: must be one of/);
  });
});
