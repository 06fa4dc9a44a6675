'use client';

import { useSyncExternalStore } from 'react';

const OPTIONS = { dateStyle: 'medium', timeStyle: 'short' } as const;
const noSubscription = () => () => {};

export function formatUtc(iso: string) {
  return `${new Intl.DateTimeFormat('en-GB', { ...OPTIONS, timeZone: 'UTC' }).format(new Date(iso))} UTC`;
}

/**
 * A moment in the visitor's own time zone. The server cannot know that zone, so the server render and the hydrating
 * render both show UTC (identical markup: no hydration mismatch); right after hydration React renders again with the
 * browser's zone.
 */
export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const text = inBrowser ? new Intl.DateTimeFormat('en-GB', OPTIONS).format(new Date(iso)) : formatUtc(iso);
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {text}
    </time>
  );
}
