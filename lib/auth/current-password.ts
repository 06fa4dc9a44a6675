import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { fail, type Failure } from '../platform/result';
import { deviceIdFor } from './device-token';
import { clearLoginFailures, takeLoginAttempt, throttleKey } from './login-throttle';
import { verifyPassword } from './passwords';

const INCORRECT = fail('incorrect_password', {
  fields: { currentPassword: 'Your current password is not correct.' },
});

/** The signed-in user's current password, checked before a change that needs it; null when it is right. */
export async function checkCurrentPassword(
  userId: number,
  password: string,
): Promise<Failure<'incorrect_password'> | null> {
  const [row] = await db()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (row && (await verifyPassword(password, row.passwordHash))) return null;
  return INCORRECT;
}

/**
 * The same check for a request that stands in for a fresh sign-in (e.g. the data export's X-Current-Password):
 * counted on the login back-off of this account (or of this client's device token), so a stolen session
 * cannot be used to guess the password faster than the log-in form allows.
 */
export async function proveCurrentPassword(
  userId: number,
  password: string,
  deviceToken: string | null | undefined,
): Promise<Failure<'incorrect_password' | 'rate_limited'> | null> {
  const [row] = await db()
    .select({ passwordHash: users.passwordHash, credentialGeneration: users.credentialGeneration })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return INCORRECT;
  const key = throttleKey({ userId, deviceId: await deviceIdFor(deviceToken, { id: userId, ...row }) });
  const attempt = await takeLoginAttempt(key);
  if (!attempt.allowed) return fail('rate_limited', { retryAfterSeconds: attempt.retryAfterSeconds });
  if (!(await verifyPassword(password, row.passwordHash))) return INCORRECT;
  await clearLoginFailures(key);
  return null;
}
