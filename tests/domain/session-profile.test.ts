import { createHash } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/account/accounts';
import { updateContactDetails, updateSocialLinks } from '@/lib/account/profiles';
import { resolveSessionWithProfile } from '@/lib/account/session-profile';
import { createSession, endSession, resolveSession } from '@/lib/auth/sessions';
import { signUpSchema } from '@/lib/validation/account';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';
import { jpeg } from '../support/images';

const db = databaseConnection();

async function account() {
  const created = await createAccount(signUpSchema.parse(newUserInput({ firstName: 'Grace', lastName: 'Hopper' })), {
    ip: '',
  });
  if (!created.ok) throw new Error(created.code);
  return created.value;
}

describe('resolveSessionWithProfile (the hot path: one query)', () => {
  it('returns the session, its user and the profile: inline bytes for the API, a hashed URL for pages', async () => {
    const user = await account();
    const bytes = jpeg();
    const session = await createSession(user.id);
    const resolved = (await resolveSession(session.code))!;
    await updateContactDetails(resolved, { occupation: 'Admiral', image: { bytes, type: 'image/jpeg' } });
    await updateSocialLinks(resolved, { gitHub: 'https://github.com/grace' });

    const api = await resolveSessionWithProfile(session.code, 'bytes');
    expect(api?.user.id).toBe(user.id);
    expect(api?.profile).toMatchObject({
      FullName: 'Grace Hopper',
      Occupation: 'Admiral',
      GitHub: 'https://github.com/grace',
      ImageType: 'image/jpeg',
    });
    // The image is stored re-encoded (lib/account/image-processing.ts): what comes back is what the database holds.
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT image FROM profile_cards WHERE user_id = ?', [
      user.id,
    ]);
    const stored = rows[0]!.image as Buffer;
    expect(stored.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(api?.image?.bytes).toEqual(stored);
    expect(api?.profile.Image).toBe(stored.toString('base64'));

    const page = await resolveSessionWithProfile(session.code, 'hash');
    expect(page?.image?.bytes).toBeNull();
    // The hash (URL and ETag) is of the re-encoded bytes, not of the upload.
    expect(page?.image?.hash).toBe(createHash('sha256').update(stored).digest('hex').slice(0, 32));
    expect(page?.image?.hash).not.toBe(createHash('sha256').update(bytes).digest('hex').slice(0, 32));
    expect(page?.profile).not.toHaveProperty('Image');
    expect(page?.profile.imageUrl).toBe(`/api/profileImage/${user.id}?v=${page?.image?.hash}`);
  });

  it('caches nothing: a revoked or expired session is refused at the very next call', async () => {
    const user = await account();
    const session = await createSession(user.id);
    const resolved = await resolveSessionWithProfile(session.code, 'hash');
    expect(resolved).not.toBeNull();
    await endSession(resolved!);
    expect(await resolveSessionWithProfile(session.code, 'hash')).toBeNull();
    expect(await resolveSessionWithProfile(session.code, 'bytes')).toBeNull();

    const expiring = await createSession(user.id);
    expect(await resolveSessionWithProfile(expiring.code, 'bytes')).not.toBeNull();
    await db().query('UPDATE sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = ?', [expiring.sessionId]);
    expect(await resolveSessionWithProfile(expiring.code, 'bytes')).toBeNull();
  });
});
