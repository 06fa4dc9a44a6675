'use client';

import { useEffect, useState, type ChangeEvent } from 'react';
import { saveContactDetails } from '@/app/actions/profile';
import { Field } from '@/components/ui/field';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '@/lib/images';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';

type Values = { occupation: string; homeAddress: string; country: string; county: string; firstName: string; lastName: string };

export function ContactDetailsForm({ values, image }: { values: Values; image: string | null }) {
  const { state, pending, formRef, formAction, onSubmit, field } = useActionForm(lazySchema.contactDetails, saveContactDetails, values);
  // Choices made before the last successful save are history: the server's image is the truth again.
  const savedAt = state.status === 'success' ? (state.at ?? 0) : 0;
  const [chosen, setChosen] = useState<{ url: string; at: number } | null>(null);
  const [removal, setRemoval] = useState<{ remove: boolean; at: number }>({ remove: false, at: 0 });
  const [imageError, setImageError] = useState<string | undefined>();
  const preview = chosen && chosen.at > savedAt ? chosen.url : null;
  const remove = removal.remove && removal.at > savedAt;
  const setRemove = (value: boolean) => setRemoval({ remove: value, at: Date.now() });

  useEffect(() => () => void (chosen && URL.revokeObjectURL(chosen.url)), [chosen]);

  // A quick check for a friendly message; the server reads the bytes and decides.
  function onImage(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setImageError(undefined);
    setChosen(null);
    if (!file) return;
    if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
      setImageError('Choose a PNG, JPEG, GIF or WebP image.');
      event.target.value = '';
      return;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      setImageError('The image is larger than 2 MiB.');
      event.target.value = '';
      return;
    }
    setRemove(false);
    setChosen({ url: URL.createObjectURL(file), at: Date.now() });
  }

  const shown = remove ? null : (preview ?? image);
  const imageFieldError = imageError ?? state.fields?.image;

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Contact details" className="space-y-5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        <div className="grid size-24 shrink-0 place-items-center overflow-hidden rounded-full bg-brand-100 text-sm text-brand-800 ring-4 ring-brand-50 dark:bg-brand-800 dark:text-brand-50 dark:ring-brand-700">
          {shown ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={shown} alt={preview ? 'Preview of the new profile image' : 'Current profile image'} className="size-full object-cover" />
          ) : (
            <span>No image</span>
          )}
        </div>
        <div className="min-w-0 flex-1 space-y-2">
          <Field
            key={savedAt}
            label="Profile image"
            type="file"
            name="image"
            accept={IMAGE_TYPES.join(',')}
            onChange={onImage}
            error={imageFieldError}
            hint="PNG, JPEG, GIF or WebP, up to 2 MiB."
            className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-brand-600 file:px-3 file:py-2 file:font-semibold file:text-white dark:file:bg-brand-400 dark:file:text-slate-950"
          />
          {image || preview ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="removeImage" checked={remove} onChange={(event) => setRemove(event.target.checked)} className="size-4 accent-brand-600" />
              Remove image
            </label>
          ) : null}
        </div>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="First name" autoComplete="given-name" {...field('firstName')} />
        <Field label="Last name" autoComplete="family-name" {...field('lastName')} />
        <Field label="Occupation" placeholder="What do you do?" autoComplete="organization-title" {...field('occupation')} />
        <Field label="Home address" placeholder="Where are you based?" autoComplete="street-address" {...field('homeAddress')} />
        <Field label="Country" placeholder="Which country?" autoComplete="country-name" {...field('country')} />
        <Field label="County" placeholder="County or region" autoComplete="address-level1" {...field('county')} />
      </div>
      <FormFooter state={state} pending={pending} />
    </form>
  );
}
