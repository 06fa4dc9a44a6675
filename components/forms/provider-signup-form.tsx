'use client';

import { completeProviderSignUp } from '@/app/actions/sign-in-providers';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { AvailabilityNote } from './availability-note';
import { useActionForm } from './use-action-form';
import { useAvailability } from './use-availability';

/** The confirm step of a sign-up through a provider: the proposed username and names, editable; no password. */
export function ProviderSignUpForm({
  defaults,
}: {
  defaults: { username: string; firstName: string; lastName: string };
}) {
  const { outcome, pending, field, formProps } = useActionForm(
    lazySchema.providerSignUp,
    completeProviderSignUp,
    defaults,
  );
  const username = useAvailability('username');
  return (
    <form {...formProps} aria-label="Sign up" className="space-y-5">
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="First name" autoComplete="given-name" {...field('firstName')} />
        <Field label="Last name" autoComplete="family-name" {...field('lastName')} />
      </div>
      <Field
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        hint="3–32 letters, digits, _ . or -"
        status={<AvailabilityNote kind="username" availability={username.availability} />}
        {...field('username', { onBlur: username.check })}
      />
      <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
        {outcome.message}
      </FormOutcome>
      <Button type="submit" pending={pending} className="w-full">
        Sign up
      </Button>
    </form>
  );
}
