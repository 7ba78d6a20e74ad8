// Cross-file material for the leak rule's tests: a source type, a helper that reads it, and sinks declared here
// but called from file.ts (and one called here with a parameter, so its finding lands in this file).
import type { SecurityContact } from "./brand.js";

export interface Account {
  id: string;
  email: string;
  twoFactorPhone: SecurityContact<string>;
}

/** Reads the source in this file; the value leaves through the return. */
export function securityPhoneOf(account: Account): string {
  return account.twoFactorPhone;
}

/** @sink advertising */
export function addToTailoredAudience(audienceId: string, identifier: string): void {
  void audienceId;
  void identifier;
}

/** Not a sink itself: it calls one, so a leak through it is reported here, at the sink argument. */
export function uploadToAudience(identifier: string): void {
  addToTailoredAudience("lookalike", identifier);
}
