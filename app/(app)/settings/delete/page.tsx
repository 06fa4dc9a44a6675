import type { Metadata } from 'next';
import { DeleteAccountForm } from '@/components/forms/delete-account-form';
import { Section } from '@/components/ui/section';
import { secondFactorMethods } from '@/lib/auth/second-factor';
import { pageData } from '@/lib/platform/outage';
import { requireSession } from '@/lib/http/dal';
import { config } from '@/lib/platform/config';

export const metadata: Metadata = { title: 'Delete account · Settings' };

export default async function DeleteSettingsPage() {
  const { user } = await requireSession('/settings/delete');
  const methods = await pageData(() => secondFactorMethods(user.id));
  const graceMs = config().deletionGraceMs;
  return (
    <Section title="Delete account" tone="danger" description={deleteAccountDescription(graceMs)}>
      <DeleteAccountForm graceMs={graceMs} methods={methods} />
    </Section>
  );
}

function deleteAccountDescription(graceMs: number): string {
  if (graceMs === 0) return 'Deletes your account, profile card, links, photo and sessions at once. There is no undo.';
  const days = Math.round(graceMs / 86_400_000);
  return `Signs you out everywhere and hides your card at once; ${days} day${days === 1 ? '' : 's'} later your account, profile card, links, photo and history are deleted for good. Until then you can cancel by logging in or from the link we email you.`;
}
