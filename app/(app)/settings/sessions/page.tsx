import Link from 'next/link';
import type { Metadata } from 'next';
import { ActivityList } from '@/components/activity-list';
import { SessionsForm } from '@/components/forms/sessions-form';
import { Section } from '@/components/ui/section';
import { describeDevice } from '@/lib/auth/devices';
import { listSessions, MAX_SESSIONS_PER_ACCOUNT } from '@/lib/auth/sessions';
import { requireSession } from '@/lib/http/dal';
import { pageData } from '@/lib/platform/outage';
import { listEvents } from '@/lib/security/events';
import { activityQuerySchema } from '@/lib/validation/account';

export const metadata: Metadata = { title: 'Sessions and activity · Settings' };

const PATH = '/settings/sessions';

export default async function SessionsSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string; sessionsAfter?: string }>;
}) {
  const session = await requireSession(PATH);
  // A malformed cursor shows the first page rather than an error.
  const cursor = activityQuerySchema.safeParse({ before: (await searchParams).before });
  const before = cursor.success ? (cursor.data.before ?? null) : null;
  const sessionsAfter = Math.max(
    0,
    Math.min(Number((await searchParams).sessionsAfter) || 0, MAX_SESSIONS_PER_ACCOUNT),
  );
  const [sessions, activity] = await pageData(() =>
    Promise.all([listSessions(session, sessionsAfter), listEvents(session.user.id, before)]),
  );
  return (
    <>
      <Section title="Sessions" description="Where you are signed in. Revoke any device you do not recognise.">
        <SessionsForm
          sessions={sessions.sessions.map((s) => ({
            id: s.id,
            device: describeDevice(s.userAgent),
            ip: s.ip,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.current,
          }))}
        />
        {sessions.next !== null && (
          <p className="mt-4 text-sm">
            <Link className="underline" href={`${PATH}?sessionsAfter=${sessions.next}`}>
              Older sessions
            </Link>
          </p>
        )}
      </Section>
      <Section
        title="Recent activity"
        description="Sign-ins, failed attempts and changes to your account, newest first."
      >
        <ActivityList events={activity.events} olderHref={activity.next ? `${PATH}?before=${activity.next}` : null} />
      </Section>
    </>
  );
}
