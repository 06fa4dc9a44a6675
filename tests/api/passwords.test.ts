import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordHashCost, verifyPassword } from '@/lib/auth/passwords';

describe('password hashing (domain)', () => {
  it('counts every character: passwords that differ only after byte 72 are different', async () => {
    const prefix = 'é'.repeat(36); // 72 bytes of UTF-8
    expect(Buffer.byteLength(prefix)).toBe(72);
    const stored = await hashPassword(`${prefix}one`);
    expect(await verifyPassword(`${prefix}one`, stored)).toBe(true);
    expect(await verifyPassword(`${prefix}two`, stored)).toBe(false);
    expect(await verifyPassword(prefix, stored)).toBe(false);
  });

  it('stores no plaintext, salts every hash, and refuses hashes of an unknown scheme', async () => {
    const password = 'Plain text never stored 42';
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)]);
    for (const stored of [first, second]) {
      expect(stored).not.toContain(password);
      expect(stored).not.toContain('never stored');
      expect(stored).toMatch(/^bcrypt-hmac-sha256\$\$2[aby]\$\d\d\$/);
    }
    expect(first).not.toBe(second);
    expect(await verifyPassword(password, second)).toBe(true);
    // The bare bcrypt part (a legacy or planted hash without the scheme) is not accepted as is.
    expect(await verifyPassword(password, first.slice('bcrypt-hmac-sha256$'.length))).toBe(false);
    expect(await verifyPassword(password, '')).toBe(false);
  });

  it('hashes at BCRYPT_COST when set (this run: 4)', async () => {
    expect(process.env.BCRYPT_COST).toBe('4');
    expect(passwordHashCost(await hashPassword('Cost check password'))).toBe(4);
  });

  it('hashes at cost 12 when BCRYPT_COST is not set', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.BCRYPT_COST;
    const script =
      "import('./lib/auth/passwords.ts').then(async (m) => { const h = await m.hashPassword('Default cost check'); console.log('COST=' + m.passwordHashCost(h)); })";
    // react-server: the condition under which Next loads this server-only module.
    const child = spawnSync('npx', ['tsx', '--conditions=react-server', '-e', script], {
      cwd: process.cwd(),
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toMatch(/^COST=12$/m);
  });
});
