import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/account/accounts';
import { unlinkIdentity } from '@/lib/account/linked-identities';
import { removePasskey } from '@/lib/account/passkeys';
import { createSession, resolveSession, type ResolvedSession } from '@/lib/auth/sessions';
import { signUpSchema } from '@/lib/validation/account';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';

/*
 * "The last way in" is one rule (lib/account/ways-in.ts) for both removals: a password, a passkey or a
 * linked provider keeps the account reachable. Before, unlinking a provider ignored passkeys.
 */

const db = databaseConnection();
const noAddress = { ip: '' };

/** An account without a password (as a provider sign-up makes it), with one linked provider, signed in. */
async function providerOnlyAccount(): Promise<ResolvedSession> {
  const created = await createAccount(signUpSchema.parse(newUserInput()), noAddress);
  if (!created.ok) throw new Error(created.message);
  const userId = created.value.id;
  await db().query("UPDATE users SET password_hash = '!no-password' WHERE id = ?", [userId]);
  await db().query('INSERT INTO linked_identities (provider, subject, user_id) VALUES (?, ?, ?)', [
    'testid',
    randomBytes(8).toString('hex'),
    userId,
  ]);
  const session = await createSession(userId);
  return (await resolveSession(session.code))!;
}

async function addPasskeyRow(userId: number): Promise<number> {
  const [result] = await db().query<mysql.ResultSetHeader>(
    'INSERT INTO passkeys (user_id, credential_id, public_key, name) VALUES (?, ?, ?, ?)',
    [userId, randomBytes(16).toString('base64url'), randomBytes(77).toString('base64url'), 'Key'],
  );
  return result.insertId;
}

describe('the last way in', () => {
  it('unlinking the only provider of a password-less account is refused, and allowed once a passkey remains', async () => {
    const session = await providerOnlyAccount();
    const refused = await unlinkIdentity(session, 'testid', noAddress);
    expect(refused.ok).toBe(false);
    await addPasskeyRow(session.user.id);
    expect((await unlinkIdentity(session, 'testid', noAddress)).ok).toBe(true);
  });

  it('removing the only passkey is allowed while a provider remains, refused once it is the last way in', async () => {
    const session = await providerOnlyAccount();
    const first = await addPasskeyRow(session.user.id);
    const second = await addPasskeyRow(session.user.id);
    expect((await removePasskey(session, first, noAddress)).ok).toBe(true);
    expect((await unlinkIdentity(session, 'testid', noAddress)).ok).toBe(true);
    const last = await removePasskey(session, second, noAddress);
    expect(last.ok).toBe(false);
    expect(last.ok ? '' : last.message).toContain('only way you can sign in');
  });
});
