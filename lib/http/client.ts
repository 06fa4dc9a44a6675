import type { NextRequest } from 'next/server';
import type { RequestClient } from '@/lib/account/accounts';
import { DEVICE_TOKEN_HEADER, deviceCookieName } from '@/lib/http/device-cookie';
import { clientInfo, isSecureRequest } from '@/lib/http/session-cookie';

/** The API client as the domain sees it; its device token comes from the header (API clients) or the cookie. */
export function requestClient(request: NextRequest): RequestClient {
  const deviceToken =
    request.headers.get(DEVICE_TOKEN_HEADER) ??
    request.cookies.get(deviceCookieName(isSecureRequest(request.headers)))?.value ??
    null;
  return { ...clientInfo(request.headers), deviceToken };
}
