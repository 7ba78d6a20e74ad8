/**
 * Analytics and marketing endpoints: tracking APIs (events and profiles tied to a user) and marketing platforms'
 * contact APIs. Transactional endpoints of the same vendors (one message to one recipient: a login code, a
 * receipt) are deliberately absent; docs/catalog.md lists them.
 */
import type { Purpose } from "../../analysis/findings.js";
import type { EndpointEntry } from "./types.js";

const entry = (purpose: Purpose) => (vendor: string, url: string, description: string, example: string): EndpointEntry => ({
  vendor,
  url,
  purpose,
  description,
  example,
});
const analytics = entry("analytics");
const marketing = entry("marketing");

export const ANALYTICS_ENDPOINTS: readonly EndpointEntry[] = [
  analytics("Segment", "https://api.segment.io/v1/**", "HTTP Tracking API: identify, track, page, screen, group, alias, batch", "https://api.segment.io/v1/identify"),
  analytics("Segment", "https://events.eu1.segmentapis.com/v1/**", "HTTP Tracking API, EU region", "https://events.eu1.segmentapis.com/v1/track"),
  analytics("Mixpanel", "https://api*.mixpanel.com/**", "ingestion: /track, /import, /engage (profiles), /groups", "https://api.mixpanel.com/engage"),
  analytics("PostHog", "https://*.posthog.com/capture/**", "capture endpoint: events and $set person properties", "https://us.i.posthog.com/capture/"),
  analytics("PostHog", "https://*.posthog.com/batch/**", "batch capture endpoint", "https://eu.i.posthog.com/batch/"),
  analytics("PostHog", "https://*.posthog.com/e/**", "browser capture endpoint", "https://us.i.posthog.com/e/"),
  analytics("PostHog", "https://*.posthog.com/i/v0/e/**", "capture endpoint (i/v0)", "https://us.i.posthog.com/i/v0/e/"),
  analytics("Amplitude", "https://api2.amplitude.com/**", "HTTP V2 API (/2/httpapi), /batch, /identify, /groupidentify", "https://api2.amplitude.com/2/httpapi"),
  analytics("Amplitude", "https://api.eu.amplitude.com/**", "HTTP APIs, EU region", "https://api.eu.amplitude.com/2/httpapi"),
  analytics("Amplitude", "https://api.amplitude.com/**", "HTTP API v1 and Identify API", "https://api.amplitude.com/identify"),
  analytics("Google Analytics", "https://*google-analytics.com/mp/collect", "GA4 Measurement Protocol events (user_id, user_data)", "https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s"),
  analytics("Google Analytics", "https://*google-analytics.com/debug/mp/collect", "GA4 Measurement Protocol validation server", "https://www.google-analytics.com/debug/mp/collect"),
  analytics("Heap", "https://heapanalytics.com/api/**", "server-side track and add_user_properties", "https://heapanalytics.com/api/add_user_properties"),
  analytics("FullStory", "https://api.fullstory.com/v2/**", "server API: users and events", "https://api.fullstory.com/v2/users"),
  analytics("RudderStack", "https://*.dataplane.rudderstack.com/v1/**", "hosted data plane: identify, track, page, batch", "https://acme.dataplane.rudderstack.com/v1/identify"),
];

export const MARKETING_ENDPOINTS: readonly EndpointEntry[] = [
  marketing("Klaviyo", "https://a.klaviyo.com/api/**", "server API: profiles, events, subscriptions, imports", "https://a.klaviyo.com/api/profiles/"),
  marketing("Klaviyo", "https://a.klaviyo.com/client/**", "client API: profiles, events, subscriptions", "https://a.klaviyo.com/client/subscriptions/?company_id=X"),
  marketing("Customer.io", "https://track.customer.io/api/**", "Track API: customers (identify), events, entity, batch", "https://track.customer.io/api/v1/customers/42"),
  marketing("Customer.io", "https://track-eu.customer.io/api/**", "Track API, EU region", "https://track-eu.customer.io/api/v2/entity"),
  marketing("Customer.io", "https://cdp.customer.io/v1/**", "Data Pipelines API: identify, track", "https://cdp.customer.io/v1/identify"),
  marketing("Customer.io", "https://api.customer.io/v1/campaigns/*/triggers", "App API broadcast trigger with recipient data", "https://api.customer.io/v1/campaigns/7/triggers"),
  marketing("HubSpot", "https://api.hubapi.com/crm/*/objects/contacts/**", "CRM contacts: create, update, batch, upsert", "https://api.hubapi.com/crm/v3/objects/contacts"),
  marketing("HubSpot", "https://api.hubapi.com/contacts/**", "legacy contacts API", "https://api.hubapi.com/contacts/v1/contact/createOrUpdate/email/x"),
  marketing("HubSpot", "https://api.hsforms.com/submissions/**", "form submissions (create contacts)", "https://api.hsforms.com/submissions/v3/integration/submit/123/abc"),
  marketing("HubSpot", "https://api.hubapi.com/events/**", "custom behavioral events", "https://api.hubapi.com/events/v3/send"),
  marketing("Mailchimp", "https://*.api.mailchimp.com/3.0/lists/**", "audience members, tags, events, batch subscribe", "https://us6.api.mailchimp.com/3.0/lists/abc/members"),
  marketing("Mailchimp", "https://*.api.mailchimp.com/3.0/batches", "batch operations (member upserts)", "https://us6.api.mailchimp.com/3.0/batches"),
  marketing("SendGrid", "https://api.sendgrid.com/v3/marketing/**", "Marketing Campaigns: contacts, lists", "https://api.sendgrid.com/v3/marketing/contacts"),
  marketing("SendGrid", "https://api.sendgrid.com/v3/contactdb/**", "legacy contact database", "https://api.sendgrid.com/v3/contactdb/recipients"),
  marketing("Braze", "https://rest.*.braze.com/users/track", "user attributes (email, phone), events and purchases", "https://rest.iad-01.braze.com/users/track"),
  marketing("Braze", "https://rest.*.braze.com/users/identify", "merges alias-only profiles into identified users", "https://rest.iad-01.braze.com/users/identify"),
  marketing("Braze", "https://rest.*.braze.com/users/alias/new", "creates user aliases", "https://rest.iad-01.braze.com/users/alias/new"),
  marketing("Braze", "https://rest.*.braze.com/campaigns/trigger/send", "API-triggered campaign with recipient attributes", "https://rest.iad-01.braze.com/campaigns/trigger/send"),
  marketing("Braze", "https://rest.*.braze.com/canvas/trigger/send", "API-triggered Canvas with recipient attributes", "https://rest.iad-01.braze.com/canvas/trigger/send"),
  marketing("Braze", "https://rest.*.braze.com/subscription/status/set", "subscription group membership by email or phone", "https://rest.iad-01.braze.com/subscription/status/set"),
  marketing("Brevo", "https://api.brevo.com/v3/contacts/**", "contacts: create, update, import, add to list", "https://api.brevo.com/v3/contacts"),
  marketing("Brevo", "https://api.sendinblue.com/v3/contacts/**", "contacts (Sendinblue host)", "https://api.sendinblue.com/v3/contacts"),
  marketing("Loops", "https://app.loops.so/api/v1/contacts/**", "contacts: create, update", "https://app.loops.so/api/v1/contacts/create"),
  marketing("Loops", "https://app.loops.so/api/v1/events/send", "events that trigger loops (marketing automations)", "https://app.loops.so/api/v1/events/send"),
  marketing("Iterable", "https://api.iterable.com/api/users/**", "user profiles: update, bulkUpdate, updateEmail", "https://api.iterable.com/api/users/update"),
  marketing("Iterable", "https://api.iterable.com/api/events/**", "custom events", "https://api.iterable.com/api/events/track"),
  marketing("Iterable", "https://api.iterable.com/api/lists/subscribe", "list subscriptions", "https://api.iterable.com/api/lists/subscribe"),
  marketing("Iterable", "https://api.iterable.com/api/commerce/**", "purchases and carts", "https://api.iterable.com/api/commerce/trackPurchase"),
  marketing("Iterable", "https://api.eu.iterable.com/api/**", "EU data center (users, events, lists, commerce)", "https://api.eu.iterable.com/api/users/update"),
  marketing("Intercom", "https://api.intercom.io/contacts/**", "contacts: create, update", "https://api.intercom.io/contacts"),
  marketing("Intercom", "https://api.intercom.io/events", "data events for a contact", "https://api.intercom.io/events"),
  marketing("Attio", "https://api.attio.com/v2/objects/people/records/**", "CRM people records: create, assert (upsert), update", "https://api.attio.com/v2/objects/people/records"),
  marketing("Salesforce", "https://*.salesforce.com/services/data/*/sobjects/Contact/**", "CRM Contact records: create, update, upsert", "https://acme.my.salesforce.com/services/data/v61.0/sobjects/Contact"),
  marketing("Salesforce", "https://*.salesforce.com/services/data/*/sobjects/Lead/**", "CRM Lead records: create, update, upsert", "https://acme.my.salesforce.com/services/data/v61.0/sobjects/Lead"),
];
