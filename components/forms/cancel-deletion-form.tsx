'use client';

import { cancelDeletionAction } from '@/app/actions/account';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { lazySchema } from '@/lib/validation/lazy';
import { useActionForm } from './use-action-form';
import { ActionForm } from './action-form';

/** One button that takes a scheduled account back, with a token from the mailed link or from a proven log-in. */
export function CancelDeletionForm({ token }: { token: string }) {
  const { outcome, pending, formProps } = useActionForm(lazySchema.cancelDeletion, cancelDeletionAction, { token });
  const done = outcome.status === 'success';
  return (
    <ActionForm props={formProps} label="Cancel deletion" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
        {outcome.message}
      </FormOutcome>
      {done ? null : (
        <Button type="submit" variant="secondary" pending={pending}>
          Cancel deletion
        </Button>
      )}
    </ActionForm>
  );
}
