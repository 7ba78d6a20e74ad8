/**
 * Klaviyo, `klaviyo-api` (types: dist/api/{profilesApi,eventsApi,listsApi}.d.ts, v23). Each API class is built
 * from a session: `new ProfilesApi(new ApiKeySession(key))` -> "ProfilesApi()". Bodies are JSON:API documents
 * (`{ data: { type: "profile", attributes: { email, phoneNumber, … } } }`). Deprecated aliases that the classes
 * still expose (createProfileImport, subscribeProfiles, …) are listed with the methods they alias.
 * Not catalogued: `ListsApi.addProfilesToList(listId, { data: [{ type: "profile", id }] })` takes only Klaviyo
 * profile ids — the contact reached Klaviyo earlier, through a profile call that is catalogued.
 */
import type { CatalogEntry } from "./types.js";

const entry = (path: string, args: number[], description: string): CatalogEntry => ({
  vendor: "Klaviyo",
  module: "klaviyo-api",
  path,
  purpose: "marketing",
  arguments: args,
  description,
});

export const KLAVIYO: readonly CatalogEntry[] = [
  entry("ProfilesApi().createProfile", [0], "creates a profile (email, phoneNumber, externalId, properties)"),
  entry("ProfilesApi().createOrUpdateProfile", [0], "creates or updates a profile keyed by email or phone"),
  entry("ProfilesApi().createProfileImport", [0], "deprecated alias of createOrUpdateProfile"),
  entry("ProfilesApi().updateProfile", [1], "updates a profile's attributes"),
  entry("ProfilesApi().bulkImportProfiles", [0], "bulk-imports profiles, optionally into a list"),
  entry("ProfilesApi().spawnBulkProfileImportJob", [0], "deprecated alias of bulkImportProfiles"),
  entry("ProfilesApi().createProfileBulkImportJob", [0], "deprecated alias of bulkImportProfiles"),
  entry("ProfilesApi().bulkSubscribeProfiles", [0], "subscribes emails and phone numbers to email/SMS marketing"),
  entry("ProfilesApi().subscribeProfiles", [0], "deprecated alias of bulkSubscribeProfiles"),
  entry("ProfilesApi().createProfileSubscriptionBulkCreateJob", [0], "deprecated alias of bulkSubscribeProfiles"),
  entry("EventsApi().createEvent", [0], "records an event on a profile identified by email, phone or id"),
  entry("EventsApi().bulkCreateEvents", [0], "records a batch of events with their profiles"),
  entry("EventsApi().createEventBulkCreateJob", [0], "deprecated alias of bulkCreateEvents"),
];
