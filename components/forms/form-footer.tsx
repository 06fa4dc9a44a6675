import type { ReactNode } from 'react';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FormState } from '@/lib/http/form-state';

/** The announced outcome of the last submit, and the submit button with its pending state. */
export function FormFooter({
  state,
  pending,
  children = 'Save',
}: {
  state: FormState;
  pending: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      {/* A new node for each outcome, so a repeated identical message is announced again. */}
      <FormOutcome key={state.at ?? 0} status={state.status}>
        {state.message}
      </FormOutcome>
      <Button type="submit" pending={pending}>
        {children}
      </Button>
    </>
  );
}
