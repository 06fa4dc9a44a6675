'use client';

import { useWatch, type Control } from 'react-hook-form';
import { saveSocialLinks } from '@/app/actions/profile';
import { Field, TextArea } from '@/components/ui/field';
import { characterCount, DESCRIPTION_MAX } from '@/lib/validation/text';
import { SOCIAL_NETWORKS, type SocialLinkField } from '@/lib/validation/social-networks';
import { lazySchema } from '@/lib/validation/lazy';
import { FormFooter } from './form-footer';
import { useActionForm } from './use-action-form';
import { ActionForm } from './action-form';

type Values = Record<SocialLinkField, string> & { description: string };

/** Watches only the description, so typing re-renders the counter, not the form. */
function CharacterCounter({ control, initial }: { control: Control<Values>; initial: string }) {
  const used = characterCount(useWatch({ control, name: 'description' }) ?? initial);
  const left = DESCRIPTION_MAX - used;
  return (
    <span
      className={left < 0 ? 'font-semibold text-red-700 dark:text-red-300' : undefined}
    >{`${used} / ${DESCRIPTION_MAX} characters`}</span>
  );
}

export function SocialLinksForm({ values }: { values: Values }) {
  const { form, outcome, pending, field, formProps } = useActionForm(lazySchema.socialLinks, saveSocialLinks, values);
  return (
    <ActionForm props={formProps} label="Social links">
      <TextArea
        label="Description"
        rows={5}
        placeholder="A few lines about you: what you care about, what you are working on."
        hint={<CharacterCounter control={form.control as unknown as Control<Values>} initial={values.description} />}
        {...field('description')}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        {SOCIAL_NETWORKS.map((network) => (
          <Field
            key={network.field}
            label={network.label}
            type="url"
            inputMode="url"
            placeholder={network.placeholder}
            {...field(network.field)}
          />
        ))}
      </div>
      <FormFooter state={outcome} pending={pending} />
    </ActionForm>
  );
}
