/**
 * The fideslang data map (issue 12, part 3): `purpose-lint audit --format fides` on the demo app, read back and
 * checked against the shape of fideslang 3.0.0's models (src/fideslang/models.py: System, PrivacyDeclaration,
 * DataFlow; FidesKey `^[a-zA-Z0-9_.<>-]+$`; data uses and categories from its default taxonomy). The YAML is read
 * by a reader for the block subset the emitter writes, so the test also checks the emitter.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { dataCategoryOf, fidesKey } from "../src/datamap/fides.js";
import { toYaml } from "../src/datamap/yaml.js";
import { FIXTURES_ROOT } from "./fixture-utils.js";

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/** Reads the block YAML toYaml writes: maps, lists, `[]`, `{}`, plain and double-quoted (JSON) scalars. */
function readYaml(text: string): Yaml {
  const rows = text.split("\n").filter((line) => line.trim() !== "").map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  let i = 0;
  const scalar = (raw: string): Yaml => {
    if (raw.startsWith('"')) return JSON.parse(raw) as string;
    if (raw === "[]") return [];
    if (raw === "{}") return {};
    if (raw === "true" || raw === "false") return raw === "true";
    if (raw === "null") return null;
    if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
    return raw;
  };
  const entry = (text: string, indent: number, into: { [key: string]: Yaml }): void => {
    const match = /^("(?:[^"\\]|\\.)*"|[^:]+):(?: (.*))?$/.exec(text);
    if (!match) throw new Error(`not a YAML entry: ${text}`);
    const name = match[1]!.startsWith('"') ? (JSON.parse(match[1]!) as string) : match[1]!;
    into[name] = match[2] === undefined ? block(indent + 1) : scalar(match[2]);
  };
  const block = (min: number): Yaml => {
    const indent = rows[i]!.indent;
    if (indent < min) throw new Error("empty block");
    if (rows[i]!.text.startsWith("- ")) {
      const list: Yaml[] = [];
      while (i < rows.length && rows[i]!.indent === indent && rows[i]!.text.startsWith("- ")) {
        const rest = rows[i]!.text.slice(2);
        if (/^("(?:[^"\\]|\\.)*"|[A-Za-z_][\w]*):( |$)/.test(rest)) {
          // A map item: its first entry after the dash, the others indented under it.
          const map: { [key: string]: Yaml } = {};
          rows[i] = { indent: indent + 2, text: rest };
          while (i < rows.length && rows[i]!.indent === indent + 2) {
            const row = rows[i++]!;
            entry(row.text, row.indent, map);
          }
          list.push(map);
        } else {
          list.push(scalar(rest));
          i++;
        }
      }
      return list;
    }
    const map: { [key: string]: Yaml } = {};
    while (i < rows.length && rows[i]!.indent === indent) {
      const row = rows[i++]!;
      entry(row.text, row.indent, map);
    }
    return map;
  };
  return block(0);
}

const FIDES_KEY = /^[a-zA-Z0-9_.<>-]+$/;
const DATA_USES = new Set(["essential.service.security", "marketing.advertising", "marketing.communications", "analytics.reporting"]);
const DATA_CATEGORIES = new Set(["user.contact", "user.contact.email", "user.contact.phone_number"]);

/** The fideslang 3.0.0 System shape: required fields, key syntax, taxonomy keys, DataFlow types, egress references. */
function validateSystems(manifest: Yaml): string[] {
  const problems: string[] = [];
  const systems = (manifest as { system?: Yaml }).system;
  if (!Array.isArray(systems)) return ["top level: `system` must be a list"];
  const keys = new Set(systems.map((s) => (s as { fides_key?: Yaml }).fides_key));
  for (const [index, raw] of systems.entries()) {
    const system = raw as Record<string, Yaml>;
    const where = `system[${String(index)}]`;
    if (typeof system.fides_key !== "string" || !FIDES_KEY.test(system.fides_key)) problems.push(`${where}.fides_key`);
    if (typeof system.system_type !== "string") problems.push(`${where}.system_type is required`);
    if (!Array.isArray(system.privacy_declarations)) problems.push(`${where}.privacy_declarations is required`);
    for (const declaration of (system.privacy_declarations ?? []) as Record<string, Yaml>[]) {
      if (!Array.isArray(declaration.data_categories) || declaration.data_categories.some((c) => typeof c !== "string" || !DATA_CATEGORIES.has(c))) problems.push(`${where}: data_categories`);
      if (typeof declaration.data_use !== "string" || !DATA_USES.has(declaration.data_use)) problems.push(`${where}: data_use ${String(declaration.data_use)}`);
      if (!Array.isArray(declaration.data_subjects)) problems.push(`${where}: data_subjects`);
      for (const key of (declaration.egress ?? []) as Yaml[]) if (!((system.egress ?? []) as { fides_key: Yaml }[]).some((flow) => flow.fides_key === key)) problems.push(`${where}: egress ${String(key)} names no DataFlow`);
    }
    for (const flow of (system.egress ?? []) as Record<string, Yaml>[]) {
      if (!["system", "dataset", "user"].includes(String(flow.type))) problems.push(`${where}: DataFlow type ${String(flow.type)}`);
      if (!keys.has(flow.fides_key ?? null)) problems.push(`${where}: DataFlow to unknown system ${String(flow.fides_key)}`);
    }
  }
  return problems;
}

describe("fideslang data map", () => {
  it("exports the demo app's security contacts and flows as fideslang 3.0.0 systems", async () => {
    const dir = path.join(FIXTURES_ROOT, "demo");
    let stdout = "";
    const code = await runCli(["audit", "--project", "tsconfig.json", "--format", "fides"], { cwd: dir, stdout: (t) => (stdout += t), stderr: () => undefined, stdoutIsTTY: false, env: {} });
    expect(code).toBe(0);
    const manifest = readYaml(stdout);
    expect(validateSystems(manifest)).toEqual([]);
    const systems = (manifest as { system: Record<string, Yaml>[] }).system;
    const app = systems.find((s) => s.system_type === "Application")!;
    const declarations = app.privacy_declarations as Record<string, Yaml>[];
    expect(declarations[0]).toMatchObject({ data_use: "essential.service.security", data_subjects: ["customer"] });
    expect(declarations[0]!.data_categories).toEqual(expect.arrayContaining(["user.contact.email", "user.contact.phone_number"]));
    // Every violation of the demo is a declaration with its sink's data use.
    const uses = new Set(declarations.slice(1).map((d) => d.data_use));
    expect(uses.size).toBeGreaterThan(0);
    for (const use of uses) expect(["marketing.advertising", "marketing.communications", "analytics.reporting"]).toContain(use);
    const flows = ((app.meta as { purpose_lint: { flows: Record<string, Yaml>[] } }).purpose_lint.flows);
    expect(flows.filter((f) => f.status === "violation").length).toBeGreaterThanOrEqual(4);
  });

  it("names categories, keys and scalars the way fideslang and YAML readers expect", () => {
    expect(dataCategoryOf("User.twoFactorPhone")).toBe("user.contact.phone_number");
    expect(dataCategoryOf("Account.recovery_email")).toBe("user.contact.email");
    expect(dataCategoryOf("User.backupContact")).toBe("user.contact");
    expect(fidesKey("@acme/web app")).toBe("acme_web_app");
    const value = { a: "plain.key", b: "needs: quoting", c: "yes", d: "0755", e: [], f: {}, g: [{ x: 1, y: [true, null] }] };
    const text = toYaml(value); // `y` is quoted: YAML 1.1 readers take it for a boolean
    expect(text).toBe('a: plain.key\nb: "needs: quoting"\nc: "yes"\nd: "0755"\ne: []\nf: {}\ng:\n  - x: 1\n    \"y\":\n      - true\n      - null\n');
    expect(readYaml(text)).toEqual(value);
  });
});
