'use client';

import { changePasswordAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { PasswordStrength } from './password-strength';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';

export function ChangePasswordForm({ identity }: { identity: string[] }) {
  const { form, state, pending, formRef, formAction, onSubmit, field } = useActionForm(lazySchema.changePassword, changePasswordAction);
  const newPassword = form.watch('newPassword') ?? '';
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Change password" className="space-y-5">
      <Field label="Current password" type="password" autoComplete="current-password" {...field('currentPassword')} defaultValue="" />
      <Field label="New password" type="password" autoComplete="new-password" hint={<PasswordStrength password={newPassword} userInputs={identity} />} {...field('newPassword')} defaultValue="" />
      <FormFooter state={state} pending={pending} />
    </form>
  );
}
