/** The built-in SDK sink catalog (see docs/catalog.md). */
import type { CatalogEntry } from "./types.js";

export type { CatalogEntry } from "./types.js";
export const CATALOG: readonly CatalogEntry[] = [];
