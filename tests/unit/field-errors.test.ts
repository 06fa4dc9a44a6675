import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidState, submittedValues } from '@/lib/http/form-state';
import { fieldErrors } from '@/lib/validation/field-errors';
import { signUpSchema } from '@/lib/validation/account';

function zodError(schema: z.ZodType, input: unknown): z.ZodError {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return parsed.error;
}

describe('fieldErrors', () => {
  it('keeps the first message of each field, keyed by its top-level name', () => {
    const schema = z.object({
      username: z
        .string()
        .min(3, 'too short')
        .regex(/^[a-z]+$/, 'letters only'),
      links: z.array(z.object({ url: z.url('not a URL') })),
    });
    const error = zodError(schema, { username: '1', links: [{ url: 'x' }] });
    expect(fieldErrors(error)).toEqual({ username: 'too short', links: 'not a URL' });
  });

  it('files an error about the whole input under "body"', () => {
    expect(fieldErrors(zodError(z.object({ a: z.string() }), 'not an object'))).toEqual({
      body: expect.any(String),
    });
  });

  it("maps the sign-up schema's own refinement (password = username) to the password field", () => {
    const input = {
      email: 'ada@example.com',
      password: 'Lovelace1815',
      firstName: 'Ada',
      lastName: 'L',
      username: 'LOVELACE1815',
    };
    expect(fieldErrors(zodError(signUpSchema, input))).toEqual({
      password: 'Your password must not be your username or email address.',
    });
  });
});

describe('form state', () => {
  const form = () => {
    const data = new FormData();
    data.set('email', 'ada@example.com');
    data.set('password', 'hunter2-secret');
    data.set('newPassword', 'another-secret');
    data.set('$ACTION_ID_abc', '');
    data.set('avatar', new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' }));
    return data;
  };

  it('echoes the submitted values without passwords, action ids or files', () => {
    expect(submittedValues(form())).toEqual({ email: 'ada@example.com' });
  });

  it('an invalid submission carries field messages and the non-secret values', () => {
    const state = invalidState(zodError(z.object({ email: z.email('Enter a valid email.') }), { email: 'x' }), form());
    expect(state).toMatchObject({
      status: 'error',
      message: 'Please correct the highlighted fields.',
      fields: { email: 'Enter a valid email.' },
      values: { email: 'ada@example.com' },
    });
    expect(JSON.stringify(state)).not.toContain('secret');
  });
  // Domain failures and file conversion are the action wrapper's: tests/unit/form-action.test.ts.
});
