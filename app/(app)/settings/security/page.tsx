import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/forms/change-password-form';
import { Section } from '@/components/ui/section';
import { LinkedAccounts } from '@/components/settings/linked-accounts';
import { Passkeys } from '@/components/settings/passkeys';
import { TwoStepSettings } from '@/components/settings/two-step-settings';
import { secondFactorMethods } from '@/lib/auth/second-factor';
import { pageData } from '@/lib/platform/outage';
import { requireSession } from '@/lib/http/dal';

export const metadata: Metadata = { title: 'Security · Settings' };

export default async function SecuritySettingsPage() {
  const { user } = await requireSession('/settings/security');
  const methods = await pageData(() => secondFactorMethods(user.id));
  return (
    <>
      <Section title="Change password" description="Changing it signs you out on every other device.">
        <ChangePasswordForm identity={[user.username, user.email, user.firstName, user.lastName]} methods={methods} />
      </Section>
      <TwoStepSettings userId={user.id} />
      <Passkeys userId={user.id} methods={methods} />
      <LinkedAccounts userId={user.id} />
    </>
  );
}
