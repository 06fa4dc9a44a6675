import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { databaseConnection } from './support/db';

const db = databaseConnection();

describe('migrated schema', () => {
  it('has every table of db/schema.ts, all InnoDB', async () => {
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT table_name AS name, engine FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
    );
    const names = rows.map((row) => row.name);
    expect(names).toEqual(
      expect.arrayContaining([
        ...['users', 'sessions', 'profile_cards', 'social_links', 'rate_limits'],
        ...['legacy_users', 'email_tokens', 'outbox', 'public_cards', 'login_throttles', 'security_events'],
      ]),
    );
    for (const row of rows.filter((r) => !String(r.name).startsWith('__'))) expect(row.engine).toBe('InnoDB');
  });

  it('stores every text column as utf8mb4 (or ascii for codes and hashes), never utf8mb3 or latin1', async () => {
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      "SELECT table_name AS t, column_name AS c, character_set_name AS cs FROM information_schema.columns WHERE table_schema = DATABASE() AND character_set_name IS NOT NULL AND table_name NOT LIKE '\\_\\_%'",
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(['utf8mb4', 'ascii'], `${row.t}.${row.c}`).toContain(row.cs);
  });

  it('cascades deletes from users to every table that references them', async () => {
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      "SELECT table_name AS t, delete_rule AS rule FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND referenced_table_name = 'users'",
    );
    const rules = Object.fromEntries(rows.map((row) => [row.t, row.rule]));
    // legacy_users keeps its row (user_id NULL) so a re-run of the Flask import does not bring a deleted user back.
    expect(rules).toEqual({
      email_tokens: 'CASCADE',
      profile_cards: 'CASCADE',
      sessions: 'CASCADE',
      social_links: 'CASCADE',
      public_cards: 'CASCADE',
      security_events: 'CASCADE',
      linked_identities: 'CASCADE',
      legacy_users: 'SET NULL',
      totp_credentials: 'CASCADE',
      recovery_codes: 'CASCADE',
      mfa_challenges: 'CASCADE',
      passkeys: 'CASCADE',
      passkey_challenges: 'CASCADE',
    });
  });

  it('indexes every lookup: username, email, code hash, sessions by user', async () => {
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      'SELECT table_name AS t, index_name AS i, column_name AS c, non_unique AS nu, seq_in_index AS s FROM information_schema.statistics WHERE table_schema = DATABASE()',
    );
    const first = (table: string, column: string) =>
      rows.find((row) => row.t === table && row.c === column && Number(row.s) === 1);
    expect(Number(first('users', 'username')?.nu)).toBe(0);
    expect(Number(first('users', 'email')?.nu)).toBe(0);
    expect(Number(first('sessions', 'code_hash')?.nu)).toBe(0);
    expect(first('sessions', 'user_id')).toBeTruthy();
    expect(first('sessions', 'expires_at')).toBeTruthy();
    expect(Number(first('email_tokens', 'token_hash')?.nu)).toBe(0);
    expect(first('email_tokens', 'user_id')).toBeTruthy();
    expect(first('outbox', 'sent_at')).toBeTruthy();
  });

  it('keeps the outbox free of a foreign key to users, so an "account deleted" notice outlives its account', async () => {
    const [rows] = await db().query<mysql.RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND table_name = 'outbox'",
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('runs the app in strict SQL mode, so an over-long value is an error, not a silent cut', async () => {
    const { pool } = await import('@/db/client');
    const [rows] = await pool().query<mysql.RowDataPacket[]>('SELECT @@SESSION.sql_mode AS mode');
    expect(String(rows[0]!.mode)).toContain('STRICT_TRANS_TABLES');
  });
});
