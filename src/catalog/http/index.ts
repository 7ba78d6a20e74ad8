/** The HTTP sink tables: clients (how calls carry URLs) and vendor endpoints, advertising first. */
import { AD_ENDPOINTS } from "./endpoints-ads.js";
import { ANALYTICS_ENDPOINTS, MARKETING_ENDPOINTS } from "./endpoints-analytics.js";
import type { EndpointEntry } from "./types.js";

export { HTTP_CLIENTS } from "./clients.js";
export type { EndpointEntry, HttpClientEntry, RequestSlot } from "./types.js";

export const ENDPOINTS: readonly EndpointEntry[] = [...AD_ENDPOINTS, ...ANALYTICS_ENDPOINTS, ...MARKETING_ENDPOINTS];
