import 'server-only';
import { requireSession } from './dal';
import { createFormAction } from './form-action';

/**
 * The wrapper every server action in app/actions is built with:
 *
 *   export const saveThing = formAction({ schema: thingSchema, returnTo: '/things' }, async ({ input, session }) => …);
 *   export const logIn = formAction({ schema: loginSchema, auth: 'none' }, async ({ input }) => …);
 */
export const formAction = createFormAction(requireSession);
