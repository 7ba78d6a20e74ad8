/**
 * Ad pixels: the globals a page's base code defines, called with a command and its parameters. Advanced
 * matching puts identifiers in these calls (`fbq('init', id, { em, ph })`), and every other command's
 * parameters go to the same ad network, so every argument is a sink. Entries hang off the global scope
 * (`GLOBAL`): bare `fbq(…)`, `window.fbq(…)`, `globalThis.fbq(…)` and local aliases all match, with or without
 * the `@types/*` package that declares the global. `keys` lists the identifier keys each vendor documents.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const pixel = (vendor: string, path: string, description: string, keys: string[]): CatalogEntry => ({
  vendor,
  module: GLOBAL,
  path,
  purpose: "advertising",
  description,
  keys,
});

export const PIXELS: readonly CatalogEntry[] = [
  pixel("Meta Pixel", "fbq", "init with advanced matching, track, trackCustom, trackSingle: parameters go to Meta for ad matching", ["em", "ph", "fn", "ln", "external_id", "ge", "db", "ct", "st", "zp", "country"]),
  pixel("Google tag", "gtag", "config, set user_data (enhanced conversions), event: parameters go to Google Ads and Analytics", ["user_data", "email", "phone_number", "address", "user_id"]),
  pixel("Google Tag Manager", "dataLayer.push", "data layer messages that tags (Google Ads, Meta, …) read, user_data included", ["user_data", "email", "phone_number", "user_id"]),
  pixel("TikTok Pixel", "ttq.identify", "identifies the visitor for ad matching", ["email", "phone_number", "external_id"]),
  pixel("TikTok Pixel", "ttq.track", "records a conversion event with its properties", ["email", "phone_number", "external_id"]),
  pixel("TikTok Pixel", "ttq.page", "records a page view with its properties", []),
  pixel("TikTok Pixel", "ttq.instance().identify", "identifies the visitor for one pixel instance", ["email", "phone_number", "external_id"]),
  pixel("TikTok Pixel", "ttq.instance().track", "records a conversion for one pixel instance", []),
  pixel("Snap Pixel", "snaptr", "init with user data, track: parameters go to Snap for ad matching", ["user_email", "user_phone_number", "user_hashed_email", "user_hashed_phone_number"]),
  pixel("X Pixel", "twq", "config with user data, event: parameters go to X for ad matching", ["email_address", "phone_number"]),
  pixel("Reddit Pixel", "rdt", "init with advanced matching, track: parameters go to Reddit for ad matching", ["email", "phoneNumber", "externalId"]),
  pixel("LinkedIn Insight Tag", "lintrk", "track conversions: parameters go to LinkedIn", ["conversion_id"]),
  pixel("Pinterest Tag", "pintrk", "load and set with enhanced match, track: parameters go to Pinterest for ad matching", ["em"]),
  // `react-facebook-pixel` (README, v1.0): the default export wraps fbq; `init(pixelId, advancedMatching, options)`.
  ...["init", "track", "trackSingle", "trackCustom", "trackSingleCustom", "fbq"].map((method): CatalogEntry => ({
    vendor: "Meta Pixel",
    module: "react-facebook-pixel",
    path: method,
    purpose: "advertising",
    description: method === "init" ? "initialises the pixel with advanced matching (em, ph, …)" : `${method}: event parameters go to Meta`,
    keys: ["em", "ph", "fn", "ln", "external_id"],
  })),
];
