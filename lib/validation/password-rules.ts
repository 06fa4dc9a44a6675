// No zod here: the strength hint gives the schema's verdict without loading the schemas with the page.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const PASSWORD_TOO_SHORT = `A password has at least ${PASSWORD_MIN} characters.`;
export const PASSWORD_TOO_LONG = `A password has at most ${PASSWORD_MAX} characters.`;

export function passwordMatchesIdentity(candidate: string, identity: { username?: string; email?: string }): boolean {
  const lowered = candidate.trim().toLowerCase();
  return (
    (identity.username !== undefined && lowered === identity.username.trim().toLowerCase()) ||
    (identity.email !== undefined && lowered === identity.email.trim().toLowerCase())
  );
}

export const PASSWORD_IS_IDENTITY = 'Your password must not be your username or email address.';
/** Said by the domain (lib/auth/passwords.ts) and by the strength hint once it has loaded the list in the browser. */
export const PASSWORD_IS_COMMON = 'This password is too common; choose one that is harder to guess.';
