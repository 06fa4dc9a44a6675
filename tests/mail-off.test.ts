import { describe, expect, it } from 'vitest';
import { runAppToExit, startApp } from '../scripts/lib/app-server';
import { LIFTED_CLIENT_LIMITS } from './support/server';

describe('production without SMTP_URL', () => {
  it('says so at start; forgot-password page and API say email is not configured; sign-up works', async () => {
    const app = await startApp({
      name: 'mail-off',
      env: { ...LIFTED_CLIENT_LIMITS, SMTP_URL: undefined, APP_URL: undefined },
    });
    const base = app.baseUrl;
    try {
      // startApp threw with the server's log if it never came up; here its database must answer too.
      const health = await fetch(`${base}/api/health`);
      expect(health.status, `/api/health: ${health.status} ${await health.text()}`).toBe(200);
      expect(app.output()).toContain('Email is not configured (SMTP_URL is not set)');
      const page = await fetch(`${base}/forgot-password`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Email is not configured on this server');
      const api = await fetch(`${base}/api/forgotPassword`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'someone@example.test' }),
      });
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({
        code: 'unavailable',
        error: expect.stringContaining('Email is not configured'),
      });
      const username = `off${Date.now().toString(36)}`;
      const signUp = await fetch(`${base}/api/creare-cont`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username,
          email: `${username}@example.test`,
          password: 'Mail is off today 1',
          firstName: 'No',
          lastName: 'Mail',
        }),
      });
      expect(signUp.status).toBe(201);
    } finally {
      await app.stop();
    }
  }, 90_000);

  it('refuses to start with SMTP_URL but no APP_URL, since links must not come from a request Host', async () => {
    const { code, output } = await runAppToExit({
      name: 'mail-off-no-app-url',
      env: { SMTP_URL: 'smtp://127.0.0.1:1', APP_URL: undefined, ...LIFTED_CLIENT_LIMITS },
    });
    expect(code).toBe(1);
    expect(output).toContain('Profile Hub cannot start: APP_URL is not set');
  }, 60_000);
});
