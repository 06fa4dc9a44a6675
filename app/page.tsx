import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import { redirectIfSignedIn } from '@/lib/http/dal';

export default async function LandingPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string; deletesAt?: string }>;
}) {
  await redirectIfSignedIn();
  const { deleted, deletesAt } = await searchParams;
  const scheduled = deletesAt && !Number.isNaN(Date.parse(deletesAt)) ? new Date(deletesAt).toISOString() : null;
  return (
    <div className="mx-auto max-w-2xl space-y-8 py-8 text-center sm:py-16">
      {deleted ? (
        <p
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          Your account and everything tied to it have been deleted. You are signed out.
        </p>
      ) : null}
      {scheduled ? (
        <p
          role="status"
          className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          Your account is scheduled for deletion on <LocalTime iso={scheduled} />. You are signed out everywhere.
          Changed your mind? Log in and choose Cancel deletion, or use the link we emailed you.
        </p>
      ) : null}
      <h1 className="text-4xl font-extrabold tracking-tight text-balance sm:text-5xl">
        Your profile card, in one place.
      </h1>
      <p className="text-lg text-pretty text-slate-700 dark:text-slate-300">
        Tell people who you are, what you do and where to find you — with a photo, a short description and links to
        LinkedIn, GitHub and the rest. Private by default, yours to change at any time.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href="/signup" className={buttonClasses('primary', 'px-6')}>
          Create your card
        </Link>
        <Link href="/login" className={buttonClasses('secondary', 'px-6')}>
          I have an account
        </Link>
      </div>
    </div>
  );
}
