'use client';

import { startTransition, useActionState, useEffect, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import { useForm, type FieldErrors, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { initialFormState, type FormState } from '@/lib/http/form-state';
import { deferWhilePointerHeld } from './pointer-hold';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export function invalidFieldsMessage(count: number) {
  return `Please correct the ${count} highlighted ${count === 1 ? 'field' : 'fields'}.`;
}

/** Focuses the first of `names` in document order (not registration order), so focus follows what people see. */
function focusFirst(form: HTMLFormElement | null, names: Iterable<string>) {
  const wanted = new Set(names);
  if (!form || wanted.size === 0) return;
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLElement && 'name' in element && wanted.has(String(element.name))) {
      element.focus();
      return;
    }
  }
}

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

/**
 * react-hook-form with the shared zod schema in the browser, a server action
 * that validates again, and a plain <form action> underneath so the form still
 * submits without JavaScript.
 *
 * Every submit validates every field, flags each invalid one, announces the
 * outcome and focuses the first invalid field. Work done when a field loses
 * focus (validation, availability checks) waits while a mouse button or finger
 * is down: messages appearing between mouse-down and mouse-up would move the
 * submit button away from the pointer, and the click would be lost.
 */
export function useActionForm<Values extends FieldValues>(
  loadSchema: () => Promise<z.ZodType<unknown, Values>>,
  action: Action,
  defaults: Partial<Record<keyof Values, string>> = {},
  { onValid, clearOnSuccess = false }: { onValid?: () => void; clearOnSuccess?: boolean } = {},
) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const values = { ...defaults, ...(state.values ?? {}) } as Record<string, string | undefined>;
  const [resolver] = useState(() => lazyZodResolver(loadSchema as () => Promise<z.ZodType>));
  const form = useForm<Values>({
    // The resolver only validates; the DOM's FormData is what is sent.
    resolver: resolver as never,
    mode: 'onTouched',
    shouldFocusError: false,
    defaultValues: values as never,
  });
  const formRef = useRef<HTMLFormElement>(null);
  const [serverErrors, setServerErrors] = useState(state.fields ?? {});
  // The outcome of a submit stopped in the browser; the newer of this and the server's answer is shown.
  const [local, setLocal] = useState<FormState>(initialFormState);

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
  // A refusal from the server moves focus to the first field it names; a form for a one-off change empties on success.
  useEffect(() => {
    const refused = Object.entries(state.fields ?? {}).filter(([, message]) => message);
    if (refused.length)
      focusFirst(
        formRef.current,
        refused.map(([name]) => name),
      );
    if (clearOnSuccess && state.status === 'success') {
      formRef.current?.reset();
      form.reset();
    }
  }, [state, clearOnSuccess, form]);

  const submitValid = () => {
    setLocal({ status: 'initial', at: Date.now() });
    if (onValid) return onValid();
    const data = new FormData(formRef.current!);
    startTransition(() => formAction(data));
  };
  const reportInvalid = (errors: FieldErrors<Values>) => {
    const names = Object.keys(errors);
    setLocal({ status: 'error', message: invalidFieldsMessage(names.length), at: Date.now() });
    focusFirst(formRef.current, names);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => void form.handleSubmit(submitValid, reportInvalid)(event);

  const outcome = (local.at ?? 0) > (state.at ?? 0) ? local : state;

  const errorFor = (name: Path<Values>): string | undefined =>
    (form.formState.errors[name]?.message as string | undefined) || serverErrors[name] || undefined;

  /**
   * Props for a <Field>: registration, the current value for no-JS renders, and its error.
   * `onBlur` runs after the field's own blur handling, under the same pointer rule.
   */
  const field = (name: Path<Values>, extra: { onBlur?: (value: string) => void } = {}) => {
    const registered = form.register(name);
    return {
      ...registered,
      onBlur: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
        const { value } = event.target;
        deferWhilePointerHeld(() => {
          void registered.onBlur(event);
          extra.onBlur?.(value);
        });
      },
      defaultValue: values[name] ?? '',
      error: errorFor(name),
    };
  };

  /** What every such <form> carries: the action underneath (works without JavaScript) and the checked submit. */
  const formProps = { ref: formRef, action: formAction, onSubmit, noValidate: true };

  return { form, state, outcome, pending, formRef, formAction, onSubmit, formProps, errorFor, field };
}

/** What `field(name)` hands to a <Field>, <TextArea> or <SelectField>. */
export type ActionFieldProps = ReturnType<ReturnType<typeof useActionForm>['field']>;
