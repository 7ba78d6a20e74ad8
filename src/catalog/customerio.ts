/**
 * Customer.io, `customerio-node` (types: dist/lib/track.d.ts, dist/lib/api.d.ts, v4). `new TrackClient(siteId,
 * apiKey)` feeds profiles and events to campaigns: a marketing sink. `new APIClient(appKey)` is the App API: its
 * `sendEmail`, `sendSMS` and `sendPush` send one transactional message (a login code, a receipt) and are NOT
 * sinks; `triggerBroadcast` starts a marketing broadcast for the recipients given, and is.
 */
import type { CatalogEntry } from "./types.js";

const entry = (path: string, args: number[], description: string): CatalogEntry => ({
  vendor: "Customer.io",
  module: "customerio-node",
  path,
  purpose: "marketing",
  arguments: args,
  description,
});

export const CUSTOMERIO: readonly CatalogEntry[] = [
  entry("TrackClient().identify", [0, 1], "creates or updates a customer profile (id, email, phone attributes)"),
  entry("TrackClient().track", [0, 1], "records an event for a customer, which can trigger campaigns"),
  entry("TrackClient().trackAnonymous", [0, 1], "records an event for an anonymous id"),
  entry("TrackClient().trackPageView", [0, 1], "records a page view for a customer"),
  entry("TrackClient().mergeCustomers", [1, 3], "merges two customer profiles identified by id, email or cio_id"),
  entry("APIClient().triggerBroadcast", [1, 2], "triggers a marketing broadcast to the given recipients (emails, ids)"),
];
