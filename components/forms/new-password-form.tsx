'use client';

import Link from 'next/link';
import { resetPasswordAction, revertEmailChangeAction } from '@/app/actions/email';
import { FormOutcome } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { PasswordStrength } from './password-strength';
import { useActionForm } from './use-action-form';

const ACTIONS = { reset: resetPasswordAction, revert: revertEmailChangeAction };

/** A new password with a mailed link's token: for a forgotten password, or to undo a stolen email change. */
export function NewPasswordForm({
  token,
  purpose,
  label,
  submit,
}: {
  token: string;
  purpose: keyof typeof ACTIONS;
  label: string;
  submit: string;
}) {
  // Both actions take { token, newPassword } under the same rules.
  const { form, state, pending, field, formProps } = useActionForm(lazySchema.newPassword, ACTIONS[purpose], { token });
  const newPassword = form.watch('newPassword') ?? '';
  if (state.status === 'success') {
    return (
      <div className="space-y-4">
        <FormOutcome status="success">{state.message}</FormOutcome>
        <Link
          href="/login"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Log in
        </Link>
      </div>
    );
  }
  return (
    <form {...formProps} aria-label={label} className="space-y-5">
      <input type="hidden" {...form.register('token')} defaultValue={token} />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={<PasswordStrength password={newPassword} userInputs={[]} />}
        {...field('newPassword')}
        defaultValue=""
      />
      <FormFooter state={state} pending={pending}>
        {submit}
      </FormFooter>
    </form>
  );
}
