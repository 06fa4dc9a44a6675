'use client';

import Link from 'next/link';
import { logIn } from '@/app/actions/auth';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { lazySchema } from '@/lib/validation/lazy';
import { CancelDeletionForm } from './cancel-deletion-form';
import { useActionForm } from './use-action-form';

export function LoginForm({ next }: { next: string }) {
  const { state, outcome, pending, field, formProps } = useActionForm(lazySchema.login, logIn);
  const cancelToken = state.offer?.cancelToken;
  return (
    <>
      <form {...formProps} aria-label="Log in" className="space-y-5">
        <input type="hidden" name="next" value={next} />
        {/* The long explanation is a hint below, not the placeholder: a placeholder is cut off on a phone. */}
        <Field
          label="Email"
          type="text"
          inputMode="email"
          autoComplete="username webauthn"
          placeholder="you@example.com"
          hint="Or your username."
          {...field('email')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          {...field('password')}
          defaultValue=""
        />
        <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
          {outcome.message}
        </FormOutcome>
        <Button type="submit" pending={pending} className="w-full">
          Log in
        </Button>
        <p className="text-center text-sm text-slate-600 dark:text-slate-400">
          New here?{' '}
          <Link
            href="/signup"
            className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
          >
            Create an account
          </Link>
        </p>
      </form>
      {/* A scheduled deletion, told once the password was proven: its own form, not nested in the log-in one. */}
      {cancelToken ? <CancelDeletionForm key={cancelToken} token={cancelToken} /> : null}
    </>
  );
}
