'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { StepUpMethods } from '@/components/forms/step-up-fields';
import { stepUpPasskeyAssertion } from '@/components/forms/step-up-passkey';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { LocalTime } from '@/components/ui/local-time';

type Row = { id: number; name: string; createdAt: string; lastUsedAt: string | null };
type Outcome = { status: 'initial' | 'success' | 'error'; message?: string };

/** Talks to the documented API (/api/passkeys…) with the session cookie; the page's data refreshes after a change. */
async function api(
  path: string,
  method: string,
  body?: unknown,
): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, data };
}

function errorText(data: Record<string, unknown>): string {
  return typeof data.error === 'string' ? data.error : 'Something went wrong. Try again.';
}

/**
 * `methods`: the account's second factors. A stale session is asked for the step-up proof (lib/account/step-up.ts):
 * the current password and a code, or one of its passkeys.
 */
export function PasskeysPanel({ passkeys, methods }: { passkeys: Row[]; methods: StepUpMethods }) {
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'initial' });
  const [needPassword, setNeedPassword] = useState(false);
  const [pending, setPending] = useState(false);

  async function add(event: FormEvent<HTMLFormElement> | null, passkeyAssertion?: string) {
    event?.preventDefault();
    const form = new FormData(formRef.current!);
    const name = String(form.get('name') ?? '').trim();
    const currentPassword = String(form.get('currentPassword') ?? '') || undefined;
    const code = String(form.get('code') ?? '') || undefined;
    if (!name) {
      setOutcome({ status: 'error', message: 'Give the passkey a name.' });
      return;
    }
    setPending(true);
    // The WebAuthn helper loads only when someone adds a passkey (not with the page), alongside the options.
    const webAuthn = import('@simplewebauthn/browser');
    try {
      const proof = passkeyAssertion ? { passkeyAssertion } : { currentPassword, code };
      const options = await api('/api/passkeys/register/options', 'POST', proof);
      if (!options.ok) {
        if (['reauthentication_required', 'second_factor_required', 'validation_failed'].includes(String(options.data.code))) {
          setNeedPassword(true);
        }
        setOutcome({ status: 'error', message: errorText(options.data) });
        return;
      }
      let credential;
      try {
        const { startRegistration } = await webAuthn;
        credential = await startRegistration({ optionsJSON: options.data as never });
      } catch {
        setOutcome({ status: 'error', message: 'The passkey was not created. Try again.' });
        return;
      }
      const verified = await api('/api/passkeys/register/verify', 'POST', { name, credential });
      if (!verified.ok) {
        setOutcome({ status: 'error', message: errorText(verified.data) });
        return;
      }
      setNeedPassword(false);
      setOutcome({ status: 'success', message: `Passkey “${name}” added.` });
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  async function remove(row: Row) {
    const result = await api(`/api/passkeys/${row.id}`, 'DELETE');
    setOutcome(
      result.ok
        ? { status: 'success', message: `Passkey “${row.name}” removed.` }
        : { status: 'error', message: errorText(result.data) },
    );
    if (result.ok) router.refresh();
  }

  return (
    <div role="region" aria-label="Passkeys" id="passkeys" className="space-y-4">
      {passkeys.length ? (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {passkeys.map((row) => (
            <li key={row.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium break-words">{row.name}</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  Added <LocalTime iso={row.createdAt} /> · Last used{' '}
                  {row.lastUsedAt ? <LocalTime iso={row.lastUsedAt} /> : 'never'}
                </p>
              </div>
              <Button
                type="button"
                variant="secondary"
                onClick={() => void remove(row)}
                aria-label={`Remove ${row.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No passkeys yet.</p>
      )}
      <form ref={formRef} onSubmit={(event) => void add(event)} className="space-y-4" aria-label="Add a passkey">
        <Field
          label="Passkey name"
          name="name"
          maxLength={64}
          autoComplete="off"
          hint="For example “Laptop” or “Phone”."
        />
        {needPassword ? (
          <>
            <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" />
            {methods.includes('totp') ? (
              <Field
                label="Authentication code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={9}
                hint="Your account has two-step sign-in: the 6-digit code your app shows now."
              />
            ) : null}
            {methods.includes('passkey') ? (
              <Button
                type="button"
                variant="secondary"
                pending={pending}
                onClick={() =>
                  void stepUpPasskeyAssertion().then((assertion) =>
                    assertion.ok
                      ? add(null, assertion.json)
                      : setOutcome({ status: 'error', message: assertion.message }),
                  )
                }
              >
                Confirm with a passkey
              </Button>
            ) : null}
          </>
        ) : null}
        <Button type="submit" pending={pending}>
          Add a passkey
        </Button>
      </form>
      <FormOutcome status={outcome.status}>{outcome.message}</FormOutcome>
    </div>
  );
}
