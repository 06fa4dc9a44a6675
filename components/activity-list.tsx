import Link from 'next/link';
import { describeDevice } from '@/lib/auth/devices';
import { EVENT_LABELS, type SecurityEventType } from '@/lib/security/event-types';

export type ActivityRow = { id: number; type: SecurityEventType; at: Date; ip: string; userAgent: string };

function when(date: Date) {
  return (
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC'
  );
}

const WARNING: SecurityEventType[] = ['login_failure', 'login_throttled'];

/** "Recent activity" on /settings: the account's security events, newest first, a page at a time. */
export function ActivityList({ events, olderHref }: { events: ActivityRow[]; olderHref: string | null }) {
  if (events.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No activity recorded yet.</p>;
  return (
    <div className="space-y-3">
      <ul
        aria-label="Recent activity"
        className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {events.map((event) => (
          <li key={event.id} className="p-4">
            <p className={`font-medium ${WARNING.includes(event.type) ? 'text-amber-800 dark:text-amber-300' : ''}`}>
              {EVENT_LABELS[event.type]}
            </p>
            <p className="text-sm break-words text-slate-600 dark:text-slate-400">
              <time dateTime={event.at.toISOString()}>{when(event.at)}</time>
              {event.ip ? ` · IP ${event.ip}` : ''} · {describeDevice(event.userAgent)}
            </p>
          </li>
        ))}
      </ul>
      {olderHref ? (
        <Link href={olderHref} className="text-sm font-medium text-brand-700 underline dark:text-brand-300">
          Older activity
        </Link>
      ) : null}
    </div>
  );
}
