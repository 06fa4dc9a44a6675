'use client';

import Link from 'next/link';
import { signUp } from '@/app/actions/auth';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { AvailabilityNote } from './availability-note';
import { WatchedPasswordStrength } from './password-strength';
import { useActionForm } from './use-action-form';
import { useAvailability } from './use-availability';

export function SignUpForm() {
  const { form, outcome, pending, field, formProps } = useActionForm(lazySchema.signUp, signUp);
  const username = useAvailability('username');
  const email = useAvailability('email');

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
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        status={<AvailabilityNote kind="email" availability={email.availability} />}
        {...field('email', { onBlur: email.check })}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={<WatchedPasswordStrength control={form.control} name="password" identityFields={['username', 'email']} />}
        {...field('password')}
        defaultValue=""
      />
      <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
        {outcome.message}
      </FormOutcome>
      <Button type="submit" pending={pending} className="w-full">
        Sign up
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{' '}
        <Link
          href="/login"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Log in
        </Link>
      </p>
    </form>
  );
}
