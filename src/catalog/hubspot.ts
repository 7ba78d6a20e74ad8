/**
 * HubSpot contacts, `@hubspot/api-client` (types: lib/src/discovery/crm/contacts/ContactsDiscovery.d.ts and
 * lib/codegen/crm/contacts/types/PromiseAPI.d.ts, v13). `new Client({ accessToken })` -> "Client()"; contact
 * properties (email, phone, mobilephone) go in `properties`. `basicApi.update(contactId, input, idProperty)` may
 * address the contact by email (`idProperty: "email"`), so the id is listed too. Each method has a
 * `…WithHttpInfo` twin doing the same request.
 * Not catalogued: `marketing.transactional.sendEmail` (transactional single-send).
 *
 * The HubSpot tracking code (the page snippet `js.hs-scripts.com/<portal>.js`) defines the global command queue
 * `_hsq` (`var _hsq = window._hsq = window._hsq || []`): `_hsq.push(["identify", { email, id }])` ties the visitor
 * to a HubSpot contact by email, `["trackCustomBehavioralEvent", { name, properties }]` and `["trackEvent", …]`
 * record events on that contact (developers.hubspot.com/docs/api/events/tracking-code). Every command goes to
 * the same marketing CRM, so every argument is a sink, like `dataLayer.push`.
 */
import { GLOBAL, type CatalogEntry } from "./types.js";

const METHODS: ReadonlyArray<[string, number[], string]> = [
  ["basicApi.create", [0], "creates a marketing contact with its properties (email, phone)"],
  ["basicApi.update", [0, 1], "updates a contact's properties, addressed by id or email"],
  ["batchApi.create", [0], "creates a batch of contacts with their properties"],
  ["batchApi.update", [0], "updates a batch of contacts' properties"],
  ["batchApi.upsert", [0], "creates or updates a batch of contacts keyed by idProperty (e.g. email)"],
];

export const HUBSPOT: readonly CatalogEntry[] = [
  ...METHODS.flatMap(([method, args, description]) =>
    ["", "WithHttpInfo"].map((suffix): CatalogEntry => ({
      vendor: "HubSpot",
      module: "@hubspot/api-client",
      path: `Client().crm.contacts.${method}${suffix}`,
      purpose: "marketing",
      arguments: args,
      description,
    })),
  ),
  {
    vendor: "HubSpot tracking code",
    module: GLOBAL,
    path: "_hsq.push",
    purpose: "marketing",
    description: "identify (ties the visitor to a contact by email), trackCustomBehavioralEvent, trackEvent: commands go to the HubSpot CRM",
    keys: ["email", "id"],
  },
];
