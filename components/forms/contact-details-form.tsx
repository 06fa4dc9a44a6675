'use client';

import { useEffect, useState, type ChangeEvent } from 'react';
import { saveContactDetails } from '@/app/actions/profile';
import { buttonClasses } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '@/lib/validation/images';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { PlaceFields } from './place-fields';
import { useActionForm } from './use-action-form';
import { ActionForm } from './action-form';

// The inputs lie invisible over their button-like labels (a click lands on the input itself); the label shows focus.
const OVERLAY = 'absolute inset-0 size-full cursor-pointer opacity-0';
const FOCUS_WITHIN =
  'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600 dark:has-focus-visible:outline-brand-300';

type Values = {
  occupation: string;
  homeAddress: string;
  country: string;
  county: string;
  firstName: string;
  lastName: string;
};

export function ContactDetailsForm({ values, image }: { values: Values; image: string | null }) {
  const { form, state, outcome, pending, field, formProps } = useActionForm(
    lazySchema.contactDetails,
    saveContactDetails,
    values,
  );
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
    <ActionForm props={formProps} label="Contact details">
      {/* A picker, not a bare file input: the current photo with "Change" and "Remove"
          (both work without JavaScript). */}
      <div className="flex flex-wrap items-center gap-4">
        <div className="grid size-24 shrink-0 place-items-center overflow-hidden rounded-full bg-brand-100 text-sm text-brand-800 ring-4 ring-brand-50 dark:bg-brand-800 dark:text-brand-50 dark:ring-brand-700">
          {shown ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={shown}
              alt={preview ? 'Preview of the new profile image' : 'Current profile image'}
              className="size-full object-cover"
            />
          ) : (
            <span>No photo</span>
          )}
        </div>
        <div className="min-w-0 flex-1 space-y-2">
          <p aria-hidden="true" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Profile image
          </p>
          <div className="flex flex-wrap gap-2">
            <label className={`${buttonClasses('secondary')} relative cursor-pointer ${FOCUS_WITHIN}`}>
              <input
                key={savedAt}
                type="file"
                name="image"
                accept={IMAGE_TYPES.join(',')}
                onChange={onImage}
                aria-invalid={imageFieldError ? true : undefined}
                aria-describedby={`photo-hint${imageFieldError ? ' photo-error' : ''}`}
                className={OVERLAY}
              />
              {image || preview ? 'Change' : 'Add a photo'}
              <span className="sr-only"> (profile image)</span>
            </label>
            {image || preview ? (
              <label
                className={`${buttonClasses('secondary')} relative cursor-pointer has-checked:border-red-600 has-checked:text-red-800 dark:has-checked:border-red-400 dark:has-checked:text-red-200 ${FOCUS_WITHIN}`}
              >
                <input
                  type="checkbox"
                  name="removeImage"
                  checked={remove}
                  onChange={(event) => setRemove(event.target.checked)}
                  className={OVERLAY}
                />
                Remove<span className="sr-only"> image</span>
              </label>
            ) : null}
          </div>
          <p id="photo-hint" className="text-sm text-slate-600 dark:text-slate-400">
            {remove ? 'The photo will be removed when you save.' : 'PNG, JPEG, GIF or WebP, up to 2 MiB.'}
          </p>
          <p id="photo-error" aria-live="polite" className="text-sm font-medium text-red-700 dark:text-red-300">
            {imageFieldError}
          </p>
        </div>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="First name" autoComplete="given-name" {...field('firstName')} />
        <Field label="Last name" autoComplete="family-name" {...field('lastName')} />
        <Field
          label="Occupation"
          placeholder="What do you do?"
          autoComplete="organization-title"
          {...field('occupation')}
        />
        <Field
          label="Home address"
          placeholder="Where are you based?"
          autoComplete="street-address"
          {...field('homeAddress')}
        />
        <PlaceFields form={form as never} country={field('country')} county={field('county')} />
      </div>
      <FormFooter state={outcome} pending={pending} />
    </ActionForm>
  );
}
