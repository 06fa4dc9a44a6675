'use client';

import { forgotPasswordAction } from '@/app/actions/email';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm } from './action-form';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';

export function ForgotPasswordForm() {
  const { state, pending, field, formProps } = useActionForm(lazySchema.forgotPassword, forgotPasswordAction);
  return (
    <ActionForm props={formProps} label="Reset your password">
      <Field label="Email" type="email" autoComplete="email" placeholder="you@example.com" {...field('email')} />
      <FormFooter state={state} pending={pending}>
        Send reset link
      </FormFooter>
    </ActionForm>
  );
}
