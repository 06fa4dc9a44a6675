'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { cancelEmailChangeByLinkAction, confirmEmailChangeAction, verifyEmailAction } from '@/app/actions/email';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { initialFormState } from '@/lib/http/form-state';

const ACTIONS = {
  verify: verifyEmailAction,
  'confirm-change': confirmEmailChangeAction,
  'cancel-change': cancelEmailChangeByLinkAction,
};

/**
 * A mailed link's one button. Opening the link changes nothing (mail scanners
 * open links too); pressing the button POSTs the token.
 */
export function ConfirmLinkForm({
  token,
  purpose,
  label,
  submit,
}: {
  token: string;
  purpose: keyof typeof ACTIONS;
  label: string;
  submit: string;
}) {
  const [state, formAction, pending] = useActionState(ACTIONS[purpose], initialFormState);
  if (state.status === 'success') {
    return (
      <div className="space-y-4">
        <FormOutcome status="success">{state.message}</FormOutcome>
        <Link
          href="/settings/account"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Go to your settings
        </Link>
      </div>
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
