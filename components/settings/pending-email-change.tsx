import { EmailAddress } from '@/components/ui/email-address';
import { pendingEmailChange } from '@/lib/account/accounts';
import type { ResolvedSession } from '@/lib/auth/sessions';
import { CancelEmailChangeForm } from './cancel-email-change-form';

/** The address waiting for its confirmation link, with Cancel; nothing when no change is pending. */
export async function PendingEmailChange({ session }: { session: ResolvedSession }) {
  const pending = await pendingEmailChange(session);
  if (!pending) return null;
  return (
    <div
      role="group"
      aria-label="Pending email change"
      className="mb-5 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>
        Waiting for <EmailAddress email={pending} /> to confirm: open the link we sent there. Until then you sign in
        with <EmailAddress as="span" email={session.user.email} />.
      </p>
      <CancelEmailChangeForm />
    </div>
  );
}
