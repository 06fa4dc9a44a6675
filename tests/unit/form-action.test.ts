import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFormAction } from '@/lib/http/form-action';
import { initialFormState } from '@/lib/http/form-state';
import { fail } from '@/lib/platform/result';
import type { ResolvedSession } from '@/lib/auth/sessions';

const alice: ResolvedSession = {
  sessionId: 'abcdefghijklmnopqrstuv',
  expiresAt: new Date(Date.now() + 3600_000),
  user: { id: 1, username: 'alice', email: 'alice@example.com', firstName: 'Alice', lastName: 'A' },
};

/** Stands in for lib/http/dal.ts's requireSession: Next's redirect() is a thrown error carrying a digest. */
class RedirectToLogin extends Error {
  digest = 'NEXT_REDIRECT;replace;/login;307;';
}
const unlimited = async () => null;
const signedOut = createFormAction(async () => {
  throw new RedirectToLogin();
}, unlimited);
const signedIn = createFormAction(async () => alice, unlimited);

const schema = z.object({ name: z.string().min(2, 'Too short.'), password: z.string().min(1) });

const valid = () => form({ name: 'Ada', password: 'x' });

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe('formAction', () => {
  it('counts every call against the per-address limit first: a refused caller reaches neither session nor handler', async () => {
    let counted = 0;
    let reached = false;
    const limited = createFormAction(
      async () => {
        reached = true;
        return alice;
      },
      async () => (++counted > 2 ? fail('rate_limited', { retryAfterSeconds: 30 }) : null),
    );
    const action = limited({ schema }, async () => ({ status: 'success' }));
    expect((await action(initialFormState, valid())).status).toBe('success');
    expect((await action(initialFormState, valid())).status).toBe('success');
    reached = false;
    const refused = await action(initialFormState, valid());
    expect(refused).toMatchObject({ status: 'error', message: expect.stringMatching(/Too many attempts/) });
    expect(refused.values).toEqual({ name: 'Ada' });
    expect(reached).toBe(false);
    expect(counted).toBe(3);
  });

  it('requires a session unless told otherwise: a signed-out caller never reaches the handler', async () => {
    let reached = false;
    const action = signedOut({ schema }, async () => {
      reached = true;
      return { status: 'success' };
    });
    await expect(action(initialFormState, valid())).rejects.toBeInstanceOf(RedirectToLogin);
    expect(reached).toBe(false);
  });

  it("runs a handler that opted out with auth: 'none' without a session", async () => {
    const action = signedOut({ schema, auth: 'none' }, async ({ input, session }) => ({
      status: 'success',
      message: `${input.name} ${session === null}`,
    }));
    expect((await action(initialFormState, valid())).message).toBe('Ada true');
  });

  it('hands the handler the parsed input and the session', async () => {
    const action = signedIn({ schema }, async ({ input, session }) => ({
      status: 'success',
      message: `${input.name} by ${session.user.username}`,
    }));
    expect((await action(initialFormState, form({ name: ' Ada', password: 'x' }))).message).toBe(' Ada by alice');
  });

  it('answers invalid input with field errors and the typed values, never the password', async () => {
    const action = signedIn({ schema }, async () => ({ status: 'success' }));
    const state = await action(initialFormState, form({ name: 'A', password: 'hunter2hunter2' }));
    expect(state).toMatchObject({ status: 'error', fields: { name: 'Too short.' }, values: { name: 'A' } });
    expect(JSON.stringify(state)).not.toContain('hunter2');
  });

  it('shows a domain failure with its field errors, keeping what was typed but the password', async () => {
    const action = signedIn({ schema }, async () => fail('incorrect_password', { fields: { password: 'Wrong.' } }));
    const state = await action(initialFormState, form({ name: 'Ada', password: 'hunter2hunter2' }));
    expect(state).toMatchObject({
      status: 'error',
      message: 'Your current password is not correct.',
      values: { name: 'Ada' },
    });
    expect(JSON.stringify(state)).not.toContain('hunter2');
  });

  it('turns a database outage into a form message, as the API turns it into a 503', async () => {
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    const outage = Object.assign(new Error('Failed query'), { cause: refused });
    const action = signedIn({ schema }, async () => {
      throw outage;
    });
    const state = await action(initialFormState, form({ name: 'Ada', password: 'hunter2hunter2' }));
    expect(state).toMatchObject({ status: 'error', values: { name: 'Ada' } });
    expect(state.message).toMatch(/temporarily unavailable/);
    expect(JSON.stringify(state)).not.toContain('hunter2');
  });

  it('lets redirect() and other errors through', async () => {
    const redirecting = signedIn({ schema }, async () => {
      throw new RedirectToLogin();
    });
    await expect(redirecting(initialFormState, valid())).rejects.toBeInstanceOf(RedirectToLogin);
    const failing = signedIn({ schema }, async () => {
      throw new Error('a bug');
    });
    await expect(failing(initialFormState, valid())).rejects.toThrow('a bug');
  });

  it('converts a chosen file to base64 and drops an empty file input', async () => {
    const fileSchema = z.object({ image: z.string().optional() });
    const action = signedIn({ schema: fileSchema }, async ({ input }) => ({
      status: 'success',
      message: String(input.image),
    }));
    const chosen = new FormData();
    chosen.set('image', new File([new Uint8Array([1, 2, 3])], 'a.png'));
    expect((await action(initialFormState, chosen)).message).toBe('AQID');
    const empty = new FormData();
    empty.set('image', new File([], ''));
    expect((await action(initialFormState, empty)).message).toBe('undefined');
  });
});
