import * as activity from '../activity/route';
import * as cancelDeletion from '../cancelDeletion/route';
import * as changeEmail from '../changeEmail/route';
import * as changePassword from '../changePassword/route';
import * as changeUsername from '../changeUsername/route';
import * as checkEmail from '../checkEmail/route';
import * as checkUsername from '../checkUsername/route';
import * as confirmEmailChange from '../confirmEmailChange/route';
import * as creareCont from '../creare-cont/route';
import * as docs from '../docs/route';
import * as docsAsset from '../docs/[asset]/route';
import * as exportData from '../export/route';
import * as forgotPassword from '../forgotPassword/route';
import * as deleteAccount from '../deleteAccount/route';
import * as getProfile from '../getProfile/route';
import * as health from '../health/route';
import * as intraInCont from '../intra-in-cont/route';
import * as live from '../live/route';
import * as login from '../login/route';
import * as loginMfa from '../login/mfa/route';
import * as loginPasskeyOptions from '../login/passkey/options/route';
import * as loginPasskeyVerify from '../login/passkey/verify/route';
import * as logout from '../logout/route';
import * as mfaRecoveryCodes from '../mfa/recoveryCodes/route';
import * as mfaTotp from '../mfa/totp/route';
import * as mfaTotpConfirm from '../mfa/totp/confirm/route';
import * as passkeysList from '../passkeys/route';
import * as passkey from '../passkeys/[id]/route';
import * as passkeyRegisterOptions from '../passkeys/register/options/route';
import * as passkeyRegisterVerify from '../passkeys/register/verify/route';
import * as passkeyStepUpOptions from '../passkeys/stepUp/options/route';
import * as profileImage from '../profileImage/[userId]/route';
import * as publicCard from '../publicCard/route';
import * as resendVerification from '../resendVerification/route';
import * as resetPassword from '../resetPassword/route';
import * as revertEmailChange from '../revertEmailChange/route';
import * as sessions from '../sessions/route';
import * as session from '../sessions/[id]/route';
import * as setContactDetail from '../setContactDetail/route';
import * as setSocialLink from '../setSocialLink/route';
import * as verifyEmail from '../verifyEmail/route';
import type { DocumentedRoute } from '@/lib/http/openapi';

/**
 * Every route module under app/api with its OpenAPI path. The facts of each
 * method are declared in the route file itself (see lib/http/route.ts); this
 * list only says where each file is mounted. tests/openapi.test.ts fails when
 * a route directory is missing here.
 */
export const DOCUMENTED_ROUTES: DocumentedRoute[] = [
  { path: '/api/creare-cont', handlers: creareCont },
  { path: '/api/intra-in-cont', handlers: intraInCont, summary: 'Alias of /api/creare-cont.' },
  { path: '/api/checkUsername', handlers: checkUsername },
  { path: '/api/checkEmail', handlers: checkEmail },
  { path: '/api/login', handlers: login },
  { path: '/api/login/mfa', handlers: loginMfa },
  { path: '/api/login/passkey/options', handlers: loginPasskeyOptions },
  { path: '/api/login/passkey/verify', handlers: loginPasskeyVerify },
  { path: '/api/logout', handlers: logout },
  { path: '/api/passkeys', handlers: passkeysList },
  { path: '/api/passkeys/{id}', handlers: passkey },
  { path: '/api/passkeys/register/options', handlers: passkeyRegisterOptions },
  { path: '/api/passkeys/register/verify', handlers: passkeyRegisterVerify },
  { path: '/api/passkeys/stepUp/options', handlers: passkeyStepUpOptions },
  { path: '/api/mfa/totp', handlers: mfaTotp },
  { path: '/api/mfa/totp/confirm', handlers: mfaTotpConfirm },
  { path: '/api/mfa/recoveryCodes', handlers: mfaRecoveryCodes },
  { path: '/api/getProfile', handlers: getProfile },
  { path: '/api/profileImage/{userId}', handlers: profileImage },
  { path: '/api/setContactDetail', handlers: setContactDetail },
  { path: '/api/setSocialLink', handlers: setSocialLink },
  { path: '/api/publicCard', handlers: publicCard },
  { path: '/api/changePassword', handlers: changePassword },
  { path: '/api/changeEmail', handlers: changeEmail },
  { path: '/api/confirmEmailChange', handlers: confirmEmailChange },
  { path: '/api/changeUsername', handlers: changeUsername },
  { path: '/api/deleteAccount', handlers: deleteAccount },
  { path: '/api/cancelDeletion', handlers: cancelDeletion },
  { path: '/api/export', handlers: exportData },
  { path: '/api/sessions', handlers: sessions },
  { path: '/api/sessions/{id}', handlers: session },
  { path: '/api/activity', handlers: activity },
  { path: '/api/resendVerification', handlers: resendVerification },
  { path: '/api/verifyEmail', handlers: verifyEmail },
  { path: '/api/forgotPassword', handlers: forgotPassword },
  { path: '/api/resetPassword', handlers: resetPassword },
  { path: '/api/revertEmailChange', handlers: revertEmailChange },
  { path: '/api/health', handlers: health },
  { path: '/api/live', handlers: live },
  { path: '/api/docs', handlers: docs },
  { path: '/api/docs/{asset}', handlers: docsAsset },
];
