import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProfileCard } from '@/components/profile-card';
import { requireSession } from '@/lib/dal';
import { getProfile } from '@/lib/profiles';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const session = await requireSession('/profile');
  const profile = await getProfile(session);
  if (!profile.ok) notFound();
  return <ProfileCard profile={profile.value} />;
}
