'use client';

import { saveSocialLinks } from '@/app/actions/profile';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextArea } from '@/components/ui/field';
import { characterCount, DESCRIPTION_MAX } from '@/lib/validation/fields';
import { socialLinksSchema } from '@/lib/validation/profile';
import { useActionForm } from './use-action-form';

type Values = { linkedIn: string; faceBook: string; gitHub: string; instagram: string; twitter: string; youtube: string; description: string };

const LINKS = [
  { name: 'linkedIn', label: 'LinkedIn', placeholder: 'https://www.linkedin.com/in/you' },
  { name: 'faceBook', label: 'Facebook', placeholder: 'https://www.facebook.com/you' },
  { name: 'gitHub', label: 'GitHub', placeholder: 'https://github.com/you' },
  { name: 'instagram', label: 'Instagram', placeholder: 'https://www.instagram.com/you' },
  { name: 'twitter', label: 'Twitter', placeholder: 'https://x.com/you' },
  { name: 'youtube', label: 'YouTube', placeholder: 'https://www.youtube.com/@you' },
] as const;


export function SocialLinksForm({ values }: { values: Values }) {
  const { form, state, pending, formRef, formAction, onSubmit, field } = useActionForm(socialLinksSchema, saveSocialLinks, values);
  const description = form.watch('description') ?? values.description;
  const used = characterCount(description ?? '');
  const left = DESCRIPTION_MAX - used;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Social links" className="space-y-5">
      <TextArea
        label="Description"
        rows={5}
        placeholder="A few lines about you: what you care about, what you are working on."
        hint={<span className={left < 0 ? 'font-semibold text-red-700 dark:text-red-300' : undefined}>{`${used} / ${DESCRIPTION_MAX} characters`}</span>}
        {...field('description')}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        {LINKS.map((link) => (
          <Field key={link.name} label={link.label} type="url" inputMode="url" placeholder={link.placeholder} {...field(link.name)} />
        ))}
      </div>
      <FormOutcome status={state.status}>{state.message}</FormOutcome>
      <Button type="submit" pending={pending}>
        Save
      </Button>
    </form>
  );
}
