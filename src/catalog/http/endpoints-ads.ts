/**
 * Advertising endpoints: conversion APIs (server-side events matched to ad accounts by hashed email, phone and
 * external id) and audience uploads (lists of hashed identifiers matched for targeting). Each entry names the
 * vendor document the URL was read from in docs/catalog.md.
 */
import type { EndpointEntry } from "./types.js";

const ad = (vendor: string, url: string, description: string, example: string): EndpointEntry => ({
  vendor,
  url,
  purpose: "advertising",
  description,
  example,
});

export const AD_ENDPOINTS: readonly EndpointEntry[] = [
  ad("Meta", "https://graph.facebook.com/*/*/events", "Conversions API: server events with user_data (em, ph, external_id) matched to Meta accounts", "https://graph.facebook.com/v21.0/1234567890/events"),
  ad("Meta", "https://graph.facebook.com/*/events", "Conversions API without a version segment", "https://graph.facebook.com/1234567890/events"),
  ad("Meta", "https://graph.facebook.com/**/users", "custom audience users: hashed identifiers added to an audience", "https://graph.facebook.com/v21.0/23850000000000/users"),
  ad("Meta", "https://graph.facebook.com/**/usersreplace", "custom audience users replaced by an uploaded list", "https://graph.facebook.com/v21.0/23850000000000/usersreplace"),
  ad("Google Ads", "https://googleads.googleapis.com/*/customers/*:uploadClickConversions", "click conversions with enhanced-conversion user identifiers", "https://googleads.googleapis.com/v18/customers/1234567890:uploadClickConversions"),
  ad("Google Ads", "https://googleads.googleapis.com/*/customers/*:uploadConversionAdjustments", "conversion adjustments with user identifiers (enhanced conversions)", "https://googleads.googleapis.com/v18/customers/1234567890:uploadConversionAdjustments"),
  ad("Google Ads", "https://googleads.googleapis.com/*/customers/*:uploadUserData", "Customer Match user data upload", "https://googleads.googleapis.com/v18/customers/1234567890:uploadUserData"),
  ad("Google Ads", "https://googleads.googleapis.com/*/customers/*/offlineUserDataJobs/*:addOperations", "Customer Match job operations with hashed emails and phones", "https://googleads.googleapis.com/v18/customers/1234567890/offlineUserDataJobs/555:addOperations"),
  ad("TikTok", "https://business-api.tiktok.com/open_api/*/event/track/**", "Events API: web and app events with user email, phone and external_id", "https://business-api.tiktok.com/open_api/v1.3/event/track/"),
  ad("TikTok", "https://business-api.tiktok.com/open_api/*/pixel/**", "Events API 1.0 (pixel/track, pixel/batch)", "https://business-api.tiktok.com/open_api/v1.3/pixel/track/"),
  ad("TikTok", "https://business-api.tiktok.com/open_api/*/dmp/custom_audience/**", "custom audience uploads", "https://business-api.tiktok.com/open_api/v1.3/dmp/custom_audience/file/upload/"),
  ad("Snap", "https://tr.snapchat.com/**", "Conversions API (v2 /conversion, v3 /{pixel_id}/events) with hashed em and ph", "https://tr.snapchat.com/v3/abc-pixel/events?access_token=t"),
  ad("Snap", "https://adsapi.snapchat.com/*/segments/*/users", "audience segment users (hashed emails, phones)", "https://adsapi.snapchat.com/v1/segments/123/users"),
  ad("Pinterest", "https://api.pinterest.com/*/ad_accounts/*/events", "Conversions API events with hashed em and ph", "https://api.pinterest.com/v5/ad_accounts/549755885175/events"),
  ad("Pinterest", "https://api.pinterest.com/*/ad_accounts/*/customer_lists/**", "customer lists (hashed emails) for audience targeting", "https://api.pinterest.com/v5/ad_accounts/549755885175/customer_lists"),
  ad("Reddit", "https://ads-api.reddit.com/api/*/conversions/events/*", "Conversions API v2.0 events with email, phone and external id", "https://ads-api.reddit.com/api/v2.0/conversions/events/t2_abc"),
  ad("Reddit", "https://ads-api.reddit.com/api/*/accounts/*/conversions/events", "Conversions API v3 events", "https://ads-api.reddit.com/api/v3/accounts/t2_abc/conversions/events"),
  ad("Reddit", "https://ads-api.reddit.com/api/*/pixels/*/conversion_events", "Conversions API v3 events by pixel", "https://ads-api.reddit.com/api/v3/pixels/a2_abc/conversion_events"),
  ad("LinkedIn", "https://api.linkedin.com/rest/conversionEvents/**", "Conversions API events with SHA256_EMAIL and other user ids", "https://api.linkedin.com/rest/conversionEvents"),
  ad("LinkedIn", "https://api.linkedin.com/v2/conversionEvents/**", "Conversions API (v2 path)", "https://api.linkedin.com/v2/conversionEvents"),
  ad("LinkedIn", "https://api.linkedin.com/rest/dmpSegments/**", "matched audiences: users added to a DMP segment", "https://api.linkedin.com/rest/dmpSegments/123/users"),
  ad("X", "https://ads-api.x.com/*/measurement/conversions/*", "Conversion API events with email and phone", "https://ads-api.x.com/12/measurement/conversions/o8z6j"),
  ad("X", "https://ads-api.twitter.com/*/measurement/conversions/*", "Conversion API events (twitter.com host)", "https://ads-api.twitter.com/12/measurement/conversions/o8z6j"),
  ad("X", "https://ads-api.twitter.com/*/accounts/*/custom_audiences/*/users", "custom audience users (hashed emails, phones)", "https://ads-api.twitter.com/12/accounts/18ce54d4x5t/custom_audiences/1nmth/users"),
  ad("X", "https://ads-api.x.com/*/accounts/*/custom_audiences/*/users", "custom audience users (x.com host)", "https://ads-api.x.com/12/accounts/18ce54d4x5t/custom_audiences/1nmth/users"),
];
