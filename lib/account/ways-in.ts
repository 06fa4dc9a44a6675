import 'server-only';
import { count, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { linkedIdentities, passkeys, users } from '@/db/schema';
import { hasPassword } from '../auth/passwords';

/*
 * The one rule for "the last way in": an account keeps at least one of its password, a passkey or a linked
 * sign-in provider. Removing a passkey (passkeys.ts) and unlinking a provider (linked-identities.ts) both ask
 * here, inside their transaction.
 */

export type WaysIn = { password: boolean; passkeys: number; providers: number };

/**
 * The account's ways in, with its user row locked (FOR UPDATE) until the caller's transaction ends, so two
 * removals at once cannot each see the other's as the one that remains. Null when there is no such user.
 */
export async function lockWaysIn(tx: Executor, userId: number): Promise<WaysIn | null> {
  const [user] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!user) return null;
  const [keys] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  const [linked] = await tx.select({ n: count() }).from(linkedIdentities).where(eq(linkedIdentities.userId, userId));
  const password = hasPassword(user.passwordHash);
  return { password, passkeys: Number(keys?.n ?? 0), providers: Number(linked?.n ?? 0) };
}

/** Whether removing one passkey or one provider would leave the account with no way in. */
export function isLastWayIn(ways: WaysIn, removing: 'passkey' | 'provider'): boolean {
  const passkeysLeft = ways.passkeys - (removing === 'passkey' ? 1 : 0);
  const providersLeft = ways.providers - (removing === 'provider' ? 1 : 0);
  return !ways.password && passkeysLeft <= 0 && providersLeft <= 0;
}
