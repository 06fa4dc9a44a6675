import { describe, expect, it } from 'vitest';
import { api, expectContractError, login, signedUpUser } from '../support/api';

type Listed = {
  sessions: {
    id: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    userAgent: string;
    ip: string;
    current: boolean;
  }[];
};

describe('sessions API', () => {
  it('lists own sessions, this one marked current, with ids that are not codes', async () => {
    const user = await signedUpUser();
    const second = await login(user.email, user.password);
    const { status, body } = await api<Listed>('/api/sessions', {
      token: user.token,
      headers: { 'user-agent': 'contract-test' },
    });
    expect(status).toBe(200);
    expect(body.sessions).toHaveLength(2);
    expect(body.sessions.filter((s) => s.current)).toHaveLength(1);
    for (const session of body.sessions) {
      expect(Object.keys(session).sort()).toEqual([
        'createdAt',
        'current',
        'expiresAt',
        'id',
        'ip',
        'lastSeenAt',
        'userAgent',
      ]);
      expect([user.token, second]).not.toContain(session.id);
      expect(Number.isNaN(Date.parse(session.expiresAt))).toBe(false);
    }
  });

  it("records the login's User-Agent, and lists only the caller's own sessions", async () => {
    const user = await signedUpUser();
    const other = await signedUpUser();
    const login = await api<{ sessionCode: string }>('/api/login', {
      json: { email: user.email, password: user.password },
      headers: { 'user-agent': 'ContractTest/1.0 (Linux)' },
    });
    const mine = await api<Listed>('/api/sessions', { token: login.body.sessionCode });
    expect(mine.body.sessions.find((s) => s.current)!.userAgent).toBe('ContractTest/1.0 (Linux)');
    const theirs = await api<Listed>('/api/sessions', { token: other.token });
    expect(theirs.body.sessions).toHaveLength(1);
    expect(theirs.body.sessions.map((s) => s.id)).not.toContain(mine.body.sessions[0]!.id);
  });

  it('revokes one of its own sessions by id; that code dies at once', async () => {
    const user = await signedUpUser();
    const second = await login(user.email, user.password);
    const listed = await api<Listed>('/api/sessions', { token: user.token });
    const target = listed.body.sessions.find((s) => !s.current)!;
    expect((await api(`/api/sessions/${target.id}`, { method: 'DELETE', token: user.token })).status).toBe(200);
    expectContractError(await api('/api/getProfile', { token: second }), 401, 'unauthenticated');
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
    expectContractError(
      await api(`/api/sessions/${target.id}`, { method: 'DELETE', token: user.token }),
      404,
      'not_found',
    );
  });

  it('revokes the calling session too: that is logging out, and says so', async () => {
    const user = await signedUpUser();
    const [current] = (await api<Listed>('/api/sessions', { token: user.token })).body.sessions;
    const response = await api<{ current: boolean }>(`/api/sessions/${current!.id}`, {
      method: 'DELETE',
      token: user.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.current).toBe(true);
    expectContractError(await api('/api/getProfile', { token: user.token }), 401, 'unauthenticated');
  });

  it("answers 404 for someone else's session id and leaves it alive", async () => {
    const owner = await signedUpUser();
    const intruder = await signedUpUser();
    const [victim] = (await api<Listed>('/api/sessions', { token: owner.token })).body.sessions;
    expectContractError(
      await api(`/api/sessions/${victim!.id}`, { method: 'DELETE', token: intruder.token }),
      404,
      'not_found',
    );
    expect((await api('/api/getProfile', { token: owner.token })).status).toBe(200);
  });

  it('revokes every other session with DELETE /api/sessions', async () => {
    const user = await signedUpUser();
    const others = await Promise.all([login(user.email, user.password), login(user.email, user.password)]);
    const response = await api<{ revoked: number }>('/api/sessions', { method: 'DELETE', token: user.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ revoked: 2, message: 'Signed out 2 other sessions.' });
    for (const code of others)
      expectContractError(await api('/api/getProfile', { token: code }), 401, 'unauthenticated');
    expect((await api<Listed>('/api/sessions', { token: user.token })).body.sessions).toHaveLength(1);
  });
});
