import type { Metadata } from 'next';
import Link from 'next/link';
import { ContactDetailsForm } from '@/components/forms/contact-details-form';
import { SocialLinksForm } from '@/components/forms/social-links-form';
import { Section } from '@/components/ui/section';
import { requireSession } from '@/lib/http/dal';
import { eachSocialField } from '@/lib/validation/social-networks';

export const metadata: Metadata = { title: 'Edit your profile' };

export default async function EditProfilePage() {
  const { profile } = await requireSession('/profile/edit');
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Edit your profile</h1>
        <Link
          href="/profile"
          className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          View your card
        </Link>
      </div>
      <Section
        title="Contact details"
        description="Your name, photo and where you are. Everything here shows on your card."
      >
        <ContactDetailsForm
          image={profile.imageUrl}
          values={{
            firstName: profile.FirstName,
            lastName: profile.LastName,
            occupation: profile.Occupation,
            homeAddress: profile.HomeAddress,
            country: profile.Country,
            county: profile.County,
          }}
        />
      </Section>
      <Section
        title="Social links"
        description="Full addresses starting with https://. Leave a box empty to hide that link."
      >
        <SocialLinksForm
          values={{
            description: profile.Description,
            ...eachSocialField((_field, profileKey) => profile[profileKey]),
          }}
        />
      </Section>
    </div>
  );
}
