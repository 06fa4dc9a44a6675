import Link from 'next/link';
import type { Metadata } from 'next';
import { EmailStatus } from '@/components/email-status';
import { ChangeEmailForm } from '@/components/forms/change-email-form';
import { ChangePasswordForm } from '@/components/forms/change-password-form';
import { ChangeUsernameForm } from '@/components/forms/change-username-form';
import { DeleteAccountForm } from '@/components/forms/delete-account-form';
import { DownloadMyData } from '@/components/settings/download-my-data';
import { config } from '@/lib/platform/config';
import { ActivityList } from '@/components/activity-list';
import { PublicCardForm } from '@/components/forms/public-card-form';
import { SessionsForm } from '@/components/forms/sessions-form';
import { EmailAddress } from '@/components/ui/email-address';
import { Section } from '@/components/ui/section';
import { PendingEmailChange } from '@/components/settings/pending-email-change';
import { LinkedAccounts } from '@/components/settings/linked-accounts';
import { requireSession } from '@/lib/http/dal';
import { pageData } from '@/lib/platform/outage';
import { describeDevice } from '@/lib/auth/devices';
import { listEvents } from '@/lib/security/events';
import { getPublicCardSettings, publicCardPath } from '@/lib/account/public-cards';
import { listSessions, MAX_SESSIONS_PER_ACCOUNT } from '@/lib/auth/sessions';
import { activityQuerySchema } from '@/lib/validation/account';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string; sessionsAfter?: string }>;
}) {
  const session = await requireSession('/settings');
  // A malformed cursor shows the first page rather than an error.
  const cursor = activityQuerySchema.safeParse({ before: (await searchParams).before });
  const before = cursor.success ? (cursor.data.before ?? null) : null;
  const sessionsAfter = Math.max(
    0,
    Math.min(Number((await searchParams).sessionsAfter) || 0, MAX_SESSIONS_PER_ACCOUNT),
  );
  const [sessions, publicCard, activity] = await pageData(() =>
    Promise.all([
      listSessions(session, sessionsAfter),
      getPublicCardSettings(session.user.id),
      listEvents(session.user.id, before),
    ]),
  );
  const { user } = session;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Account settings</h1>
      <EmailStatus user={user} />
      <Section title="Change password" description="Changing it signs you out on every other device.">
        <ChangePasswordForm identity={[user.username, user.email, user.firstName, user.lastName]} />
      </Section>
      <LinkedAccounts userId={user.id} />
      <Section
        title="Change email"
        description={
          <>
            You sign in with <EmailAddress email={user.email} />.
          </>
        }
      >
        <PendingEmailChange session={session} />
        <ChangeEmailForm />
      </Section>
      <Section
        title="Change username"
        description={
          <>
            Currently <strong>@{user.username}</strong>.
          </>
        }
      >
        <ChangeUsernameForm username={user.username} />
      </Section>
      <Section
        title="Public card"
        description="A page anyone with the link can see, showing only the parts you choose."
      >
        <PublicCardForm settings={publicCard} url={publicCardPath(user.username)} />
      </Section>
      <Section title="Sessions" description="Where you are signed in. Revoke any device you do not recognise.">
        <SessionsForm
          sessions={sessions.sessions.map((s) => ({
            id: s.id,
            device: describeDevice(s.userAgent),
            ip: s.ip,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.current,
          }))}
        />
        {sessions.next !== null && (
          <p className="mt-4 text-sm">
            <Link className="underline" href={`/settings?sessionsAfter=${sessions.next}#sessions`}>
              Older sessions
            </Link>
          </p>
        )}
      </Section>
      <Section
        title="Recent activity"
        description="Sign-ins, failed attempts and changes to your account, newest first."
      >
        <ActivityList events={activity.events} olderHref={activity.next ? `/settings?before=${activity.next}` : null} />
      </Section>
      <DownloadMyData />
      <Section title="Delete account" tone="danger" description={deleteAccountDescription(config().deletionGraceMs)}>
        <DeleteAccountForm graceMs={config().deletionGraceMs} />
      </Section>
    </div>
  );
}

function deleteAccountDescription(graceMs: number): string {
  if (graceMs === 0) return 'Deletes your account, profile card, links, photo and sessions at once. There is no undo.';
  const days = Math.round(graceMs / 86_400_000);
  return `Signs you out everywhere and hides your card at once; ${days} day${days === 1 ? '' : 's'} later your account, profile card, links, photo and history are deleted for good. Until then you can cancel by logging in or from the link we email you.`;
}
