import type { z } from 'zod';
import { isDatabaseUnavailable } from '../platform/db-errors';
import { errorState, invalidState, isNextField, unavailableState, type FormState } from './form-state';
import type { Failure } from '../platform/result';
import type { ResolvedSession } from '../auth/sessions';

/**
 * Who may run an action. Requiring a session is the default, so an action that
 * forgets to say anything is still protected; opting out is written out.
 */
export type ActionAuth = 'session' | 'none';

export type FormActionOptions<S extends z.ZodType, A extends ActionAuth> = {
  /** The shared zod schema of this input (the same one the API route and the browser form use). */
  schema: S;
  auth?: A;
  /** The page the form lives on: a signed-out caller logs in and comes back here. */
  returnTo?: string;
  /** Adjusts the converted form values before validation (e.g. a "remove image" box); rarely needed. */
  prepare?: (values: Record<string, unknown>) => Record<string, unknown>;
};

export type FormActionContext<S extends z.ZodType, A extends ActionAuth> = {
  input: z.output<S>;
  session: A extends 'none' ? null : ResolvedSession;
  formData: FormData;
};

/** What a handler answers: a form state, or a domain failure (shown with the submitted values kept). */
export type FormActionHandler<S extends z.ZodType, A extends ActionAuth> = (
  context: FormActionContext<S, A>,
) => Promise<FormState | Failure>;

export type ServerFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** How the wrapper finds the caller's session; in the app, lib/http/dal.ts's `requireSession` (redirects to log in). */
export type SessionRequirement = (returnTo: string) => Promise<ResolvedSession>;

/**
 * Counts this request against the per-address API limit (RATE_LIMIT_API_PER_MINUTE), as every API
 * route does; in the app, server-action.ts's, which reads the client address the runner set.
 */
export type AddressLimit = () => Promise<Failure<'rate_limited'> | null>;

/**
 * Builds `formAction(options, handler)`: the per-address limit → FormData → plain object (once, here) →
 * the shared schema → the session (unless `auth: 'none'`) → the handler; a
 * database outage becomes a form message, as the API answers it with a 503.
 * redirect() and notFound() pass through: they are thrown, and are no outage.
 */
export function createFormAction(requireSession: SessionRequirement, limitAddress: AddressLimit) {
  return function formAction<S extends z.ZodType, A extends ActionAuth = 'session'>(
    options: FormActionOptions<S, A>,
    handler: FormActionHandler<S, A>,
  ): ServerFormAction {
    return async (_previous, formData) => {
      try {
        // Before anything else, as the API does: a refused caller costs no session lookup or parsing.
        const refused = await limitAddress();
        if (refused) return errorState(refused.message, formData);
        const session = options.auth === 'none' ? null : await requireSession(options.returnTo ?? '/profile');
        const values = await formObject(formData);
        const parsed = await options.schema.safeParseAsync(options.prepare ? options.prepare(values) : values);
        if (!parsed.success) return invalidState(parsed.error, formData);
        const answer = await handler({ input: parsed.data, session, formData } as FormActionContext<S, A>);
        return 'ok' in answer ? errorState(answer.message, formData, answer.fields) : answer;
      } catch (error) {
        if (isDatabaseUnavailable(error)) return unavailableState(formData);
        throw error;
      }
    };
  };
}

/**
 * FormData → plain object for the shared zod schema. A chosen file becomes
 * base64 (the API's form of an upload; the schema sniffs its bytes); an empty
 * file input is dropped, so it changes nothing.
 */
async function formObject(formData: FormData): Promise<Record<string, unknown>> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (isNextField(key)) continue;
    if (typeof value === 'string') object[key] = value;
    else if (value.size > 0) object[key] = Buffer.from(await value.arrayBuffer()).toString('base64');
  }
  return object;
}
