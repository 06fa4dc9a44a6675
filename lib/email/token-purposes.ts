import type { TokenPurpose } from '@/db/schema';
import { duration } from '../platform/dates';

/*
 * Every kind of mailed link token, in one table: how long it lives and how it dies. Read by the tokens module
 * (issuing, password reset), by the deletion flow (the mailed undo) and by the mail texts that state a lifetime.
 * A purpose added to TokenPurpose (db/schema.ts) without a row here does not type-check.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TokenPurposeRule = {
  /** How long a link lives once issued. */
  lifetimeMs: number;
  /**
   * Only the newest link of this purpose works: issuing one kills the account's older ones. These are also the
   * links a password reset kills (a reset proves the address, so an older link to it is of no more use).
   */
  newestOnly: boolean;
  /**
   * The link mailed with a scheduled deletion lives until the deletion date instead of lifetimeMs (which is then
   * the life of the one offered at sign-in, once the password is proven).
   */
  mailedLivesUntilDeletion: boolean;
};

export const TOKEN_PURPOSES: Record<TokenPurpose, TokenPurposeRule> = {
  verify_email: { lifetimeMs: DAY, newestOnly: true, mailedLivesUntilDeletion: false },
  reset_password: { lifetimeMs: 30 * MINUTE, newestOnly: true, mailedLivesUntilDeletion: false },
  // Every revert link lives (each is the way back of one earlier address; only its own use or expiry ends it).
  revert_email: { lifetimeMs: 7 * DAY, newestOnly: false, mailedLivesUntilDeletion: false },
  change_email: { lifetimeMs: DAY, newestOnly: true, mailedLivesUntilDeletion: false },
  cancel_email_change: { lifetimeMs: DAY, newestOnly: true, mailedLivesUntilDeletion: false },
  // The mailed undo and the one offered at sign-in both work, so neither kills the other.
  cancel_deletion: { lifetimeMs: 15 * MINUTE, newestOnly: false, mailedLivesUntilDeletion: true },
};

/** The purposes whose newest link is the only live one: what issuing replaces and a password reset kills. */
export const ADDRESS_LINKS = (Object.keys(TOKEN_PURPOSES) as TokenPurpose[]).filter(
  (purpose) => TOKEN_PURPOSES[purpose].newestOnly,
);

/** A purpose's lifetime as the mail and the pages say it: "30 minutes", "24 hours", "7 days". */
export function tokenLifetimeText(purpose: TokenPurpose): string {
  return duration(TOKEN_PURPOSES[purpose].lifetimeMs);
}
