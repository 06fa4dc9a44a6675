'use client';

import { changeEmailAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';

/** Starts empty: a box pre-filled with the current address made Save look useful when it changed nothing. */
export function ChangeEmailForm() {
  const { outcome, pending, formRef, formAction, onSubmit, field } = useActionForm(
    lazySchema.changeEmail,
    changeEmailAction,
    {},
    { clearOnSuccess: true },
  );
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-label="Change email"
      className="space-y-5"
    >
      <Field label="New email" type="email" autoComplete="email" placeholder="new@example.com" {...field('newEmail')} />
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        {...field('currentPassword')}
        defaultValue=""
      />
      <FormFooter state={outcome} pending={pending} />
    </form>
  );
}
