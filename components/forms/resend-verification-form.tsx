'use client';

import { useActionState } from 'react';
import { resendVerificationAction } from '@/app/actions/email';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { initialFormState } from '@/lib/http/form-state';

export function ResendVerificationForm() {
  const [state, formAction, pending] = useActionState(resendVerificationAction, initialFormState);
  return (
    <form action={formAction} aria-label="Resend verification email" className="mt-3 space-y-3">
      <Button type="submit" variant="secondary" pending={pending}>
        Resend the link
      </Button>
      <FormOutcome status={state.status}>{state.message}</FormOutcome>
    </form>
  );
}
