import { describe, expect, it } from 'vitest';
import { ADDRESS_LINKS, TOKEN_PURPOSES, tokenLifetimeText } from '@/lib/email/token-purposes';

describe('the table of link-token purposes', () => {
  it('says each lifetime as the mails do', () => {
    expect(Object.fromEntries(Object.keys(TOKEN_PURPOSES).map((p) => [p, tokenLifetimeText(p as never)]))).toEqual({
      verify_email: '24 hours',
      reset_password: '30 minutes',
      revert_email: '7 days',
      change_email: '24 hours',
      cancel_email_change: '24 hours',
      cancel_deletion: '15 minutes',
    });
  });

  it('only the address links keep one live token (and die with a password reset); revert and undo links all live', () => {
    expect([...ADDRESS_LINKS].sort()).toEqual([
      'cancel_email_change',
      'change_email',
      'reset_password',
      'verify_email',
    ]);
    expect(
      Object.entries(TOKEN_PURPOSES)
        .filter(([, rule]) => rule.mailedLivesUntilDeletion)
        .map(([purpose]) => purpose),
    ).toEqual(['cancel_deletion']);
  });
});
