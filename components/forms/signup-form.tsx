'use client';

import { signUp } from '@/app/actions/auth';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm, NameAndUsernameFields, OtherWayIn, WideSubmit } from './action-form';
import { AvailabilityNote } from './availability-note';
import { WatchedPasswordStrength } from './password-strength';
import { useActionForm } from './use-action-form';
import { useAvailability } from './use-availability';

export function SignUpForm() {
  const { form, outcome, pending, field, formProps } = useActionForm(lazySchema.signUp, signUp);
  const username = useAvailability('username');
  const email = useAvailability('email');

  return (
    <ActionForm props={formProps} label="Sign up">
      <NameAndUsernameFields field={field} username={username} />
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        status={<AvailabilityNote kind="email" availability={email.availability} />}
        {...field('email', { onBlur: email.check })}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={<WatchedPasswordStrength control={form.control} name="password" identityFields={['username', 'email']} />}
        {...field('password')}
        defaultValue=""
      />
      <WideSubmit outcome={outcome} pending={pending}>
        Sign up
      </WideSubmit>
      <OtherWayIn question="Already have an account?" href="/login">
        Log in
      </OtherWayIn>
    </ActionForm>
  );
}
