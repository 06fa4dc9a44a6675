'use client';

import { useActionState } from 'react';
import { unlinkProvider } from '@/app/actions/sign-in-providers';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { initialFormState } from '@/lib/http/form-state';

export function UnlinkProviderForm({ provider, displayName }: { provider: string; displayName: string }) {
  const [state, formAction, pending] = useActionState(unlinkProvider, initialFormState);
  return (
    <form action={formAction} className="space-y-2 sm:text-right">
      <input type="hidden" name="provider" value={provider} />
      <Button type="submit" variant="secondary" pending={pending}>
        Unlink<span className="sr-only"> {displayName}</span>
      </Button>
      <FormOutcome key={state.at ?? 0} status={state.status}>
        {state.message}
      </FormOutcome>
    </form>
  );
}
