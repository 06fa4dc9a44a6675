/**
 * Login-throttle keys of names no account has follow the database's comparison (usernames: utf8mb4_unicode_ci),
 * so a name behaves alike whether or not an account has it: the attack was to pile failures on `zed` and try
 * `zéd`; a pause told that an account `zed` existed (the lookup found it under the collation), no pause that
 * none did (the raw lower-cased text was another key).
 */
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { unknownNameKey } from '@/lib/auth/login-throttle';
import { api, signedUpUser, uniqueName } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();

/** Wrong passwords for `name` until the account's pause starts (the 5th consecutive failure). */
async function fiveFailures(name: string) {
  for (let i = 0; i < 5; i++) {
    expect((await api('/api/login', { json: { username: name, password: 'wrong wrong wrong' } })).status).toBe(401);
  }
}

const accented = (name: string) => name.replace('e', 'É').replace('a', 'á');

describe('login-throttle keys of unknown names', () => {
  it('an existing username and an unknown one behave alike under accents and case', async () => {
    const user = await signedUpUser({ username: uniqueName('ea') });
    await fiveFailures(user.username);
    const known = await api('/api/login', { json: { username: accented(user.username), password: 'wrong wrong' } });

    const unknown = uniqueName('ea');
    await fiveFailures(unknown);
    const none = await api('/api/login', { json: { username: accented(unknown), password: 'wrong wrong' } });

    expect(known.status).toBe(429);
    expect(none.status).toBe(known.status);
  });

  it('two names share a key exactly when MariaDB says they are equal under utf8mb4_unicode_ci', async () => {
    const pairs = [
      ['alicé', 'alice'],
      ['ALICE', 'alice'],
      ['Ａlice', 'alice'],
      ['straße', 'strasse'],
      ['ﬁona', 'fiona'],
      ['bob ', 'bob'],
      ['x\u200by', 'xy'],
      ['æsir', 'aesir'],
      ['łukasz', 'lukasz'],
      ['zoë', 'zoe'],
      ['bob', 'rob'],
      ['a@example.test', 'A@EXAMPLE.TEST'],
      ['é@example.test', 'e@example.test'],
    ];
    for (const [a, b] of pairs) {
      const [rows] = await db().query<mysql.RowDataPacket[]>(
        'SELECT CAST(? AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci = ' +
          'CAST(? AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci AS same',
        [a, b],
      );
      // Emails are stored lower-cased and compared byte for byte (utf8mb4_bin).
      const same = a!.includes('@') ? a!.toLowerCase() === b!.toLowerCase() : Boolean(Number(rows[0]!.same));
      expect([a, b, (await unknownNameKey(a!)) === (await unknownNameKey(b!))]).toEqual([a, b, same]);
    }
  });
});
