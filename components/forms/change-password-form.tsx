'use client';

import { changePasswordAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { WatchedPasswordStrength } from './password-strength';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';

/** `identity`: username, email, then other words about the person (the strength hint penalises them). */
export function ChangePasswordForm({ identity }: { identity: string[] }) {
  const { form, outcome, pending, formRef, formAction, onSubmit, field } = useActionForm(
    lazySchema.changePassword,
    changePasswordAction,
    {},
    { clearOnSuccess: true },
  );
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-label="Change password"
      className="space-y-5"
    >
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        {...field('currentPassword')}
        defaultValue=""
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={<WatchedPasswordStrength control={form.control} name="newPassword" identity={identity} />}
        {...field('newPassword')}
        defaultValue=""
      />
      <FormFooter state={outcome} pending={pending} />
    </form>
  );
}
