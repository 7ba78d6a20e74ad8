/**
 * Mailchimp Marketing, `@mailchimp/mailchimp_marketing` (untyped JS: src/index.js exports `ApiClient.instance`;
 * shapes as in @types/mailchimp__mailchimp_marketing). The module itself is the configured client, so a default
 * or namespace import is the path root: `mailchimp.lists.addListMember(…)` -> "lists.addListMember".
 * `subscriberHash` is the MD5 of the lower-cased email address — an identifier: hashing does not sanitise.
 * The transactional product (`@mailchimp/mailchimp_transactional`, Mandrill) is not catalogued.
 */
import type { CatalogEntry } from "./types.js";

const entry = (method: string, args: number[], description: string): CatalogEntry => ({
  vendor: "Mailchimp",
  module: "@mailchimp/mailchimp_marketing",
  path: `lists.${method}`,
  purpose: "marketing",
  arguments: args,
  description,
});

export const MAILCHIMP: readonly CatalogEntry[] = [
  entry("addListMember", [1], "adds a member (email_address, merge_fields such as PHONE) to an audience"),
  entry("setListMember", [1, 2], "adds or updates an audience member by subscriber hash"),
  entry("updateListMember", [1, 2], "updates an audience member's email_address and merge fields"),
  entry("batchListMembers", [1], "bulk-subscribes or updates members of an audience"),
  entry("createSegmentMember", [2], "adds a member, by email_address, to a segment or tag"),
  entry("batchSegmentMembers", [0], "bulk-adds or removes segment members by email address"),
  entry("updateListMemberTags", [1, 2], "tags (body) the audience member identified by the subscriber hash"),
  entry("createListMemberEvent", [1, 2], "records a marketing event on the audience member"),
];
