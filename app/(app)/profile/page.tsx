import type { Metadata } from 'next';
import { EmailStatus } from '@/components/email-status';
import { ProfileCard } from '@/components/profile-card';
import { requireSession } from '@/lib/http/dal';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const session = await requireSession('/profile');
  return (
    <>
      {session.profile.EmailVerified ? null : (
        <div className="mx-auto mb-6 max-w-3xl">
          <EmailStatus user={session.user} verified={session.profile.EmailVerified} />
        </div>
      )}
      <ProfileCard profile={session.profile} />
    </>
  );
}
