/**
 * The shared schemas, loaded on demand in the browser: a form's first render
 * needs none of zod; its first validation (blur or submit) loads the schema —
 * the same one the server action and the route use.
 */
export const lazySchema = {
  login: () => import('./account').then((m) => m.loginSchema),
  signUp: () => import('./account').then((m) => m.signUpSchema),
  changePassword: () => import('./account').then((m) => m.changePasswordSchema),
  changeEmail: () => import('./account').then((m) => m.changeEmailSchema),
  changeUsername: () => import('./account').then((m) => m.changeUsernameSchema),
  deleteAccount: () => import('./account').then((m) => m.deleteAccountSchema),
  contactDetails: () => import('./profile').then((m) => m.contactDetailsSchema),
  socialLinks: () => import('./profile').then((m) => m.socialLinksSchema),
  forgotPassword: () => import('./email').then((m) => m.forgotPasswordSchema),
  newPassword: () => import('./email').then((m) => m.resetPasswordSchema),
  providerSignUp: () => import('./sign-in-providers').then((m) => m.providerSignUpSchema),
  cancelDeletion: () => import('./email').then((m) => m.cancelDeletionSchema),
  secondStep: () => import('./two-step').then((m) => m.secondStepSchema),
  startTotp: () => import('./two-step').then((m) => m.startTotpSchema),
  confirmTotp: () => import('./two-step').then((m) => m.confirmTotpSchema),
  totpChange: () => import('./two-step').then((m) => m.totpChangeSchema),
};
