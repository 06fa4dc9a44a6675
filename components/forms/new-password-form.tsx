'use client';

import { resetPasswordAction, revertEmailChangeAction } from '@/app/actions/email';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { ActionForm, LinkDone, type MailedLinkFormProps } from './action-form';
import { FormFooter } from './form-footer';
import { PasswordStrength } from './password-strength';
import { useActionForm } from './use-action-form';

const ACTIONS = { reset: resetPasswordAction, revert: revertEmailChangeAction };

/** A new password with a mailed link's token: for a forgotten password, or to undo a stolen email change. */
export function NewPasswordForm({ token, purpose, label, submit }: MailedLinkFormProps<keyof typeof ACTIONS>) {
  // Both actions take { token, newPassword } under the same rules.
  const { form, state, pending, field, formProps } = useActionForm(lazySchema.newPassword, ACTIONS[purpose], { token });
  const newPassword = form.watch('newPassword') ?? '';
  if (state.status === 'success') {
    return (
      <LinkDone message={state.message} href="/login">
        Log in
      </LinkDone>
    );
  }
  return (
    <ActionForm props={formProps} label={label}>
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
    </ActionForm>
  );
}
