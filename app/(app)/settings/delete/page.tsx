import type { Metadata } from 'next';
import { DeleteAccountForm } from '@/components/forms/delete-account-form';
import { Section } from '@/components/ui/section';
import { requireSession } from '@/lib/http/dal';

export const metadata: Metadata = { title: 'Delete account · Settings' };

export default async function DeleteSettingsPage() {
  await requireSession('/settings/delete');
  return (
    <Section
      title="Delete account"
      tone="danger"
      description="Deletes your account, profile card, links, photo and sessions. There is no undo."
    >
      <DeleteAccountForm />
    </Section>
  );
}
