import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LIFTED_CLIENT_LIMITS } from './support/server';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('production without SMTP_URL', () => {
  it('says so at start; forgot-password page and API say email is not configured; sign-up works', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ...LIFTED_CLIENT_LIMITS };
    delete env.SMTP_URL;
    delete env.APP_URL;
    const child = spawn(process.execPath, ['server/start.ts'], {
      env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const base = `http://127.0.0.1:${port}`;
    try {
      // Up within 60 s, or the test stops here saying why (not: carry on and fail somewhere less clear).
      let health: number | undefined;
      for (let i = 0; i < 120 && health !== 200; i++) {
        health = (await fetch(`${base}/api/health`).catch(() => undefined))?.status;
        if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(health, `/api/health never answered 200:\n${output.slice(-2000)}`).toBe(200);
      expect(output).toContain('Email is not configured (SMTP_URL is not set)');
      const page = await (await fetch(`${base}/forgot-password`)).text();
      expect(page).toContain('Email is not configured on this server');
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
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 90_000);

  it('refuses to start with SMTP_URL but no APP_URL, since links must not come from a request Host', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:1',
      ...LIFTED_CLIENT_LIMITS,
    };
    delete env.APP_URL;
    const child = spawn(process.execPath, ['server/start.ts'], {
      env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
      child.on('exit', (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
    expect(code).toBe(1);
    expect(output).toContain('Profile Hub cannot start: APP_URL is not set');
  }, 60_000);
});
