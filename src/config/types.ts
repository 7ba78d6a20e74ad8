/**
 * `purpose-lint.config.json`, as the engine consumes it (after validation against schema.json and with paths
 * resolved). The file format is documented in docs/configuration.md.
 */
import type { Purpose } from "../analysis/findings.js";
import type { EndpointEntry } from "../catalog/http/types.js";
import type { CatalogEntry } from "../catalog/types.js";

/** A first-party function or method named by file and name, for code a team cannot tag with JSDoc. */
export interface FirstPartySink {
  /** Glob of files, relative to the config file's directory: "src/ads/**\/*.ts". */
  file: string;
  /** "trackEvent", "AudienceClient.upload", or "AudienceClient.*" for every method of a class. */
  name: string;
  purpose: Purpose;
}

export interface PurposeConfig {
  /** Absolute path of the config file (for messages), or undefined for the defaults. */
  path?: string;
  /** Directory globs are relative to. */
  root: string;
  /** Extra third-party sinks, in the catalog's format (vendor defaults to the module name). */
  sinks: CatalogEntry[];
  /** Extra first-party sinks by file and name. */
  functionSinks: FirstPartySink[];
  /** Extra HTTP endpoints whose requests are sinks, in the endpoint table's format (vendor defaults to the host). */
  endpoints: EndpointEntry[];
  sources: {
    /** Extra type names that brand a value, like SecurityContact: ["TwoFactorPhone"]. */
    types: string[];
    /** JSDoc `@purpose <tag>` values on a property that make it a source (default ["security"]). */
    purposeTags: string[];
  };
  /** Functions whose result is clean, like declassify: { name: "redactPhone" } or { module: "pkg", name: "scrub" }. */
  sanitizers: { name: string; module?: string }[];
  /** Purposes a security contact may never reach (default all three). */
  policy: { forbidden: Purpose[] };
  /** Files whose every function serves a purpose; a security contact read or received there is a violation. */
  zones: { files: string[]; purpose: Purpose }[];
}

export const DEFAULT_CONFIG: PurposeConfig = {
  root: ".",
  sinks: [],
  functionSinks: [],
  endpoints: [],
  sources: { types: [], purposeTags: ["security"] },
  sanitizers: [],
  policy: { forbidden: ["advertising", "marketing", "analytics"] },
  zones: [],
};
