/** The device token's cookie: `__Host-device` over https (set only by this origin), `device` over http. */
export function deviceCookieName(secure: boolean): string {
  return secure ? '__Host-device' : 'device';
}

export function deviceCookieOptions(secure: boolean, expiresAt: Date) {
  return {
    httpOnly: true,
    // Only ever read by this site's own login and sign-up forms.
    sameSite: 'strict' as const,
    path: '/',
    secure,
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
}

/** API clients send the token from their login answer back in this header. */
export const DEVICE_TOKEN_HEADER = 'x-device-token';
