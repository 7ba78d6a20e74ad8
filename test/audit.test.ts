/**
 * `purpose-lint audit`: Markdown and HTML of fixtures/demo hold every section; the HTML is self-contained and
 * renders in headless Chromium (skipped when /usr/bin/chromium is not installed); exit codes 0 and 2.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { looksLikeTrackingModule } from "../src/audit/coverage.js";
import { findSuspiciousFields, looksLikeSecurityContact, scanPrismaSchema, scanSourceFile } from "../src/audit/suspicious.js";
import { runCli } from "../src/cli.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "purpose-lint-audit-"));
const CHROMIUM = "/usr/bin/chromium";
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { cwd: REPO, env: {}, stdoutIsTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const SECTIONS = ["Violations", "Sources", "Sinks by purpose", "Coverage", "Declassifications", "Suppressions", "Suspicious fields", "Notifications"];

describe("suspicious fields", () => {
  it("matches names that look like security contacts", () => {
    for (const name of ["mfaPhone", "otpPhone", "phoneForVerification", "backupEmail", "recoveryEmail", "two_factor_phone", "emailForRecovery"]) {
      expect(looksLikeSecurityContact(name), name).toBe(true);
    }
    for (const name of ["email", "phone", "marketingEmail", "phoneNumber", "recovery", "backupCodes"]) {
      expect(looksLikeSecurityContact(name), name).toBe(false);
    }
  });

  it("reports plain-string properties, not branded ones", () => {
    const file = ts.createSourceFile(
      "/x/model.ts",
      [
        "type SecurityContact<T> = T & {};",
        "interface A { mfaPhone: string; recoveryEmail: SecurityContact<string>; backupEmail?: string | null; otpPhone: number }",
        "class B { phoneForVerification: string = ''; constructor(private readonly recoveryEmail: string, backupEmail: string) {} }",
        "type C = { securityContact: string };",
      ].join("\n"),
      ts.ScriptTarget.Latest,
      true,
    );
    expect(scanSourceFile(file).map((f) => `${f.name}: ${f.type}`)).toEqual([
      "A.mfaPhone: string",
      "A.backupEmail: string | null",
      "B.phoneForVerification: string",
      "B.recoveryEmail: string",
      "C.securityContact: string",
    ]);
  });

  it("reports Prisma columns without /// @purpose security", () => {
    const schema = [
      "model User {",
      "  id String @id",
      "  /// @purpose security",
      "  twoFactorPhone String",
      "  otpPhone String?",
      "  backupEmail String? /// @purpose security",
      "  recoveryEmail String",
      "  mfaPhoneVerifiedAt DateTime?",
      "}",
      "model Other { id String @id }",
    ].join("\n");
    expect(scanPrismaSchema("/x/schema.prisma", schema).map((f) => [f.name, f.location.line])).toEqual([
      ["model User.otpPhone", 5],
      ["model User.recoveryEmail", 7],
    ]);
  });
});

describe("purpose-lint audit on fixtures/demo", () => {
  let markdown: string;
  const htmlFile = path.join(TMP, "audit.html");

  beforeAll(async () => {
    const md = await run(["audit", "--project", "fixtures/demo"]);
    expect(md.code).toBe(0);
    markdown = md.stdout;
    const html = await run(["audit", "--project", "fixtures/demo", "--format", "html", "--output", htmlFile]);
    expect(html).toMatchObject({ code: 0, stdout: "" });
  });

  it("Markdown holds every section and the demo's inventory", () => {
    for (const section of SECTIONS) expect(markdown).toContain(`## ${section}`);
    expect(markdown).toContain("`User.twoFactorPhone`");
    expect(markdown).toContain("### advertising");
    expect(markdown).toContain("TailoredAudiencesClient.addToTailoredAudience");
    expect(markdown).toContain("recovery address"); // the declassification's justification
    expect(markdown).toContain("`LegacyAccountRow.mfaPhone`");
    expect(markdown).toContain("`model User.otpPhone`");
    expect(markdown).toMatch(/\]\(fixtures\/demo\/src\/ads\/audience-matching\.ts#L26\)/);
    // Four violations, each with its steps. The recovery email that reaches newsletter-sync.ts:43 through the
    // repository's Map (`structuredClone(user)` reads each branded field at one node) is the recovery email again,
    // one violation with the direct read, not a second one named for the phone.
    expect(markdown.match(/^### \d+\. /gm)).toHaveLength(4);
  });

  it("HTML holds every section, a flow graph per violation and file links, and fetches nothing", () => {
    const html = fs.readFileSync(htmlFile, "utf8");
    for (const section of SECTIONS) expect(html).toContain(`>${section}</h2>`);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toMatch(/<a href="\.\.\//); // relative links from the report's directory
    expect(html).toMatch(/href="vscode:\/\/file\/[^"]+audience-matching\.ts:26:55"/);
    expect(html).not.toMatch(/<script|<link |@import|url\(http|src="http/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it("links relative to the output file's directory", async () => {
    const inside = path.join(REPO, "fixtures", "demo");
    const file = path.join(TMP, "nested", "a.md");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    expect((await run(["audit", "-p", inside, "-o", file])).code).toBe(0);
    const relative = path.relative(path.dirname(file), path.join(inside, "src", "ads", "audience-matching.ts")).split(path.sep).join("/");
    expect(fs.readFileSync(file, "utf8")).toContain(`](${relative}#L26)`);
  });

  it.skipIf(!fs.existsSync(CHROMIUM))("renders in headless Chromium (skipped unless /usr/bin/chromium is installed)", () => {
    const profile = fs.mkdtempSync(path.join(TMP, "profile-"));
    const png = path.join(TMP, "audit.png");
    execFileSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        `--screenshot=${png}`,
        "--window-size=1280,2000",
        `file://${htmlFile}`,
      ],
      { stdio: "ignore", timeout: 60_000 },
    );
    expect(fs.existsSync(png)).toBe(true);
    expect(fs.statSync(png).size).toBeGreaterThan(20_000);
  });
});

describe("audit arguments", () => {
  it("exits 2 for an unknown format or flag, and 0 for --help", async () => {
    const format = await run(["audit", "--format", "pdf"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^purpose-lint: audit: unknown format "pdf"/);
    expect((await run(["audit", "--frobnicate"])).code).toBe(2);
    const help = await run(["audit", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: purpose-lint audit");
  });

  it("exits 0 on a clean project and lists its sections", async () => {
    const result = await run(["audit", "-p", "fixtures/cli-inputs/clean"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No violations.");
  });

  it("lists suppressions with their reasons", async () => {
    const result = await run(["audit", "-p", "fixtures/suppressions/with-reason"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("legal approved the fraud-signal upload (ticket SEC-142)");
    expect(result.stdout).toContain("suppresses");
  });

  it("finds nothing suspicious when the program has no such fields", () => {
    const program = ts.createProgram([path.join(REPO, "fixtures/cli-inputs/clean/src/account.ts")], { noEmit: true });
    expect(findSuspiciousFields(program)).toEqual([]);
  });
});

describe("the audit's coverage", () => {
  const dir = path.join(TMP, "coverage");
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true, lib: ["ES2022", "DOM"], module: "ESNext", moduleResolution: "Bundler", types: [], paths: { "purpose-lint": [path.join(REPO, "runtime/security-contact.ts")], "@/analytics": ["./own-analytics.ts"] } }, include: ["*.ts"] }),
    "own-analytics.ts": `export function trackOwn(event: string): void { void event; }\n`,
    "app.ts": [
      `import posthog from "posthog-js";`,
      `import TagManager from "react-gtm-module";`,
      `import { initialize } from "launchdarkly-js-client-sdk";`,
      `import type { SecurityContact } from "purpose-lint";`,
      `interface User { id: string; email: string; phone: SecurityContact<string> }`,
      `export async function onLogin(user: User) {`,
      `  posthog.identify(user.id, { phone: user.phone });`,
      `  posthog.capture("login", { plan: "pro" });`,
      `  if (posthog.isFeatureEnabled("x")) posthog.reset();`,
      `  TagManager.dataLayer({ dataLayer: { phone: user.phone } });`,
      `  initialize("id", { kind: "user", key: user.id });`,
      `  await fetch("https://graph.facebook.com/v21.0/1/events", { method: "POST", body: JSON.stringify({ ph: user.email }) });`,
      `  await fetch("https://collect.acme-analytics.example/v1/e", { method: "POST", body: user.phone });`,
      `  await fetch("/api/session", { method: "POST", body: user.phone });`,
      `}`,
      `import "@/analytics";`,
    ].join("\n"),
  };

  it("lists catalogued APIs with the calls that carried a contact, and what is not covered", async () => {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const { code, stdout } = await run(["audit", "-p", dir, "--format", "md"]);
    expect(code).toBe(0);
    const section = stdout.slice(stdout.indexOf("## Coverage"), stdout.indexOf("## Declassifications"));
    expect(section).toMatch(/\| PostHog \| `posthog-js` \| SDK \| .*app\.ts:7:\d+.* \*\*carried\*\*<br>.*app\.ts:8:\d+[^*]*\| `isFeatureEnabled` ×1, `reset` ×1 \|/);
    expect(section).toMatch(/\| Meta \| `https:\/\/graph\.facebook\.com\/\*\/\*\/events` \| endpoint \| [^|]*app\.ts#L12\) \| — \|/);
    expect(section).not.toMatch(/app\.ts#L12\) \*\*carried/);
    expect(section).toContain("| `react-gtm-module` | module |");
    expect(section).toContain("| `https://collect.acme-analytics.example/v1/e` | endpoint (fetch) |");
    expect(section).not.toContain("launchdarkly");
    expect(section).not.toContain("/api/session");
    // A path alias to the program's own code is not a vendor module.
    expect(section).not.toContain("@/analytics");
  });

  it("recognises tracking-looking module names, not every package", () => {
    for (const name of ["react-gtm-module", "react-facebook-pixel", "@acme/analytics", "mixpanel-react", "klaviyo-sdk", "vue-gtag"]) expect(looksLikeTrackingModule(name), name).toBe(true);
    for (const name of ["launchdarkly-js-client-sdk", "@sentry/node", "heap-js", "twilio", "./analytics", "@types/gtag.js", "react"]) expect(looksLikeTrackingModule(name), name).toBe(false);
  });
});
