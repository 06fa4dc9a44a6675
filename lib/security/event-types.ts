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
  'deletion_scheduled',
  'deletion_cancelled',
  'data_exported',
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
  deletion_scheduled: 'Account deletion scheduled',
  deletion_cancelled: 'Account deletion cancelled',
  data_exported: 'Data downloaded',
};
