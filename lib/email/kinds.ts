/** Every mail the app sends, with what its template needs. `name` (the first name) is no longer printed. */
export type MailMessage =
  | { kind: 'verify_email'; to: string; name: string; link: string }
  | { kind: 'reset_password'; to: string; name: string; link: string }
  | { kind: 'email_changed'; to: string; name: string; newEmail: string; revertLink: string }
  | { kind: 'confirm_email_change'; to: string; name: string; link: string }
  | { kind: 'email_change_requested'; to: string; name: string; newEmail: string; cancelLink: string }
  | { kind: 'password_changed'; to: string; name: string }
  | { kind: 'username_changed'; to: string; name: string; username: string }
  | { kind: 'account_deleted'; to: string; name: string }
  | { kind: 'deletion_scheduled'; to: string; name: string; deletesAt: string; cancelLink: string }
  | { kind: 'data_exported'; to: string; name: string }
  | { kind: 'two_step_changed'; to: string; name: string; change: TwoStepChange; codesLeft?: number }
  | { kind: 'new_sign_in'; to: string; name: string; device: string; ip: string };

/** What happened to two-step sign-in, for its notice. `recovery_code_used`: at sign-in (the older name). */
export type TwoStepChange =
  | 'enabled'
  | 'disabled'
  | 'codes_regenerated'
  | 'recovery_code_used'
  | 'recovery_code_used_for_change'
  | 'passkey_added'
  | 'passkey_removed';

export type MailKind = MailMessage['kind'];
