import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/forms/change-password-form';
import { Section } from '@/components/ui/section';
import { LinkedAccounts } from '@/components/settings/linked-accounts';
import { Passkeys } from '@/components/settings/passkeys';
import { TwoStepSettings } from '@/components/settings/two-step-settings';
import { requireSession } from '@/lib/http/dal';

export const metadata: Metadata = { title: 'Security · Settings' };

export default async function SecuritySettingsPage() {
  const { user } = await requireSession('/settings/security');
  return (
    <>
      <Section title="Change password" description="Changing it signs you out on every other device.">
        <ChangePasswordForm identity={[user.username, user.email, user.firstName, user.lastName]} />
      </Section>
      <TwoStepSettings userId={user.id} />
      <Passkeys userId={user.id} />
      <LinkedAccounts userId={user.id} />
    </>
  );
}
