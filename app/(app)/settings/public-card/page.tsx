import type { Metadata } from 'next';
import { PublicCardForm } from '@/components/forms/public-card-form';
import { Section } from '@/components/ui/section';
import { getPublicCardSettings, publicCardPath } from '@/lib/account/public-cards';
import { requireSession } from '@/lib/http/dal';
import { pageData } from '@/lib/platform/outage';

export const metadata: Metadata = { title: 'Public card · Settings' };

export default async function PublicCardSettingsPage() {
  const { user } = await requireSession('/settings/public-card');
  const publicCard = await pageData(() => getPublicCardSettings(user.id));
  return (
    <Section title="Public card" description="A page anyone with the link can see, showing only the parts you choose.">
      <PublicCardForm settings={publicCard} url={publicCardPath(user.username)} />
    </Section>
  );
}
