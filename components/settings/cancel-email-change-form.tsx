'use client';

import { useActionState } from 'react';
import { cancelEmailChangeAction } from '@/app/actions/account';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { initialFormState } from '@/lib/http/form-state';

export function CancelEmailChangeForm() {
  const [state, formAction, pending] = useActionState(cancelEmailChangeAction, initialFormState);
  return (
    <form action={formAction} aria-label="Cancel email change" className="mt-3 space-y-3">
      <Button type="submit" variant="secondary" pending={pending}>
        Cancel
      </Button>
      <FormOutcome status={state.status}>{state.message}</FormOutcome>
    </form>
  );
}
