/**
 * Facebook (Meta) Business SDK, `facebook-nodejs-business-sdk` (untyped Flow JS: src/objects/custom-audience.js,
 * src/objects/serverside/{user-data,server-event,event-request}.js). Its examples take the classes off the
 * default export (`const { CustomAudience } = bizSdk`), which is the same path as a named import.
 *
 * Custom audiences: `new CustomAudience(id).createUser(fields, { payload: { schema, data } })` uploads hashed
 * emails and phones for ad matching. Conversions API: identifiers enter through the `UserData` constructor
 * (email, phone, … positionally) or its fluent setters; the user data then travels in a `ServerEvent` and an
 * `EventRequest`. Each of those steps is listed, so a flow is reported where it enters the builder and where the
 * builder is handed on. A constructor's entry path is the class itself ("UserData"): the callee of `new`.
 */
import type { CatalogEntry } from "./types.js";

const MODULE = "facebook-nodejs-business-sdk";

export const FACEBOOK: readonly CatalogEntry[] = [
  {
    vendor: "Facebook",
    module: MODULE,
    path: "CustomAudience().createUser",
    purpose: "advertising",
    arguments: [1],
    description: "adds users (hashed emails, phones) to a custom audience for ad targeting",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "CustomAudience().createUsersReplace",
    purpose: "advertising",
    arguments: [1],
    description: "replaces a custom audience's users with an uploaded list of hashed identifiers",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "UserData",
    purpose: "advertising",
    description: "Conversions API user data built positionally (email, phone, names, …) for ad matching",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "UserData().*",
    fluent: true,
    purpose: "advertising",
    description: "Conversions API user-data setters (setEmail, setEmails, setPhone, setPhones, setExternalId, …)",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "ServerEvent",
    purpose: "advertising",
    arguments: [3],
    description: "Conversions API server event constructed with its user data",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "ServerEvent().setUserData",
    fluent: true,
    purpose: "advertising",
    arguments: [0],
    description: "attaches user data to a Conversions API server event",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "EventRequest",
    purpose: "advertising",
    arguments: [2],
    description: "Conversions API request constructed with its server events",
  },
  {
    vendor: "Facebook",
    module: MODULE,
    path: "EventRequest().setEvents",
    fluent: true,
    purpose: "advertising",
    arguments: [0],
    description: "sets the server events a Conversions API request sends to Meta",
  },
];
