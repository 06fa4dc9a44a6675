import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { fail, type Failure } from '../platform/result';
import { recordEventLater, type EventClient } from '../security/events';
import { deviceIdFor } from './device-token';
import { clearLoginFailures, takeLoginAttempt, throttleKey } from './login-throttle';
import { verifyPassword } from './passwords';

/** Who asks: the client's address and agent (for the activity log) and its device token, if it has one. */
export type CurrentPasswordClient = EventClient & { deviceToken?: string | null };

/**
 * The signed-in user's current password, checked before a change that needs it (password, email, deletion,
 * two-step settings) or a request that stands in for a fresh sign-in (the data export): through the account's
 * login back-off, with the same count, pause and known-device allowance as a login, so a stolen session guesses
 * it no faster than the log-in form allows. A wrong one is a security event. Null when it is right.
 */
export async function checkCurrentPassword(
  userId: number,
  password: string,
  client: CurrentPasswordClient = {},
): Promise<Failure<'incorrect_password' | 'rate_limited'> | null> {
  const [row] = await db()
    .select({ passwordHash: users.passwordHash, credentialGeneration: users.credentialGeneration })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const deviceId = row ? await deviceIdFor(client.deviceToken, { id: userId, ...row }) : null;
  const key = throttleKey({ userId, deviceId });
  const attempt = await takeLoginAttempt(key);
  if (!attempt.allowed) return fail('rate_limited', { retryAfterSeconds: attempt.retryAfterSeconds });
  if (row && (await verifyPassword(password, row.passwordHash))) {
    await clearLoginFailures(key);
    return null;
  }
  recordEventLater(userId, 'current_password_failure', client);
  return fail('incorrect_password', { fields: { currentPassword: 'Your current password is not correct.' } });
}

/**
 * Whether this is the user's current password, with no count taken: for a caller that counts the attempt
 * itself, together with what must come with it (the password and a code in lib/account/step-up.ts: one attempt
 * for the pair, cleared only when both are right).
 */
export async function currentPasswordMatches(userId: number, password: string): Promise<boolean> {
  const [row] = await db()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return !!row && (await verifyPassword(password, row.passwordHash));
}
