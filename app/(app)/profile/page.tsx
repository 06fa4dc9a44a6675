import type { Metadata } from 'next';
import { ProfileCard } from '@/components/profile-card';
import { requireSession } from '@/lib/dal';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const { profile } = await requireSession('/profile');
  return <ProfileCard profile={profile} />;
}
