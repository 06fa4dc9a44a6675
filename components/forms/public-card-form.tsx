'use client';

import { useActionState, useState } from 'react';
import { savePublicCardAction } from '@/app/actions/public-card';
import { Button } from '@/components/ui/button';
import { initialFormState } from '@/lib/http/form-state';
import { PUBLIC_CARD_PARTS, type PublicCardSettings } from '@/lib/validation/public-card';
import { FormFooter } from './form-footer';

const PRIVATE_PARTS = new Set(['showHomeAddress', 'showEmail']);

function Switch({
  name,
  label,
  defaultChecked,
  hint,
}: {
  name: string;
  label: string;
  defaultChecked: boolean;
  hint?: string;
}) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input
        type="checkbox"
        name={name}
        defaultChecked={defaultChecked}
        className="mt-0.5 size-4 shrink-0 accent-brand-600"
      />
      <span>
        <span className="font-medium">{label}</span>
        {hint ? <span className="block text-slate-600 dark:text-slate-400">{hint}</span> : null}
      </span>
    </label>
  );
}

export function PublicCardForm({ settings, url }: { settings: PublicCardSettings; url: string }) {
  const [state, formAction, pending] = useActionState(savePublicCardAction, initialFormState);
  return (
    <form action={formAction} aria-label="Public card" className="space-y-5">
      <Switch
        name="published"
        label={`Publish my card at ${url}`}
        defaultChecked={settings.published}
        hint="Off by default. Turning it off hides the card at once."
      />
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold">Show on the card</legend>
        {PUBLIC_CARD_PARTS.filter((part) => !PRIVATE_PARTS.has(part.key)).map((part) => (
          <Switch key={part.key} name={part.key} label={part.label} defaultChecked={settings[part.key]} />
        ))}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold">Private unless you tick them</legend>
        {PUBLIC_CARD_PARTS.filter((part) => PRIVATE_PARTS.has(part.key)).map((part) => (
          <Switch key={part.key} name={part.key} label={part.label} defaultChecked={settings[part.key]} />
        ))}
      </fieldset>
      <Switch
        name="allowSearchEngines"
        label="Let search engines list my card"
        defaultChecked={settings.allowSearchEngines}
        hint="Otherwise the card asks them not to (noindex); people with the link can still open it."
      />
      {settings.published ? <CopyLink path={url} /> : null}
      <FormFooter state={state} pending={pending} />
    </form>
  );
}

function CopyLink({ path }: { path: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800/60">
      <a
        href={path}
        className="font-medium [overflow-wrap:anywhere] text-brand-700 underline underline-offset-2 dark:text-brand-300"
      >
        View my public card
      </a>
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(new URL(path, window.location.origin).href).then(
            () => setCopied('copied'),
            () => setCopied('failed'),
          )
        }
      >
        Copy link
      </Button>
      <span role="status">
        {copied === 'copied'
          ? 'Link copied.'
          : copied === 'failed'
            ? 'Could not copy; copy the link from the address bar.'
            : ''}
      </span>
    </div>
  );
}
