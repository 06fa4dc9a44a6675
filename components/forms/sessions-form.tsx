'use client';

import { useActionState } from 'react';
import { sessionsAction } from '@/app/actions/account';
import { FormOutcome } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import { initialFormState } from '@/lib/http/form-state';

export type SessionRow = {
  id: string;
  device: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

export function SessionsForm({ sessions }: { sessions: SessionRow[] }) {
  const [state, formAction, pending] = useActionState(sessionsAction, initialFormState);
  const others = sessions.filter((session) => !session.current).length;
  return (
    <form action={formAction} aria-label="Sessions" className="space-y-4">
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0 space-y-0.5">
              <p className="font-medium break-words">
                {session.device}
                {session.current ? (
                  <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100">
                    This device
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {session.ip ? `IP ${session.ip} · ` : ''}Signed in <LocalTime iso={session.createdAt} /> · Last seen{' '}
                <LocalTime iso={session.lastSeenAt} />
              </p>
            </div>
            {session.current ? null : (
              <Button
                type="submit"
                name="intent"
                value={`revoke:${session.id}`}
                variant="secondary"
                disabled={pending}
                className="shrink-0"
              >
                Revoke<span className="sr-only"> {session.device} session</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      <FormOutcome status={state.status}>{state.message}</FormOutcome>
      <Button type="submit" name="intent" value="others" variant="secondary" pending={pending} disabled={others === 0}>
        Sign out everywhere else
      </Button>
    </form>
  );
}
