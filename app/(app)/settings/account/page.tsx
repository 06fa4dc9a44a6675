import type { Metadata } from 'next';
import { EmailStatus } from '@/components/email-status';
import { ChangeEmailForm } from '@/components/forms/change-email-form';
import { ChangeUsernameForm } from '@/components/forms/change-username-form';
import { DownloadMyData } from '@/components/settings/download-my-data';
import { PendingEmailChange } from '@/components/settings/pending-email-change';
import { EmailAddress } from '@/components/ui/email-address';
import { Section } from '@/components/ui/section';
import { secondFactorMethods } from '@/lib/auth/second-factor';
import { pageData } from '@/lib/platform/outage';
import { requireSession } from '@/lib/http/dal';

export const metadata: Metadata = { title: 'Account · Settings' };

export default async function AccountSettingsPage() {
  const session = await requireSession('/settings/account');
  const methods = await pageData(() => secondFactorMethods(session.user.id));
  const { user } = session;
  return (
    <>
      <EmailStatus user={user} verified={session.profile.EmailVerified} />
      <Section
        title="Change email"
        description={
          <>
            You sign in with <EmailAddress email={user.email} />.
          </>
        }
      >
        <PendingEmailChange session={session} />
        <ChangeEmailForm methods={methods} />
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
      <DownloadMyData />
    </>
  );
}
