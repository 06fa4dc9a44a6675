'use client';

import { useActionState } from 'react';
import { cancelEmailChangeAction } from '@/app/actions/account';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmailAddress } from '@/components/ui/email-address';
import { initialFormState } from '@/lib/http/form-state';

const BOX = [
  'mb-5 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950',
  'dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
].join(' ');

/**
 * Stays mounted whether or not a change is pending, so that after Cancel (when
 * the page's data says nothing is pending any more) the outcome is still announced.
 */
export function PendingEmailChangeBox({ pending, current }: { pending: string | null; current: string }) {
  const [state, formAction, isPending] = useActionState(cancelEmailChangeAction, initialFormState);
  if (!pending) {
    return state.status === 'success' ? (
      <div className="mb-5">
        <FormOutcome status="success">{state.message}</FormOutcome>
      </div>
    ) : null;
  }
  return (
    <div role="group" aria-label="Pending email change" className={BOX}>
      <p>
        Waiting for <EmailAddress email={pending} /> to confirm: open the link we sent there. Until then you sign in
        with <EmailAddress as="span" email={current} />.
      </p>
      <form action={formAction} aria-label="Cancel email change" className="mt-3 space-y-3">
        <Button type="submit" variant="secondary" pending={isPending}>
          Cancel
        </Button>
        <FormOutcome status={state.status}>{state.message}</FormOutcome>
      </form>
    </div>
  );
}
