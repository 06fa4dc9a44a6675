import type { z } from 'zod';
import type { Failure, FieldErrors } from './result';
import { fieldErrors } from './validation/field-errors';

/** What a server action hands back to its form: never a password. */
export type FormState = {
  status: 'idle' | 'success' | 'error';
  message?: string;
  fields?: FieldErrors;
  /** The submitted non-secret values, so a form re-rendered without JavaScript loses nothing. */
  values?: Record<string, string>;
  /** Bumped on every answer so client forms can react to a repeated identical outcome. */
  at?: number;
};

export const idle: FormState = { status: 'idle' };

const SECRET = /password/i;

export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !SECRET.test(key) && !key.startsWith('$ACTION')) values[key] = value;
  }
  return values;
}

export function invalidState(error: z.ZodError, formData: FormData): FormState {
  return { status: 'error', message: 'Please correct the highlighted fields.', fields: fieldErrors(error), values: submittedValues(formData), at: Date.now() };
}

export function failureState(failure: Failure, formData: FormData): FormState {
  return { status: 'error', message: failure.message, fields: failure.fields, values: submittedValues(formData), at: Date.now() };
}

export function successState(message: string, values?: Record<string, string>): FormState {
  return { status: 'success', message, values, at: Date.now() };
}

/** FormData → plain object for the shared zod schema; empty optional file inputs are dropped. */
export function formObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    object[key] = value;
  }
  return object;
}
