import 'server-only';
import { headers } from 'next/headers';
import { limitClient } from '../security/rate-limit';
import { requireSession } from './dal';
import { createFormAction } from './form-action';
import { clientInfo } from './session-cookie';

/** A browser mutation counts against the same per-address API limit as an API request from that address. */
async function limitBrowserAddress() {
  return limitClient('api', clientInfo(await headers()).ip);
}

/**
 * The wrapper every server action in app/actions is built with:
 *
 *   export const saveThing = formAction({ schema: thingSchema, returnTo: '/things' }, async ({ input, session }) => …);
 *   export const logIn = formAction({ schema: loginSchema, auth: 'none' }, async ({ input }) => …);
 */
export const formAction = createFormAction(requireSession, limitBrowserAddress);
