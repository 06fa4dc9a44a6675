'use client';

import { useEffect, useState } from 'react';
import type { FieldValues, Path, PathValue } from 'react-hook-form';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecondFactorCodeFields } from './second-factor-code-fields';
import { stepUpPasskeyAssertion } from './step-up-passkey';
import type { useActionForm } from './use-action-form';

/** The account's second factors (lib/auth/second-factor.ts), as the page passes them down. */
export type StepUpMethods = readonly ('totp' | 'recovery' | 'passkey')[];

/**
 * What a sensitive change asks for beside the current password (step-up, lib/account/step-up.ts), shown only
 * when the account has it: with an authenticator app, "Authentication code" (or, folded away, "Recovery code");
 * with a passkey, "Confirm with a passkey", which stands in for the password and the code and submits the form.
 */
export function StepUpFields<V extends FieldValues>({
  methods,
  form: f,
}: {
  methods: StepUpMethods;
  form: ReturnType<typeof useActionForm<V>>;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const assertionName = 'passkeyAssertion' as Path<V>;
  // An assertion works once: whatever the answer, the next submit starts without it.
  const { form } = f;
  useEffect(() => {
    form.setValue(assertionName, '' as PathValue<V, Path<V>>);
  }, [f.state, form, assertionName]);

  const hasApp = methods.includes('totp');
  const hasPasskey = methods.includes('passkey');
  if (!hasApp && !hasPasskey) return null;

  async function confirmWithPasskey() {
    setMessage(null);
    setPending(true);
    try {
      const assertion = await stepUpPasskeyAssertion();
      if (!assertion.ok) {
        setMessage(assertion.message);
        return;
      }
      form.setValue(assertionName, assertion.json as PathValue<V, Path<V>>);
      f.formRef.current?.requestSubmit();
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-5">
      {hasApp ? (
        <SecondFactorCodeFields
          code={f.field('code' as Path<V>)}
          recoveryCode={f.field('recoveryCode' as Path<V>)}
          codeHint="Your account has two-step sign-in: the 6-digit code your app shows now."
          recoveryHint="One of the ten codes you saved. Each works once."
        />
      ) : null}
      <input type="hidden" {...form.register(assertionName)} />
      {hasPasskey ? (
        <div className="space-y-2">
          <Button type="button" variant="secondary" pending={pending} onClick={() => void confirmWithPasskey()}>
            Confirm with a passkey
          </Button>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {hasApp
              ? 'Instead of your password and a code.'
              : 'Your account has a passkey: use it instead of your password.'}
          </p>
          {message ? <FormOutcome status="error">{message}</FormOutcome> : null}
        </div>
      ) : null}
    </div>
  );
}
