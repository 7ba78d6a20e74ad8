/**
 * Google Ads, `google-ads-api` (types: build/src/client.d.ts, customer.d.ts, protos/autogen/serviceFactory.d.ts,
 * v24). `new GoogleAdsApi(options).Customer({ customer_id, refresh_token })` returns a `Customer`, whose service
 * getters take one request message; a `Customer` may also be constructed directly. Customer Match uploads go
 * through `offlineUserDataJobs.addOfflineUserDataJobOperations` (operations[].create.user_identifiers[] with
 * hashed_email / hashed_phone_number) or `userData.uploadUserData`; enhanced conversions send the same
 * user_identifiers with click conversions and conversion adjustments.
 */
import type { CatalogEntry } from "./types.js";

const SERVICES: ReadonlyArray<[string, string]> = [
  ["offlineUserDataJobs.addOfflineUserDataJobOperations", "adds hashed emails and phones to a Customer Match user-list job"],
  ["userData.uploadUserData", "uploads hashed user identifiers to a Customer Match user list"],
  ["conversionUploads.uploadClickConversions", "uploads conversions with hashed user identifiers (enhanced conversions)"],
  ["conversionAdjustmentUploads.uploadConversionAdjustments", "enhances conversions with hashed user identifiers"],
];

export const GOOGLE_ADS: readonly CatalogEntry[] = ["GoogleAdsApi().Customer()", "Customer()"].flatMap((customer) =>
  SERVICES.map(([service, description]): CatalogEntry => ({
    vendor: "Google Ads",
    module: "google-ads-api",
    path: `${customer}.${service}`,
    purpose: "advertising",
    arguments: [0],
    description,
  })),
);
