import { pendingEmailChange } from '@/lib/account/accounts';
import type { ResolvedSession } from '@/lib/auth/sessions';
import { PendingEmailChangeBox } from './pending-email-change-box';

/** The address waiting for its confirmation link, with Cancel; nothing when no change is pending. */
export async function PendingEmailChange({ session }: { session: ResolvedSession }) {
  return <PendingEmailChangeBox pending={await pendingEmailChange(session)} current={session.user.email} />;
}
