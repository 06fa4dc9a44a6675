import { ResendVerificationForm } from '@/components/forms/resend-verification-form';
import { EmailAddress } from '@/components/ui/email-address';
import { liveTokenOf } from '@/lib/email/tokens';
import { mailConfigured } from '@/lib/email/verification';
import type { SessionUser } from '@/lib/auth/sessions';

const BADGE = [
  'rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800',
  'dark:bg-emerald-950 dark:text-emerald-200',
].join(' ');
const BANNER = [
  'rounded-2xl border border-amber-300 bg-amber-50 p-4 text-amber-950',
  'dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
].join(' ');

/**
 * "Email verified" badge, or the "verify your email" banner with a (throttled) resend. `verified` comes from the
 * request's own session read (PageSession's profile), so the page asks the database once, not again here.
 */
export function EmailStatus({ user, verified }: { user: SessionUser; verified: boolean }) {
  if (verified) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
        <EmailAddress as="span" email={user.email} />
        <span className={BADGE}>Email verified</span>
      </p>
    );
  }
  return (
    <section aria-labelledby="verify-email-heading" className={BANNER}>
      <h2 id="verify-email-heading" className="font-semibold">
        Verify your email
      </h2>
      {mailConfigured() ? (
        <>
          <VerificationLinkNotice user={user} />
          <ResendVerificationForm />
        </>
      ) : (
        <p className="mt-1 text-sm">
          Email is not configured on this server, so <EmailAddress as="span" email={user.email} /> cannot be confirmed
          yet.
        </p>
      )}
    </section>
  );
}

/** Whether a link is on its way: the one part that needs a query, so only a server that sends mail waits for it. */
async function VerificationLinkNotice({ user }: { user: SessionUser }) {
  return (await liveTokenOf(user.id, 'verify_email')) ? (
    <p className="mt-1 text-sm">
      We sent a link to <EmailAddress email={user.email} />. Open it to confirm the address is yours; you need it to
      reset a forgotten password.
    </p>
  ) : (
    <p className="mt-1 text-sm">
      No link is on its way to <EmailAddress email={user.email} />: too many emails were asked for from your network in
      the last hour, or the last link expired. Ask for a new one below (later, if it says to wait); you need a confirmed
      address to reset a forgotten password.
    </p>
  );
}
