'use client';

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { useForm, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { initialFormState, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * react-hook-form with the shared zod schema in the browser, a server action
 * that validates again, and a plain <form action> underneath so the form still
 * submits without JavaScript.
 */
/** A resolver that loads zod, the resolver and the schema at the first validation, not with the page. */
function lazyZodResolver(loadSchema: () => Promise<z.ZodType>): Resolver {
  let resolver: Promise<Resolver> | undefined;
  return async (values, context, options) => {
    resolver ??= Promise.all([import('@hookform/resolvers/zod'), loadSchema()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema as never) as unknown as Resolver,
    );
    return (await resolver)(values, context, options);
  };
}

export function useActionForm<Values extends FieldValues>(
  loadSchema: () => Promise<z.ZodType<unknown, Values>>,
  action: Action,
  defaults: Partial<Record<keyof Values, string>> = {},
) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const values = { ...defaults, ...(state.values ?? {}) } as Record<string, string | undefined>;
  const [resolver] = useState(() => lazyZodResolver(loadSchema as () => Promise<z.ZodType>));
  const form = useForm<Values>({
    // The resolver only validates; the DOM's FormData is what is sent.
    resolver: resolver as never,
    mode: 'onTouched',
    defaultValues: values as never,
  });
  const formRef = useRef<HTMLFormElement>(null);
  const [serverErrors, setServerErrors] = useState(state.fields ?? {});

  // Each new answer from the server replaces its field errors (set during render, not in an effect).
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setServerErrors(state.fields ?? {});
  }
  // A server error on a field goes away as soon as that field is edited.
  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          if (name) setServerErrors((current) => (name in current ? { ...current, [name]: '' } : current));
        },
      }),
    [form],
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    void form.handleSubmit(() => {
      const data = new FormData(formRef.current!);
      startTransition(() => formAction(data));
    })(event);
  };

  const errorFor = (name: Path<Values>): string | undefined =>
    (form.formState.errors[name]?.message as string | undefined) || serverErrors[name] || undefined;

  /** Props for a <Field>: registration, the current value for no-JS renders, and its error. */
  const field = (name: Path<Values>) => ({
    ...form.register(name),
    defaultValue: values[name] ?? '',
    error: errorFor(name),
  });

  return { form, state, pending, formRef, formAction, onSubmit, errorFor, field };
}
