'use client';

import { changeEmailAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';

export function ChangeEmailForm({ email }: { email: string }) {
  const { state, pending, formRef, formAction, onSubmit, field } = useActionForm(lazySchema.changeEmail, changeEmailAction, { newEmail: email });
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Change email" className="space-y-5">
      <Field label="New email" type="email" autoComplete="email" {...field('newEmail')} />
      <Field label="Current password" type="password" autoComplete="current-password" {...field('currentPassword')} defaultValue="" />
      <FormFooter state={state} pending={pending} />
    </form>
  );
}
