'use client';

import { changeEmailAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { CurrentPasswordField } from './current-password-field';
import { StepUpFields, type StepUpMethods } from './step-up-fields';
import { useActionForm } from './use-action-form';
import { ActionForm } from './action-form';

/** Starts empty: a box pre-filled with the current address made Save look useful when it changed nothing. */
export function ChangeEmailForm({ methods = [] }: { methods?: StepUpMethods }) {
  const action = useActionForm(lazySchema.changeEmail, changeEmailAction, {}, { clearOnSuccess: true });
  const { outcome, pending, field, formProps } = action;
  return (
    <ActionForm props={formProps} label="Change email">
      <Field label="New email" type="email" autoComplete="email" placeholder="new@example.com" {...field('newEmail')} />
      <CurrentPasswordField {...field('currentPassword')} />
      <StepUpFields methods={methods} form={action} />
      <FormFooter state={outcome} pending={pending} />
    </ActionForm>
  );
}
