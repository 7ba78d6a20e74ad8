// ESLint turns a file's `#!` line into a `//` comment before typescript-eslint parses it, which makes that file an
// edit of the Program typescript-eslint already holds: it builds a second Program, with which it parses that file
// and every file after it. The rules must take that Program for the one already analysed (the same files, the same
// positions), so a project with an executable script is analysed once per lint run, not twice — and the leak in
// the script is still reported where it is.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { clearCaches } from "@typescript-eslint/parser";
import { ESLintUtils } from "@typescript-eslint/utils";
import type { TSESLint } from "@typescript-eslint/utils";
import { ESLint, type Rule } from "eslint";
import type TS from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import purpose from "../rules/index.js";
import { projectProgram, sameTextButShebang } from "../rules/project-program.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TMP = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-shebang-")));

const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "Bundler",
      strict: true,
      noEmit: true,
      types: [],
      paths: { "purpose-lint": [path.join(REPO, "src", "index.ts")] },
    },
    include: ["*.ts"],
  }),
  "user.ts": `import type { SecurityContact } from "purpose-lint";
export interface User { email: string; twoFactorPhone: SecurityContact<string> }
`,
  "sinks.ts": `/** @sink advertising */
export function addToAudience(identifier: string): void { void identifier; }
`,
  "a.ts": `import type { User } from "./user.js";
export function emailOf(user: User): string { return user.email; }
`,
  "bin.ts": `#!/usr/bin/env node
import { addToAudience } from "./sinks.js";
import type { User } from "./user.js";
export function sync(user: User): void {
  addToAudience(user.twoFactorPhone);
}
`,
  "z.ts": `import { emailOf } from "./a.js";
import type { User } from "./user.js";
export const upper = (user: User): string => emailOf(user).toUpperCase();
`,
};

beforeAll(() => {
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(TMP, name), text);
});

afterAll(() => {
  clearCaches();
  fs.rmSync(TMP, { recursive: true, force: true });
});

/** What typescript-eslint hands each file (its Program), and what the purpose rules analyse for it. */
async function lintInOrder(): Promise<{ parsedWith: TS.Program[]; analysedWith: TS.Program[]; messages: string[] }> {
  {
    // What typescript-eslint hands each file, and what the purpose rules analyse instead.
    const parsedWith: TS.Program[] = [];
    const analysedWith: TS.Program[] = [];
    const probe: TSESLint.RuleModule<"never"> = {
      defaultOptions: [],
      meta: { type: "problem", messages: { never: "never" }, schema: [] },
      create(context) {
        const services = ESLintUtils.getParserServices(context);
        return {
          Program(node) {
            parsedWith.push(services.program);
            const project = projectProgram(services, node, context.sourceCode.text);
            if (project !== undefined) analysedWith.push(project.program);
          },
        };
      },
    };
    const eslint = new ESLint({
      cwd: TMP,
      overrideConfigFile: true,
      overrideConfig: [
        purpose.configs.recommended,
        { languageOptions: { parserOptions: { tsconfigRootDir: TMP } } },
        { plugins: { probe: { rules: { program: probe as unknown as Rule.RuleModule } } }, rules: { "probe/program": "error" } },
      ],
    });
    // In this order: a.ts with the Program as read from disk, then the script, then a file after it.
    const results = await eslint.lintFiles(["a.ts", "bin.ts", "z.ts"].map((name) => path.join(TMP, name)));
    const messages = results.flatMap((result) =>
      result.messages.map((m) => `${path.basename(result.filePath)}:${String(m.line)}:${String(m.column)} ${m.ruleId ?? "(fatal)"} ${m.message}`),
    );
    return { parsedWith, analysedWith, messages };
  }
}

describe("a file with a shebang", () => {
  // In an editor the project service's Program gets a new version for bin.ts; in single-run mode (`eslint` on the
  // command line, CI) bin.ts gets the project service's Program beside the one built from the tsconfig.
  it.each(["false", "true"])("is linted with the Program already analysed, its leak reported in place (TSESTREE_SINGLE_RUN=%s)", async (singleRun) => {
    const before = process.env.TSESTREE_SINGLE_RUN;
    process.env.TSESTREE_SINGLE_RUN = singleRun;
    let linted: Awaited<ReturnType<typeof lintInOrder>>;
    try {
      clearCaches();
      linted = await lintInOrder();
    } finally {
      if (before === undefined) delete process.env.TSESTREE_SINGLE_RUN;
      else process.env.TSESTREE_SINGLE_RUN = before;
      clearCaches();
    }
    const { parsedWith, analysedWith, messages } = linted;
    // Which of them a.ts and z.ts get is typescript-eslint's business (in single-run mode it varies).
    expect(new Set(parsedWith).size, "typescript-eslint's Programs: one with bin.ts from disk, one with its `#!` as `//`").toBeGreaterThanOrEqual(2);
    expect(analysedWith).toHaveLength(3);
    expect(new Set(analysedWith).size, "Programs the purpose rules analyse").toBe(1);
    expect(messages).toEqual([
      "bin.ts:5:17 purpose/no-security-contact-leak twoFactorPhone (SecurityContact) reaches advertising sink addToAudience",
    ]);
  });

  it("is the same text whether its first line begins with `#!` or `//`, and only then", () => {
    expect(sameTextButShebang("#!/usr/bin/env node\nx", "///usr/bin/env node\nx")).toBe(true);
    expect(sameTextButShebang("///usr/bin/env node\nx", "#!/usr/bin/env node\nx")).toBe(true);
    expect(sameTextButShebang("#!/usr/bin/env node\nx", "#!/usr/bin/env node\ny")).toBe(false);
    expect(sameTextButShebang("// a\nx", "/* a\nx")).toBe(false);
    expect(sameTextButShebang("#!node\nx", "#!node\nx")).toBe(true);
  });
});
