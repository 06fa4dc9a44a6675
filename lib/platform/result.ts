/** Every failure a domain function can report; adapters map these to JSON, form state or redirects. */
export type DomainErrorCode =
  | 'validation_failed'
  | 'invalid_credentials'
  | 'incorrect_password'
  | 'email_taken'
  | 'username_taken'
  | 'not_found'
  | 'unauthenticated'
  | 'rate_limited'
  | 'invalid_token'
  | 'unavailable'
  | 'deletion_scheduled'
  | 'reauthentication_required'
  | 'invalid_code'
  | 'incorrect_code'
  | 'mfa_already_enabled'
  | 'mfa_not_enabled'
  | 'second_factor_required';

export type FieldErrors = Record<string, string>;

export type Failure<C extends DomainErrorCode = DomainErrorCode> = {
  ok: false;
  code: C;
  message: string;
  fields?: FieldErrors;
  retryAfterSeconds?: number;
  /** Extra keys of the API's error body beside error and code (e.g. deletesAt); only what the caller has proven. */
  details?: Record<string, string>;
};
export type Success<T> = { ok: true; value: T };
export type Result<T, C extends DomainErrorCode = DomainErrorCode> = Success<T> | Failure<C>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

const MESSAGES: Record<DomainErrorCode, string> = {
  validation_failed: 'Some fields need attention.',
  invalid_credentials: 'That email or username and password do not match an account.',
  incorrect_password: 'Your current password is not correct.',
  email_taken: 'An account with this email address already exists.',
  username_taken: 'This username is taken.',
  not_found: 'Not found.',
  unauthenticated: 'Your session has ended or is not valid. Sign in again.',
  rate_limited: 'Too many attempts. Please wait a little and try again.',
  invalid_token: 'This link is not valid: it may have expired or been used already. Ask for a new one.',
  invalid_code: 'That code is not correct, or it was used already.',
  incorrect_code: 'That code is not correct, or it was used already. Enter the current code from your app.',
  mfa_already_enabled: 'Two-step sign-in is already on.',
  mfa_not_enabled: 'Two-step sign-in is not on (or its setup was not started).',
  unavailable: 'The service is temporarily unavailable. Please try again shortly.',
  deletion_scheduled: 'This account is scheduled for deletion.',
  reauthentication_required: 'For this, sign in again or confirm your current password.',
  second_factor_required:
    'This change needs your second factor too: a code from your authenticator app, a recovery code, or a passkey.',
};

export function fail<C extends DomainErrorCode>(
  code: C,
  extra: Partial<Omit<Failure<C>, 'ok' | 'code'>> = {},
): Failure<C> {
  return { ok: false, code, message: extra.message ?? MESSAGES[code], ...extra };
}

/** The success value changed by `map`; a failure passes through as it is. */
export function mapResult<T, U, C extends DomainErrorCode>(result: Result<T, C>, map: (value: T) => U): Result<U, C> {
  return result.ok ? ok(map(result.value)) : result;
}
