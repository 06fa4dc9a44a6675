'use client';

import { changePasswordAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { WatchedPasswordStrength } from './password-strength';
import { FormFooter } from './form-footer';
import { CurrentPasswordField } from './current-password-field';
import { StepUpFields, type StepUpMethods } from './step-up-fields';
import { useActionForm } from './use-action-form';
import { ActionForm } from './action-form';

/**
 * `identity`: username, email, then other words about the person (the strength hint penalises them).
 * `methods`: the account's second factors, which the change asks for too.
 */
export function ChangePasswordForm({ identity, methods = [] }: { identity: string[]; methods?: StepUpMethods }) {
  const action = useActionForm(lazySchema.changePassword, changePasswordAction, {}, { clearOnSuccess: true });
  const { form, outcome, pending, field, formProps } = action;
  return (
    <ActionForm props={formProps} label="Change password">
      <CurrentPasswordField {...field('currentPassword')} />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={<WatchedPasswordStrength control={form.control} name="newPassword" identity={identity} />}
        {...field('newPassword')}
        defaultValue=""
      />
      <StepUpFields methods={methods} form={action} />
      <FormFooter state={outcome} pending={pending} />
    </ActionForm>
  );
}
