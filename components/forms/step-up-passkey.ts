'use client';

import { startAuthentication } from '@simplewebauthn/browser';

/**
 * A passkey assertion that confirms a change (step-up): options bound to the signed-in account
 * (POST /api/passkeys/stepUp/options, with the session cookie), then the browser's passkey prompt. The JSON goes
 * into the change's `passkeyAssertion` field.
 */
export async function stepUpPasskeyAssertion(): Promise<{ ok: true; json: string } | { ok: false; message: string }> {
  let options: Record<string, unknown>;
  try {
    const response = await fetch('/api/passkeys/stepUp/options', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    options = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      return { ok: false, message: typeof options.error === 'string' ? options.error : 'Try again.' };
    }
  } catch {
    return { ok: false, message: 'The server could not be reached. Try again.' };
  }
  try {
    const credential = await startAuthentication({ optionsJSON: options as never });
    return { ok: true, json: JSON.stringify(credential) };
  } catch {
    return { ok: false, message: 'No passkey was used. Try again, or use your password.' };
  }
}
