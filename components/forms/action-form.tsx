'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { FormState } from '@/lib/http/form-state';
import { AvailabilityNote } from './availability-note';
import type { ActionFieldProps, useActionForm } from './use-action-form';
import type { useAvailability } from './use-availability';

/**
 * The <form> of a useActionForm: the action underneath (works without JavaScript), the checked submit, no browser
 * validation bubbles, and the accessible name the contract gives it.
 */
export function ActionForm({
  props,
  label,
  className = 'space-y-5',
  children,
}: {
  props: ReturnType<typeof useActionForm>['formProps'];
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form {...props} aria-label={label} className={className}>
      {children}
    </form>
  );
}

/** A sign-in form's end: the announced outcome (a new node each time, so a repeat is announced), a wide submit. */
export function WideSubmit({
  outcome,
  pending,
  children,
}: {
  outcome: FormState;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
        {outcome.message}
      </FormOutcome>
      <Button type="submit" pending={pending} className="w-full">
        {children}
      </Button>
    </>
  );
}

/** "New here? Create an account" and its reverse, under the log-in and sign-up forms. */
export function OtherWayIn({ question, href, children }: { question: string; href: string; children: ReactNode }) {
  return (
    <p className="text-center text-sm text-slate-600 dark:text-slate-400">
      {question} <TextLink href={href}>{children}</TextLink>
    </p>
  );
}

/** An inline link in the brand colour (where to go next, or the other way in). */
export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
      {children}
    </Link>
  );
}

/** What a form behind a mailed link takes: the link's token, which action, the form's name and its button. */
export type MailedLinkFormProps<Purpose> = { token: string; purpose: Purpose; label: string; submit: string };

/** A mailed link's form once it worked: the announced outcome and the link onward. */
export function LinkDone({ message, href, children }: { message: ReactNode; href: string; children: ReactNode }) {
  return (
    <div className="space-y-4">
      <FormOutcome status="success">{message}</FormOutcome>
      <TextLink href={href}>{children}</TextLink>
    </div>
  );
}

/** First and last name side by side, then the username with its availability: a sign-up's own fields. */
export function NameAndUsernameFields({
  field,
  username,
}: {
  field: (
    name: 'firstName' | 'lastName' | 'username',
    extra?: { onBlur?: (value: string) => void },
  ) => ActionFieldProps;
  username: ReturnType<typeof useAvailability>;
}) {
  return (
    <>
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
    </>
  );
}
