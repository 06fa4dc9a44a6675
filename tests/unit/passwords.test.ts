import { describe, expect, it } from 'vitest';
import { password, passwordMatchesIdentity } from '@/lib/validation/fields';
import { newPasswordProblem, PASSWORD_IS_COMMON } from '@/lib/auth/passwords';

describe('passwordMatchesIdentity', () => {
  const identity = { username: 'ada.lovelace', email: 'ada@example.com' };

  it.each([
    ['the username', 'ada.lovelace'],
    ['the username in other case', 'ADA.Lovelace'],
    ['the username with surrounding spaces', '  ada.lovelace '],
    ['the email', 'ada@example.com'],
    ['the email in other case', 'Ada@Example.COM'],
  ])('is true for %s', (_label, candidate) => {
    expect(passwordMatchesIdentity(candidate, identity)).toBe(true);
  });

  it.each([
    ['a password containing the username', 'ada.lovelace-1815'],
    ['an unrelated password', 'correct horse battery staple'],
    ['the username with a character changed', 'ada_lovelace'],
  ])('is false for %s', (_label, candidate) => {
    expect(passwordMatchesIdentity(candidate, identity)).toBe(false);
  });

  it('compares only what it is given', () => {
    expect(passwordMatchesIdentity('ada@example.com', { username: 'ada' })).toBe(false);
    expect(passwordMatchesIdentity('ada', { email: 'ada@example.com' })).toBe(false);
    expect(passwordMatchesIdentity('', {})).toBe(false);
  });
});

describe('password rule', () => {
  it('refuses the lengths outside 8–128; the common-password rule is newPasswordProblem on the server', () => {
    expect(password.safeParse('passwor').success).toBe(false);
    expect(newPasswordProblem('password', {})).toBe(PASSWORD_IS_COMMON);
    expect(newPasswordProblem('violet-kettle-harbour', { username: 'ada' })).toBeNull();
    expect(password.safeParse('short1!').success).toBe(false);
    expect(password.safeParse('x'.repeat(129)).success).toBe(false);
    expect(password.safeParse('violet-kettle-harbour').success).toBe(true);
  });

  it("the server-only check refuses common passwords and the account's own names", () => {
    const identity = { username: 'ada.lovelace', email: 'ada@example.com' };
    expect(newPasswordProblem('password', identity)).toMatch(/common/i);
    expect(newPasswordProblem('ADA.Lovelace', identity)).not.toBeNull();
    expect(newPasswordProblem('violet-kettle-harbour', identity)).toBeNull();
  });
});
