'use client';

import { useEffect, useState } from 'react';
import { passkeyOptionsAction, passkeySignInAction } from '@/app/actions/passkeys';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

// The WebAuthn helper is not in the page's first JavaScript: it loads after hydration (the autofill starts then
// anyway) or on the button's click, alongside the server's options.
const webAuthn = () => import('@simplewebauthn/browser');

/**
 * "Sign in with a passkey" on /login (with the browser's passkey autofill on the identifier field), or
 * "Use a passkey" on /login/verify as the second step.
 */
export function PasskeySignIn({ next, secondStep = false }: { next: string; secondStep?: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(autofill: boolean) {
    const [options, { startAuthentication }] = await Promise.all([passkeyOptionsAction(secondStep), webAuthn()]);
    if (!options.ok) {
      setMessage(options.message);
      return;
    }
    let credential;
    try {
      credential = await startAuthentication({ optionsJSON: options.value as never, useBrowserAutofill: autofill });
    } catch {
      if (!autofill) setMessage('No passkey was used. Try again, or sign in another way.');
      return;
    }
    const result = await passkeySignInAction(credential, secondStep, next);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    window.location.assign(result.value.redirectTo);
  }

  useEffect(() => {
    if (secondStep) return;
    let cancelled = false;
    void webAuthn()
      .then(({ browserSupportsWebAuthnAutofill }) => browserSupportsWebAuthnAutofill())
      .then((supported) => {
        if (supported && !cancelled) void run(true);
      });
    return () => {
      cancelled = true;
      void webAuthn().then(({ WebAuthnAbortService }) => WebAuthnAbortService.cancelCeremony());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="mt-4 space-y-3">
      <Button
        type="button"
        variant="secondary"
        className="w-full"
        pending={pending}
        onClick={() => {
          setPending(true);
          setMessage(null);
          void run(false).finally(() => setPending(false));
        }}
      >
        {secondStep ? 'Use a passkey' : 'Sign in with a passkey'}
      </Button>
      <FormOutcome status={message ? 'error' : 'initial'}>{message}</FormOutcome>
    </div>
  );
}
