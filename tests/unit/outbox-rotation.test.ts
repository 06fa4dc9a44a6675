import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailMessage } from '@/lib/email/kinds';

/*
 * Queued mail is sealed with a key derived from JWT_SECRET. A rotation
 * (JWT_SECRET_PREVIOUS = the old secret) must not make it unreadable: a reset
 * link queued a second before the restart still goes out. Each step loads the
 * module afresh, so config() reads the environment of that step.
 */

const saved = { current: process.env.JWT_SECRET, previous: process.env.JWT_SECRET_PREVIOUS };

async function outboxWith(current: string, previous?: string) {
  vi.resetModules();
  process.env.JWT_SECRET = current;
  if (previous) process.env.JWT_SECRET_PREVIOUS = previous;
  else delete process.env.JWT_SECRET_PREVIOUS;
  return import('@/lib/email/outbox');
}

afterEach(() => {
  vi.resetModules();
  if (saved.current === undefined) delete process.env.JWT_SECRET;
  else process.env.JWT_SECRET = saved.current;
  if (saved.previous === undefined) delete process.env.JWT_SECRET_PREVIOUS;
  else process.env.JWT_SECRET_PREVIOUS = saved.previous;
});

describe('outbox payloads across a JWT_SECRET rotation', () => {
  const message: MailMessage = {
    kind: 'reset_password',
    to: 'ada@example.test',
    name: 'Ada',
    link: 'https://profiles.example/reset-password?token=abc',
  };
  const oldSecret = randomBytes(48).toString('base64url');
  const newSecret = randomBytes(48).toString('base64url');

  it('mail sealed before the rotation opens after it (with JWT_SECRET_PREVIOUS)', async () => {
    const sealed = (await outboxWith(oldSecret)).sealPayload(message);
    expect((await outboxWith(newSecret, oldSecret)).openPayload(sealed)).toEqual(message);
  });

  it('mail sealed after the rotation opens with the new secret', async () => {
    const sealed = (await outboxWith(newSecret, oldSecret)).sealPayload(message);
    expect((await outboxWith(newSecret)).openPayload(sealed)).toEqual(message);
  });

  it('a payload sealed under neither secret is refused', async () => {
    const sealed = (await outboxWith(randomBytes(48).toString('base64url'))).sealPayload(message);
    const outbox = await outboxWith(newSecret, oldSecret);
    expect(() => outbox.openPayload(sealed)).toThrow();
  });
});
