'use client';

import { useActionState } from 'react';
import { cancelEmailChangeByLinkAction, confirmEmailChangeAction, verifyEmailAction } from '@/app/actions/email';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { initialFormState } from '@/lib/http/form-state';
import { LinkDone, type MailedLinkFormProps } from './action-form';

const ACTIONS = {
  verify: verifyEmailAction,
  'confirm-change': confirmEmailChangeAction,
  'cancel-change': cancelEmailChangeByLinkAction,
};

/**
 * A mailed link's one button. Opening the link changes nothing (mail scanners
 * open links too); pressing the button POSTs the token.
 */
export function ConfirmLinkForm({ token, purpose, label, submit }: MailedLinkFormProps<keyof typeof ACTIONS>) {
  const [state, formAction, pending] = useActionState(ACTIONS[purpose], initialFormState);
  if (state.status === 'success') {
    return (
      <LinkDone message={state.message} href="/settings/account">
        Go to your settings
      </LinkDone>
    );
  }
  return (
    <form action={formAction} aria-label={label} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" pending={pending}>
        {submit}
      </Button>
      <FormOutcome status={state.status}>{state.message}</FormOutcome>
    </form>
  );
}
