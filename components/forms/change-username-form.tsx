'use client';

import { changeUsernameAction } from '@/app/actions/account';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { AvailabilityNote } from './availability-note';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';
import { useAvailability } from './use-availability';
import { ActionForm } from './action-form';

/** Starts empty; the current username is shown beside the heading. */
export function ChangeUsernameForm({ username }: { username: string }) {
  const { outcome, pending, field, formProps } = useActionForm(
    lazySchema.changeUsername,
    changeUsernameAction,
    {},
    { clearOnSuccess: true },
  );
  const { availability, check } = useAvailability('username', { debounceMs: 300 });
  const input = field('newUsername');
  return (
    <ActionForm props={formProps} label="Change username">
      <Field
        label="New username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        hint="3–32 letters, digits, _ . or -"
        status={
          availability.value?.toLowerCase() === username.toLowerCase() ? (
            <span>This is your username now.</span>
          ) : (
            <AvailabilityNote kind="username" availability={availability} />
          )
        }
        {...input}
        onChange={(event) => {
          void input.onChange(event);
          check(event.target.value);
        }}
      />
      <FormFooter state={outcome} pending={pending} />
    </ActionForm>
  );
}
