/**
 * Twitter (X) Ads, `twitter-ads` (untyped JS: lib/twitter_ads.js, v0.2). `module.exports` is the constructor,
 * so a default import is the client class: `new TwitterAdsAPI({ consumer_key, … })` -> "()". Its verbs
 * `post(url, params, body, cb)` and `put(…)` reach the Ads API only — tailored-audience membership uploads
 * (`tailored_audience_memberships`, `accounts/:account_id/custom_audiences/:id/users`) among them — so any
 * identifier sent through them is advertising. The callback is not sent. `tonUpload` ships a local file (the
 * audience list) by path; the file's contents are not followed.
 */
import type { CatalogEntry } from "./types.js";

export const TWITTER_ADS: readonly CatalogEntry[] = [
  {
    vendor: "Twitter Ads",
    module: "twitter-ads",
    path: "().post",
    purpose: "advertising",
    arguments: [0, 1, 2],
    description: "POSTs to the Ads API, e.g. tailored-audience user uploads (hashed emails, phones)",
  },
  {
    vendor: "Twitter Ads",
    module: "twitter-ads",
    path: "().put",
    purpose: "advertising",
    arguments: [0, 1, 2],
    description: "PUTs to the Ads API, e.g. tailored-audience membership changes",
  },
];
