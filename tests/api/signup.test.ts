import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { api, expectContractError, newUserInput, uniqueName } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();

describe.each(['/api/creare-cont', '/api/intra-in-cont'])('POST %s', (path) => {
  it('creates the user with one empty profile card and one empty links row', async () => {
    const input = newUserInput({ email: `${uniqueName('Mixed')}@Example.TEST` });
    const response = await api(path, { json: input });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      message: expect.any(String),
      username: input.username,
      email: input.email.toLowerCase(),
    });
    const [users] = await db().query<mysql.RowDataPacket[]>(
      'SELECT id, email, password_hash FROM users WHERE username = ?',
      [input.username],
    );
    expect(users).toHaveLength(1);
    expect(users[0]!.email).toBe(input.email.toLowerCase());
    expect(users[0]!.password_hash).not.toContain(input.password);
    for (const table of ['profile_cards', 'social_links']) {
      const [rows] = await db().query<mysql.RowDataPacket[]>(`SELECT * FROM ${table} WHERE user_id = ?`, [
        users[0]!.id,
      ]);
      expect(rows).toHaveLength(1);
    }
  });
});

describe('sign-up rules', () => {
  it('refuses a taken email (any case) and a taken username (any case) with 409', async () => {
    const first = newUserInput();
    expect((await api('/api/creare-cont', { json: first })).status).toBe(201);
    const sameEmail = await api('/api/creare-cont', { json: newUserInput({ email: first.email.toUpperCase() }) });
    expectContractError(sameEmail, 409, 'email_taken');
    const sameName = await api('/api/creare-cont', { json: newUserInput({ username: first.username.toUpperCase() }) });
    expectContractError(sameName, 409, 'username_taken');
  });

  it('names every bad field at once', async () => {
    const response = await api<{ fields: Record<string, string> }>('/api/creare-cont', {
      json: {
        email: 'not-an-email',
        password: 'short',
        firstName: '',
        lastName: 'x'.repeat(65),
        username: '-bad name',
      },
    });
    expectContractError(response, 400, 'validation_failed');
    expect(Object.keys(response.body.fields).sort()).toEqual([
      'email',
      'firstName',
      'lastName',
      'password',
      'username',
    ]);
  });

  it.each([
    ['too short', 'Ab1!xyz'],
    ['too long', 'x'.repeat(129)],
    ['a well-known common password', 'password123'],
    ['a well-known common password in another case', 'Qwertyuiop'],
  ])('refuses a password that is %s', async (_label, password) => {
    const response = await api<{ fields: Record<string, string> }>('/api/creare-cont', {
      json: newUserInput({ password }),
    });
    expectContractError(response, 400, 'validation_failed');
    expect(response.body.fields).toHaveProperty('password');
  });

  it('refuses a password equal to the username or the email', async () => {
    const input = newUserInput({ username: `${uniqueName()}abc` });
    for (const password of [input.username, input.email.toUpperCase()]) {
      const response = await api<{ fields: Record<string, string> }>('/api/creare-cont', {
        json: { ...input, password },
      });
      expectContractError(response, 400, 'validation_failed');
      expect(response.body.fields.password).toMatch(/username or email/);
    }
  });

  it('ignores unknown keys: no mass assignment of ids, hashes or flags', async () => {
    const input = newUserInput();
    const response = await api('/api/creare-cont', {
      json: {
        ...input,
        id: 1,
        passwordHash: 'x',
        password_hash: 'x',
        email_verified: true,
        emailVerified: 1,
        isAdmin: true,
        userId: 1,
        createdAt: '2000-01-01',
      },
    });
    expect(response.status).toBe(201);
    const [rows] = await db().query<mysql.RowDataPacket[]>('SELECT id, password_hash FROM users WHERE username = ?', [
      input.username,
    ]);
    expect(rows[0]!.id).not.toBe(1);
    expect(rows[0]!.password_hash).toMatch(/^bcrypt-hmac-sha256\$\$2b\$/);
    const [columns] = await db().query<mysql.RowDataPacket[]>('SELECT created_at FROM users WHERE username = ?', [
      input.username,
    ]);
    expect(new Date(columns[0]!.created_at).getUTCFullYear()).toBeGreaterThan(2000);
    // The password sent (not the hash offered) is the one that works.
    expect((await api('/api/login', { json: { email: input.email, password: input.password } })).status).toBe(200);
  });

  it('answers 415 to a body that is not JSON, and 400 invalid_json to one that is not an object', async () => {
    expectContractError(
      await api('/api/creare-cont', {
        body: 'email=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    expectContractError(await api('/api/creare-cont', { body: '{}' }), 415, 'unsupported_media_type');
    for (const body of ['{"email":', '[]', 'null', '"text"', '42', '']) {
      expectContractError(
        await api('/api/creare-cont', { body, headers: { 'content-type': 'application/json' } }),
        400,
        'invalid_json',
      );
    }
  });

  it('answers 413 to a body over 4 MiB', async () => {
    const big = JSON.stringify({ ...newUserInput(), padding: 'x'.repeat(5 * 1024 * 1024) });
    expectContractError(
      await api('/api/creare-cont', { body: big, headers: { 'content-type': 'application/json' } }),
      413,
      'payload_too_large',
    );
  });

  it('GET /api/checkUsername and /api/checkEmail tell whether a name is free, ignoring case', async () => {
    const input = newUserInput();
    await api('/api/creare-cont', { json: input });
    expect((await api(`/api/checkUsername?username=${input.username.toUpperCase()}`)).body).toEqual({
      available: false,
    });
    expect((await api(`/api/checkUsername?username=${uniqueName()}`)).body).toEqual({ available: true });
    expect((await api(`/api/checkEmail?email=${encodeURIComponent(input.email.toUpperCase())}`)).body).toEqual({
      available: false,
    });
    expect((await api(`/api/checkEmail?email=${encodeURIComponent(`${uniqueName()}@example.test`)}`)).body).toEqual({
      available: true,
    });
    expectContractError(await api('/api/checkUsername?username=a'), 400, 'validation_failed');
    expectContractError(await api('/api/checkEmail'), 400, 'validation_failed');
  });
});
