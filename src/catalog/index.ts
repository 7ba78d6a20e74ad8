/** The built-in SDK sink catalog (see docs/catalog.md): one file per vendor, concatenated and sorted by vendor. */
import { AMPLITUDE } from "./amplitude.js";
import { BRAZE } from "./braze.js";
import { CUSTOMERIO } from "./customerio.js";
import { FACEBOOK } from "./facebook.js";
import { GOOGLE_ADS } from "./google-ads.js";
import { HUBSPOT } from "./hubspot.js";
import { KLAVIYO } from "./klaviyo.js";
import { MAILCHIMP } from "./mailchimp.js";
import { MIXPANEL } from "./mixpanel.js";
import { POSTHOG } from "./posthog.js";
import { SEGMENT } from "./segment.js";
import { SENDGRID } from "./sendgrid.js";
import { TWITTER_ADS } from "./twitter-ads.js";
import type { CatalogEntry } from "./types.js";

export type { CatalogEntry } from "./types.js";

export const CATALOG: readonly CatalogEntry[] = [
  ...AMPLITUDE,
  ...BRAZE,
  ...CUSTOMERIO,
  ...FACEBOOK,
  ...GOOGLE_ADS,
  ...HUBSPOT,
  ...KLAVIYO,
  ...MAILCHIMP,
  ...MIXPANEL,
  ...POSTHOG,
  ...SEGMENT,
  ...SENDGRID,
  ...TWITTER_ADS,
].sort((a, b) => (a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : 0));
