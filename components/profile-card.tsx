import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { ProfileView } from '@/lib/account/profiles';
import { SocialLinkList } from './social-link-list';

function initials(profile: ProfileView) {
  return (
    `${profile.FirstName.at(0) ?? ''}${profile.LastName.at(0) ?? ''}`.toUpperCase() ||
    profile.Username.at(0)?.toUpperCase() ||
    '?'
  );
}

function Detail({ label, value, prompt }: { label: string; value: string; prompt: string }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{label}</dt>
      <dd className={value ? 'mt-0.5 break-words' : 'mt-0.5 text-slate-600 italic dark:text-slate-400'}>
        {value || prompt}
      </dd>
    </div>
  );
}

/** Every user-written value is rendered as React text, never as markup. */
export function ProfileCard({ profile }: { profile: ProfileView }) {
  return (
    <Card className="mx-auto max-w-3xl">
      <div className="flex flex-col items-center gap-6 sm:flex-row sm:items-start">
        {profile.imageUrl ? (
          // Served by its own content-hashed URL (cached for good); next/image's resizer adds nothing at this size.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={profile.imageUrl}
            width={128}
            height={128}
            alt={`Profile photo of ${profile.FullName}`}
            className="size-32 shrink-0 rounded-full object-cover ring-4 ring-brand-100 dark:ring-brand-800"
          />
        ) : (
          <div
            role="img"
            aria-label={`Initials of ${profile.FullName}`}
            className="grid size-32 shrink-0 place-items-center rounded-full bg-brand-100 text-4xl font-bold text-brand-800 ring-4 ring-brand-50 dark:bg-brand-800 dark:text-brand-50 dark:ring-brand-700"
          >
            {initials(profile)}
          </div>
        )}
        <div className="min-w-0 flex-1 space-y-1 text-center sm:text-left">
          <h1 className="text-3xl font-bold tracking-tight break-words">{profile.FullName}</h1>
          <p className="text-slate-600 dark:text-slate-400">@{profile.Username}</p>
          <p className="text-lg break-words text-slate-800 dark:text-slate-200">
            {profile.Occupation || 'What do you do? Add your occupation.'}
          </p>
        </div>
        <Link href="/profile/edit" className={buttonClasses('secondary', 'shrink-0')}>
          Edit profile
        </Link>
      </div>

      <dl className="mt-8 grid gap-4 border-t border-slate-200 pt-6 sm:grid-cols-3 dark:border-slate-800">
        <Detail label="Home address" value={profile.HomeAddress} prompt="Where are you based?" />
        <Detail label="Country" value={profile.Country} prompt="Add your country" />
        <Detail label="County" value={profile.County} prompt="Add your county" />
      </dl>

      <section aria-labelledby="about-heading" className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
        <h2 id="about-heading" className="text-lg font-semibold">
          About
        </h2>
        <p
          className={
            profile.Description
              ? 'mt-2 break-words whitespace-pre-line'
              : 'mt-2 text-slate-600 italic dark:text-slate-400'
          }
        >
          {profile.Description || 'Tell people a little about yourself.'}
        </p>
      </section>

      <section aria-labelledby="links-heading" className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
        <h2 id="links-heading" className="text-lg font-semibold">
          Links
        </h2>
        <SocialLinkList profile={profile} />
      </section>
    </Card>
  );
}
