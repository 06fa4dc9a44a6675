'use client';

import { completeProviderSignUp } from '@/app/actions/sign-in-providers';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm, NameAndUsernameFields, WideSubmit } from './action-form';
import { useActionForm } from './use-action-form';
import { useAvailability } from './use-availability';

/** The confirm step of a sign-up through a provider: the proposed username and names, editable; no password. */
export function ProviderSignUpForm({
  defaults,
}: {
  defaults: { username: string; firstName: string; lastName: string };
}) {
  const { outcome, pending, field, formProps } = useActionForm(
    lazySchema.providerSignUp,
    completeProviderSignUp,
    defaults,
  );
  const username = useAvailability('username');
  return (
    <ActionForm props={formProps} label="Sign up">
      <NameAndUsernameFields field={field} username={username} />
      <WideSubmit outcome={outcome} pending={pending}>
        Sign up
      </WideSubmit>
    </ActionForm>
  );
}
