/**
 * The data map for privacy teams (issue 12, part 3): `purpose-lint audit --format fides` writes what the code does
 * with security contacts as a fideslang manifest (fideslang 3.0.0, `src/fideslang/models.py`: `System`,
 * `PrivacyDeclaration`, `DataFlow`; taxonomy keys from `default_taxonomy/`), so declared purposes can be diffed
 * against the code:
 *
 * - one `System` per package (the nearest package.json's name; the project directory's name without one);
 * - its security-contact fields — branded, and unbranded ones with usage evidence — as one privacy declaration with
 *   data use `essential.service.security`, data categories by field name (`user.contact.phone_number`,
 *   `user.contact.email`, else `user.contact`);
 * - each sink a security contact reaches (a violation, a suppressed one, or a declassified value) as a declaration
 *   with the sink's data use (advertising → `marketing.advertising`, marketing → `marketing.communications`,
 *   analytics → `analytics.reporting`), and, for catalogued vendors, an egress `DataFlow` to a `Third Party` system;
 * - the code locations behind each entry under the system's free-form `meta.purpose_lint`.
 */
import fs from "node:fs";
import path from "node:path";
import type { Location, Purpose } from "../analysis/findings.js";
import type { AuditContext, AuditData } from "../audit/audit.js";
import { relativePosix } from "../report/paths.js";
import { toYaml, type YamlValue } from "./yaml.js";

/** The fideslang version whose models and default taxonomy this follows. */
export const FIDESLANG_VERSION = "3.0.0";

export const DATA_USES: Record<Purpose, string> = {
  advertising: "marketing.advertising",
  marketing: "marketing.communications",
  analytics: "analytics.reporting",
};
export const SECURITY_USE = "essential.service.security";
const SUBJECTS = ["customer"];

/** The fideslang data category a field's name says it holds. */
export function dataCategoryOf(field: string): string {
  const name = field.slice(field.lastIndexOf(".") + 1).replace(/[_-]/g, "").toLowerCase();
  if (/phone|mobile|sms|cell|msisdn|tel$|telephone/.test(name)) return "user.contact.phone_number";
  if (/email|mail/.test(name)) return "user.contact.email";
  return "user.contact";
}

/** A valid FidesKey (`^[a-zA-Z0-9_.<>-]+$`) from any name. */
export function fidesKey(name: string): string {
  const key = name.replace(/^@/, "").replace(/[^a-zA-Z0-9_.<>-]+/g, "_").replace(/^_+|_+$/g, "");
  return key === "" ? "system" : key;
}

interface Flow {
  field: string;
  sink: string;
  purpose: Purpose;
  vendor: string | undefined;
  location: Location;
  status: "violation" | "suppressed" | "declassified";
}

interface SystemDraft {
  name: string;
  fields: Map<string, { category: string; declaredAt: Location | undefined; branded: boolean }>;
  flows: Flow[];
}

/** The fideslang manifest (`system:` list) for an audit, as YAML. */
export function formatFides(data: AuditData, context: AuditContext): string {
  const packages = new PackageNames(path.dirname(data.project));
  const systems = new Map<string, SystemDraft>();
  const systemOf = (file: string | undefined): SystemDraft => {
    const name = packages.of(file ?? data.project);
    let draft = systems.get(name);
    if (!draft) systems.set(name, (draft = { name, fields: new Map(), flows: [] }));
    return draft;
  };
  const { result } = data;
  for (const source of result.inventory.sources) {
    const where = source.declaredAt ?? source.reads[0];
    systemOf(where?.file).fields.set(source.field, { category: dataCategoryOf(source.field), declaredAt: where, branded: true });
  }
  for (const candidate of data.candidates?.candidates ?? []) {
    if (candidate.evidence !== "usage") continue;
    systemOf(candidate.declaredAt?.file).fields.set(candidate.field, { category: dataCategoryOf(candidate.field), declaredAt: candidate.declaredAt, branded: false });
  }
  const vendorOf = (callee: string, purpose: Purpose) => result.inventory.sinks.find((s) => s.callee === callee && s.purpose === purpose)?.vendor;
  const addFlow = (flow: Flow) => systemOf(flow.location.file).flows.push(flow);
  for (const finding of result.findings) {
    addFlow({ field: finding.source.field, sink: finding.sink.callee, purpose: finding.sink.purpose, vendor: vendorOf(finding.sink.callee, finding.sink.purpose), location: finding.sink.location, status: "violation" });
  }
  for (const suppression of data.suppressions) {
    for (const f of suppression.suppressed) {
      addFlow({ field: f.source.field, sink: f.sink.callee, purpose: f.sink.purpose, vendor: vendorOf(f.sink.callee, f.sink.purpose), location: f.sink.location, status: "suppressed" });
    }
  }
  for (const declassification of result.inventory.declassifications) {
    for (const reach of declassification.reaches) {
      for (const field of declassification.fields) {
        addFlow({ field, sink: reach.callee, purpose: reach.purpose, vendor: vendorOf(reach.callee, reach.purpose), location: reach.location, status: "declassified" });
      }
    }
  }
  const at = (location: Location | undefined) => (location ? `${relativePosix(location.file, context.cwd)}:${String(location.line)}` : null);
  const vendors = new Map<string, string>();
  const manifest: YamlValue[] = [...systems.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((draft) => {
      const categoryOf = (field: string) => draft.fields.get(field)?.category ?? dataCategoryOf(field);
      const declarations: YamlValue[] = [];
      const securityCategories = unique([...draft.fields.values()].map((f) => f.category));
      if (securityCategories.length > 0) {
        declarations.push({ name: "Account security: security-contact fields", data_categories: securityCategories, data_use: SECURITY_USE, data_subjects: SUBJECTS });
      }
      const bySink = new Map<string, Flow[]>();
      for (const flow of draft.flows) bySink.set(`${flow.sink}\u0000${flow.purpose}`, [...(bySink.get(`${flow.sink}\u0000${flow.purpose}`) ?? []), flow]);
      const egress = new Map<string, Set<string>>();
      for (const flows of [...bySink.values()].sort((a, b) => a[0]!.sink.localeCompare(b[0]!.sink))) {
        const first = flows[0]!;
        const categories = unique(flows.map((f) => categoryOf(f.field)));
        const vendorKey = first.vendor === undefined ? undefined : fidesKey(first.vendor.toLowerCase());
        if (vendorKey !== undefined && first.vendor !== undefined) {
          vendors.set(vendorKey, first.vendor);
          egress.set(vendorKey, new Set([...(egress.get(vendorKey) ?? []), ...categories]));
        }
        declarations.push({
          name: `${first.sink} (${first.purpose} sink)`,
          data_categories: categories,
          data_use: DATA_USES[first.purpose],
          data_subjects: SUBJECTS,
          ...(vendorKey === undefined ? {} : { egress: [vendorKey] }),
        });
      }
      return {
        fides_key: fidesKey(draft.name),
        name: draft.name,
        description: `Security contacts and where the code sends them, from purpose-lint's analysis (fideslang ${FIDESLANG_VERSION}).`,
        system_type: "Application",
        privacy_declarations: declarations,
        ...(egress.size === 0 ? {} : { egress: [...egress].sort(([a], [b]) => a.localeCompare(b)).map(([key, categories]) => ({ fides_key: key, type: "system", data_categories: [...categories].sort() })) }),
        meta: {
          purpose_lint: {
            security_fields: [...draft.fields].sort(([a], [b]) => a.localeCompare(b)).map(([field, f]) => ({ field, data_category: f.category, declared_at: at(f.declaredAt), branded: f.branded })),
            flows: draft.flows
              .map((f) => ({ field: f.field, sink: f.sink, data_use: DATA_USES[f.purpose], status: f.status, at: at(f.location) }))
              .sort((a, b) => (a.at ?? "").localeCompare(b.at ?? "") || a.field.localeCompare(b.field)),
          },
        },
      };
    });
  for (const [key, vendor] of [...vendors].sort(([a], [b]) => a.localeCompare(b))) {
    manifest.push({ fides_key: key, name: vendor, description: `${vendor}, a third-party service the code sends security contacts to.`, system_type: "Third Party", privacy_declarations: [] });
  }
  return toYaml({ system: manifest });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * The name of the package a file belongs to: the nearest package.json's `name` between the file and the project's
 * directory, else the project directory's name.
 */
class PackageNames {
  private readonly cache = new Map<string, string | undefined>();
  constructor(private readonly projectDirectory: string) {}

  of(file: string): string {
    return this.nameIn(path.dirname(file)) ?? path.basename(path.resolve(this.projectDirectory));
  }

  private nameIn(directory: string): string | undefined {
    if (this.cache.has(directory)) return this.cache.get(directory);
    let name: string | undefined;
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(directory, "package.json"), "utf8")) as { name?: unknown };
      if (typeof parsed.name === "string" && parsed.name !== "") name = parsed.name;
    } catch {
      // No package.json here, or not readable: look further up.
    }
    // Up to the project's directory, not beyond: a tool's own package.json above the project names nothing here.
    const parent = path.dirname(directory);
    const inside = !path.relative(path.resolve(this.projectDirectory), directory).startsWith("..");
    if (name === undefined && parent !== directory && inside && path.resolve(this.projectDirectory) !== directory) name = this.nameIn(parent);
    this.cache.set(directory, name);
    return name;
  }
}
