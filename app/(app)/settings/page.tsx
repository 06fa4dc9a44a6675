import type { Metadata } from 'next';
import { EmailStatus } from '@/components/email-status';
import { ChangeEmailForm } from '@/components/forms/change-email-form';
import { ChangePasswordForm } from '@/components/forms/change-password-form';
import { ChangeUsernameForm } from '@/components/forms/change-username-form';
import { DeleteAccountForm } from '@/components/forms/delete-account-form';
import { PublicCardForm } from '@/components/forms/public-card-form';
import { SessionsForm } from '@/components/forms/sessions-form';
import { EmailAddress } from '@/components/ui/email-address';
import { Section } from '@/components/ui/section';
import { requireSession } from '@/lib/dal';
import { pageData } from '@/lib/outage';
import { describeDevice } from '@/lib/devices';
import { getPublicCardSettings, publicCardPath } from '@/lib/public-cards';
import { listSessions } from '@/lib/sessions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const session = await requireSession('/settings');
  const [sessions, publicCard] = await pageData(() =>
    Promise.all([listSessions(session), getPublicCardSettings(session.user.id)]),
  );
  const { user } = session;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Account settings</h1>
      <EmailStatus user={user} />
      <Section title="Change password" description="Changing it signs you out on every other device.">
        <ChangePasswordForm identity={[user.username, user.email, user.firstName, user.lastName]} />
      </Section>
      <Section
        title="Change email"
        description={
          <>
            You sign in with <EmailAddress email={user.email} />.
          </>
        }
      >
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
          sessions={sessions.map((s) => ({
            id: s.id,
            device: describeDevice(s.userAgent),
            ip: s.ip,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.current,
          }))}
        />
      </Section>
      <Section
        title="Delete account"
        tone="danger"
        description="Deletes your account, profile card, links, photo and sessions. There is no undo."
      >
        <DeleteAccountForm />
      </Section>
    </div>
  );
}
