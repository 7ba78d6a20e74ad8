/**
 * The built-in sink catalog (see docs/catalog.md): SDK calls and page globals, one file per vendor (or family),
 * concatenated and sorted by vendor; the HTTP clients and vendor endpoints live in http/.
 */
import { AMPLITUDE } from "./amplitude.js";
import { BRAZE } from "./braze.js";
import { CUSTOMERIO } from "./customerio.js";
import { FACEBOOK } from "./facebook.js";
import { GOOGLE_ADS } from "./google-ads.js";
import { GOOGLE_ANALYTICS } from "./google-analytics.js";
import { HUBSPOT } from "./hubspot.js";
import { INTERCOM } from "./intercom.js";
import { KLAVIYO } from "./klaviyo.js";
import { MAILCHIMP } from "./mailchimp.js";
import { MARKETING_APIS } from "./marketing-apis.js";
import { MIXPANEL } from "./mixpanel.js";
import { PIXELS } from "./pixels.js";
import { POSTHOG } from "./posthog.js";
import { REACT_TRACKING } from "./react-tracking.js";
import { RUDDERSTACK } from "./rudderstack.js";
import { SEGMENT } from "./segment.js";
import { SENDGRID } from "./sendgrid.js";
import { SESSION_ANALYTICS } from "./session-analytics.js";
import { TWITTER_ADS } from "./twitter-ads.js";
import type { CatalogEntry } from "./types.js";
import { VERCEL } from "./vercel.js";

export type { CatalogEntry } from "./types.js";
export { GLOBAL } from "./types.js";

export const CATALOG: readonly CatalogEntry[] = [
  ...AMPLITUDE,
  ...BRAZE,
  ...CUSTOMERIO,
  ...FACEBOOK,
  ...GOOGLE_ADS,
  ...GOOGLE_ANALYTICS,
  ...HUBSPOT,
  ...INTERCOM,
  ...KLAVIYO,
  ...MAILCHIMP,
  ...MARKETING_APIS,
  ...MIXPANEL,
  ...PIXELS,
  ...POSTHOG,
  ...REACT_TRACKING,
  ...RUDDERSTACK,
  ...SEGMENT,
  ...SENDGRID,
  ...SESSION_ANALYTICS,
  ...TWITTER_ADS,
  ...VERCEL,
].sort((a, b) => (a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : 0));
