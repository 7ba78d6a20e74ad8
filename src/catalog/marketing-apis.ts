/**
 * Marketing platforms' contact APIs, purpose marketing. Transactional sends of the same vendors are not sinks.
 * - Brevo (ex-Sendinblue): `@getbrevo/brevo` v2 (`new ContactsApi()`, types: dist/api/contactsApi.d.ts) and v3
 *   (`new BrevoClient({ apiKey }).contacts.*`), and `sib-api-v3-sdk` (`new SibApiV3Sdk.ContactsApi()`).
 *   createContact(body), updateContact(identifier, body), importContacts(body), addContactToList(listId,
 *   { emails }), updateBatchContacts(body), createDoiContact(body). Not sinks: TransactionalEmailsApi,
 *   TransactionalSMSApi (`sendTransacEmail`, `sendTransacSms`).
 * - Loops, `loops` (src/index.ts, v6): `new LoopsClient(key)`; createContact({ email, properties }),
 *   updateContact(…), sendEvent({ email, eventName, … }). Not a sink: sendTransactionalEmail.
 * - Iterable, `@iterable/web-sdk` (v2): `initialize(key, jwt)` / `initializeWithConfig(…)` return
 *   { setEmail, setUserID }; track, updateUser, updateUserEmail, trackPurchase, updateCart, updateSubscriptions
 *   are module functions.
 * - Salesforce through `jsforce` (v3): `new jsforce.Connection(…)`; `create`/`insert`/`update`/`upsert` of a
 *   `Contact` or `Lead` record (the object name is the first argument).
 */
import type { CatalogEntry } from "./types.js";

const marketing = (vendor: string, module: string, path: string, description: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  vendor,
  module,
  path,
  purpose: "marketing",
  description,
  ...extra,
});

const BREVO_METHODS: ReadonlyArray<[string, string]> = [
  ["createContact", "creates a contact with its attributes (EMAIL, SMS)"],
  ["updateContact", "updates a contact, addressed by email or id, with its attributes"],
  ["importContacts", "imports contacts into lists"],
  ["addContactToList", "adds contacts (emails) to a list"],
  ["updateBatchContacts", "updates contacts in bulk"],
  ["createDoiContact", "creates a contact through double opt-in"],
];

export const MARKETING_APIS: readonly CatalogEntry[] = [
  ...BREVO_METHODS.flatMap(([method, description]) => [
    marketing("Brevo", "@getbrevo/brevo", `ContactsApi().${method}`, description),
    marketing("Brevo", "@getbrevo/brevo", `BrevoClient().contacts.${method}`, description),
    marketing("Brevo", "sib-api-v3-sdk", `ContactsApi().${method}`, description),
  ]),
  marketing("Loops", "loops", "LoopsClient().createContact", "creates a contact with its properties and mailing lists"),
  marketing("Loops", "loops", "LoopsClient().updateContact", "updates a contact's properties and mailing lists"),
  marketing("Loops", "loops", "LoopsClient().sendEvent", "sends an event that triggers loops, with contact properties"),
  ...["initialize()", "initializeWithConfig()"].flatMap((init) => [
    marketing("Iterable", "@iterable/web-sdk", `${init}.setEmail`, "names the user by email"),
    marketing("Iterable", "@iterable/web-sdk", `${init}.setUserID`, "names the user by user id"),
  ]),
  ...["track", "updateUser", "updateUserEmail", "trackPurchase", "updateCart", "updateSubscriptions"].map((fn) =>
    marketing("Iterable", "@iterable/web-sdk", fn, `${fn}: user data and events for campaigns`),
  ),
  ...["create", "insert", "update", "upsert"].map((method) =>
    marketing("Salesforce", "jsforce", `Connection().${method}`, `${method}s Contact or Lead records (CRM)`, {
      arguments: [1],
      when: { argument: 0, pattern: "^(Contact|Lead)$", example: "Lead" },
    }),
  ),
];
