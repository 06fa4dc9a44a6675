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
  'new_device_sign_in',
  'mfa_enabled',
  'mfa_disabled',
  'recovery_codes_regenerated',
  'recovery_code_used',
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
  new_device_sign_in: 'Signed in from a new device',
  mfa_enabled: 'Two-step sign-in turned on',
  mfa_disabled: 'Two-step sign-in turned off',
  recovery_codes_regenerated: 'New recovery codes made',
  recovery_code_used: 'Recovery code used to sign in',
};
