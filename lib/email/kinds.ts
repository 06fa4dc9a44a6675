/** Every mail the app sends, with what its template needs. `name` (the first name) is no longer printed. */
export type MailMessage =
  | { kind: 'verify_email'; to: string; name: string; link: string }
  | { kind: 'reset_password'; to: string; name: string; link: string }
  | { kind: 'email_changed'; to: string; name: string; newEmail: string; revertLink: string }
  | { kind: 'password_changed'; to: string; name: string }
  | { kind: 'username_changed'; to: string; name: string; username: string }
  | { kind: 'account_deleted'; to: string; name: string };

export type MailKind = MailMessage['kind'];
