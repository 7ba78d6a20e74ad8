/**
 * SendGrid marketing contacts, `@sendgrid/client` (types: src/client.d.ts, v8). The module exports a ready
 * client (`import client from "@sendgrid/client"; client.request({ method, url, body })`) and the `Client` class.
 * `request` reaches every SendGrid endpoint, so it is a sink only for the Marketing Campaigns endpoints:
 * `/v3/marketing/…` (contacts, lists, singlesends) and the legacy contact database `/v3/contactdb/…`.
 * Not catalogued: `@sendgrid/mail` `send` and `/v3/mail/send` (transactional email).
 */
import type { CatalogEntry } from "./types.js";

export const SENDGRID: readonly CatalogEntry[] = ["request", "Client().request"].map((path) => ({
  vendor: "SendGrid",
  module: "@sendgrid/client",
  path,
  purpose: "marketing",
  arguments: [0],
  when: { argument: 0, property: "url", pattern: "^/?v3/(marketing|contactdb)/", example: "/v3/marketing/contacts" },
  description: "writes marketing contacts or lists (PUT /v3/marketing/contacts and the like)",
}));
