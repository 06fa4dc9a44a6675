import 'server-only';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { issueDeviceToken } from '../auth/device-token';
import { createSession } from '../auth/sessions';
import { clientInfo } from './session-cookie';

/** What POST /api/login answers a signed-in API client (and POST /api/login/mfa after the second step). */
export const apiSessionSchema = z.object({
  message: z.string().describe('The session code (legacy field).'),
  sessionCode: z.string(),
  expiresAt: z.string().datetime(),
  deviceToken: z.string().describe('Send it back as X-Device-Token when logging in to this account again.'),
});

export const DEVICE_TOKEN_HEADER_DOC =
  'The deviceToken of an earlier successful login to this account. Its holder keeps its own allowance of ' +
  'failed attempts, so failures by others (which pause the account from the 5th, for 1 s doubling to 15 min) ' +
  'never lock it out, and its sign-ins are not reported as from a new device. Browsers hold it in an httpOnly cookie instead.';

export async function startApiSession(userId: number, request: NextRequest): Promise<z.input<typeof apiSessionSchema>> {
  const session = await createSession(userId, clientInfo(request.headers));
  const device = await issueDeviceToken(userId);
  // `message` carries the code too: that is where the old clients read it.
  return {
    message: session.code,
    sessionCode: session.code,
    expiresAt: session.expiresAt.toISOString(),
    deviceToken: device.token,
  };
}
