export const SECURITY_EVENT_TYPES = [
  'signup',
  'login_success',
  'login_failure',
  'login_throttled',
  'logout',
  'password_changed',
  'email_changed',
  'username_changed',
  'session_revoked',
  'session_evicted',
  'password_reset',
  'email_change_requested',
  'email_change_cancelled',
  'email_reverted',
  'provider_linked',
  'provider_unlinked',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** How each event reads in "Recent activity". */
export const EVENT_LABELS: Record<SecurityEventType, string> = {
  signup: 'Account created',
  login_success: 'Signed in',
  login_failure: 'Failed sign-in attempt',
  login_throttled: 'Sign-ins paused after repeated failures',
  logout: 'Signed out',
  password_changed: 'Password changed',
  email_changed: 'Email changed',
  username_changed: 'Username changed',
  session_revoked: 'Session revoked',
  session_evicted: 'Oldest session ended: too many sessions at once',
  password_reset: 'Password reset from an emailed link',
  email_change_requested: 'Email change requested',
  email_change_cancelled: 'Email change cancelled',
  email_reverted: 'Email change undone from an emailed link',
  provider_linked: 'Sign-in provider linked',
  provider_unlinked: 'Sign-in provider unlinked',
};
