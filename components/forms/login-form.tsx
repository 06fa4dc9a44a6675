'use client';

import { logIn } from '@/app/actions/auth';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm, OtherWayIn, WideSubmit } from './action-form';
import { CancelDeletionForm } from './cancel-deletion-form';
import { useActionForm } from './use-action-form';

export function LoginForm({ next }: { next: string }) {
  const { state, outcome, pending, field, formProps } = useActionForm(lazySchema.login, logIn);
  const cancelToken = state.offer?.cancelToken;
  return (
    <>
      <ActionForm props={formProps} label="Log in">
        <input type="hidden" name="next" value={next} />
        {/* The long explanation is a hint below, not the placeholder: a placeholder is cut off on a phone. */}
        <Field
          label="Email"
          type="text"
          inputMode="email"
          autoComplete="username webauthn"
          placeholder="you@example.com"
          hint="Or your username."
          {...field('email')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          {...field('password')}
          defaultValue=""
        />
        <WideSubmit outcome={outcome} pending={pending}>
          Log in
        </WideSubmit>
        <OtherWayIn question="New here?" href="/signup">
          Create an account
        </OtherWayIn>
      </ActionForm>
      {/* A scheduled deletion, told once the password was proven: its own form, not nested in the log-in one. */}
      {cancelToken ? <CancelDeletionForm key={cancelToken} token={cancelToken} /> : null}
    </>
  );
}
