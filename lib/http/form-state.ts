import type { z } from 'zod';
import type { FieldErrors } from '../platform/result';
import { fieldErrors } from '../validation/field-errors';

/** What a server action hands back to its form: never a password. */
export type FormState = {
  status: 'initial' | 'success' | 'error';
  message?: string;
  fields?: FieldErrors;
  /** The submitted non-secret values, so a form re-rendered without JavaScript loses nothing. */
  values?: Record<string, string>;
  /** What an answer offers the page to do next (e.g. a cancel-deletion token after the password was proven). */
  offer?: Record<string, string>;
  /** What a success hands the form to show once (a new key, recovery codes); never a password. */
  data?: Record<string, string | string[]>;
  /** Bumped on every answer so client forms can react to a repeated identical outcome. */
  at?: number;
};

/** The state a form starts in, before its first answer. */
export const initialFormState: FormState = { status: 'initial' };

const SECRET = /password/i;

/** Next's own hidden fields ($ACTION_ID…) are not the user's input. */
export const isNextField = (key: string) => key.startsWith('$ACTION');

export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !SECRET.test(key) && !isNextField(key)) values[key] = value;
  }
  return values;
}

export function errorState(message: string, formData?: FormData, fields?: FieldErrors): FormState {
  return { status: 'error', message, fields, values: formData ? submittedValues(formData) : undefined, at: Date.now() };
}

export function invalidState(error: z.ZodError, formData: FormData): FormState {
  return errorState('Please correct the highlighted fields.', formData, fieldErrors(error));
}

/** The database cannot be reached: the API's 503, as a form message; nothing typed is lost. */
export function unavailableState(formData: FormData): FormState {
  return errorState('The service is temporarily unavailable. Please try again in a moment.', formData);
}

export function successState(message: string, values?: Record<string, string>): FormState {
  return { status: 'success', message, values, at: Date.now() };
}
