import { z } from 'zod';

import { PASSWORD_MAX, PASSWORD_MIN, PASSWORD_TOO_LONG, PASSWORD_TOO_SHORT } from './password-rules';
import { characterCount, DESCRIPTION_MAX } from './text';

export { characterCount, DESCRIPTION_MAX };
export { PASSWORD_IS_COMMON, PASSWORD_IS_IDENTITY, passwordMatchesIdentity } from './password-rules';

function atMost<T extends z.ZodString>(schema: T, limit: number, message: string) {
  return schema.refine((value) => characterCount(value) <= limit, message).meta({ maxLength: limit });
}

// C0/C1 control characters and DEL; tabs and newlines included, since these are one-line fields.
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
// The description is multi-line: allow \n, \r and \t, refuse the rest.
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
  .transform((value) => value.toLowerCase());

export const username = z
  .string({ error: 'Choose a username.' })
  .trim()
  .min(3, 'A username has at least 3 characters.')
  .max(32, 'A username has at most 32 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Use letters, digits, _ . and - only, starting with a letter or digit.');

/**
 * The length rules. The other two rules of a new password need the server: "not a
 * well-known common password" needs a 200 KiB dictionary that must never reach the
 * browser, and "not your username or email" may need the account. Both are checked
 * by the domain (lib/auth/passwords.ts `newPasswordProblem`) wherever a password is set.
 */
export const password = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN, PASSWORD_TOO_SHORT)
  .max(PASSWORD_MAX, PASSWORD_TOO_LONG)
  .meta({ description: '8–128 characters; not a well-known common password; not the username or email.' });

/** What a login or a confirmation asks for: any non-empty string, the hash decides. */
export const currentPassword = z
  .string({ error: 'Enter your current password.' })
  .min(1, 'Enter your current password.')
  .max(1024, 'That password is too long.');

function personName(label: string) {
  return atMost(
    z
      .string({ error: `Enter your ${label}.` })
      .trim()
      .min(1, `Enter your ${label}.`),
    64,
    `Your ${label} has at most 64 characters.`,
  ).refine((value) => !CONTROL_CHARACTERS.test(value), 'Control characters are not allowed.');
}
export const firstName = personName('first name');
export const lastName = personName('last name');

export function shortText(label: string) {
  return atMost(
    z.string({ error: `${label} must be text.` }).trim(),
    120,
    `${label} has at most 120 characters.`,
  ).refine((value) => !CONTROL_CHARACTERS.test(value), 'Control characters are not allowed.');
}

export const description = atMost(
  z.string({ error: 'Description must be text.' }),
  DESCRIPTION_MAX,
  'The description has at most 1000 characters.',
).refine((value) => !CONTROL_EXCEPT_WHITESPACE.test(value), 'Control characters are not allowed.');

export const link = z
  .string({ error: 'A link must be text.' })
  .trim()
  .max(2048, 'A link has at most 2048 characters.')
  .refine(
    (value) => value === '' || isHttpUrl(value),
    'Enter a full web address starting with https:// (or leave it empty).',
  );

function isHttpUrl(value: string): boolean {
  if (CONTROL_CHARACTERS.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
