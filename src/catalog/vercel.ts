/**
 * Vercel Web Analytics, `@vercel/analytics` (types: dist/index.d.mts, dist/react/index.d.mts,
 * dist/server/index.d.mts, v1.5/2.0): `track(name, properties, options)` sends a custom event with its
 * properties from the browser, React or the server entry point.
 */
import type { CatalogEntry } from "./types.js";

export const VERCEL: readonly CatalogEntry[] = ["@vercel/analytics", "@vercel/analytics/react", "@vercel/analytics/server"].map((module) => ({
  vendor: "Vercel Analytics",
  module,
  path: "track",
  purpose: "analytics",
  arguments: [0, 1],
  description: "records a custom event with its properties",
}));
