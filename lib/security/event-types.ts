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
  'current_password_failure',
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
  current_password_failure: 'Wrong current password entered in settings',
};
