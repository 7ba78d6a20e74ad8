/**
 * purpose-lint's public brand. Application code imports only this module, so it has no dependencies and loads
 * no analyzer code. Its whole content is runtime/security-contact.ts, which a team may copy into its own code
 * instead (purpose-lint recognises the copy by name), so that purpose-lint stays a devDependency.
 */
export { declassify, type SecurityContact } from "../runtime/security-contact.js";
