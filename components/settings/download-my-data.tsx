'use client';

import { useRef, useState, type FormEvent } from 'react';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Section } from '@/components/ui/section';
import type { FormState } from '@/lib/http/form-state';

/** The API's filename for the archive, from Content-Disposition; a plain default otherwise. */
function filenameOf(response: Response): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? 'profile-hub-data.zip';
}

/**
 * "Download my data": GET /api/export. With JavaScript, the current password (needed when the sign-in is older
 * than 10 minutes) travels in X-Current-Password and the ZIP is saved from the answer; without it, the form is a
 * plain GET (the password field has no name, so it never lands in a URL) that works for a fresh sign-in.
 */
export function DownloadMyData() {
  const [outcome, setOutcome] = useState<FormState>({ status: 'initial' });
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function download(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    try {
      const password = form.current?.querySelector<HTMLInputElement>('input[type="password"]');
      const typed = password?.value ?? '';
      const response = await fetch('/api/export', {
        headers: typed ? { 'x-current-password': typed } : {},
        credentials: 'same-origin',
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setOutcome({
          status: 'error',
          message: body?.error ?? 'The download failed. Please try again.',
          at: Date.now(),
        });
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filenameOf(response);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      if (password) password.value = '';
      setOutcome({ status: 'success', message: 'Your data was downloaded. We emailed you a notice.', at: Date.now() });
    } catch {
      setOutcome({
        status: 'error',
        message: 'The download failed. Check your connection and try again.',
        at: Date.now(),
      });
    } finally {
      setPending(false);
    }
  }

  return (
    <Section
      title="Download my data"
      description="A ZIP with everything Profile Hub keeps about your account (as JSON) and your profile image. No passwords or codes are in it."
    >
      <form
        ref={form}
        method="get"
        action="/api/export"
        onSubmit={download}
        aria-label="Download my data"
        className="space-y-5"
      >
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          hint="Needed if you signed in more than 10 minutes ago."
        />
        <FormOutcome key={outcome.at ?? 0} status={outcome.status}>
          {outcome.message}
        </FormOutcome>
        <Button type="submit" variant="secondary" pending={pending}>
          Download my data
        </Button>
      </form>
    </Section>
  );
}
