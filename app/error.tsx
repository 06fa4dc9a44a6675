'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { ErrorPanel } from '@/components/error-panel';
import { Button, buttonClasses } from '@/components/ui/button';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/platform/db-errors';

/** Any page that fails renders this inside the app's frame; the server log holds the details under the digest. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const outage = digest === DATABASE_UNAVAILABLE_DIGEST;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <ErrorPanel
      code={outage ? 'Temporarily unavailable' : 'Error'}
      title={outage ? 'Profile Hub is temporarily unavailable' : 'Something went wrong'}
      actions={
        <>
          <Button type="button" onClick={() => retry()} className="px-6">
            Try again
          </Button>
          <Link href="/" className={buttonClasses('secondary', 'px-6')}>
            Back to Profile Hub
          </Link>
        </>
      }
    >
      {outage ? (
        <p>We cannot reach our database right now. Nothing you saved is lost; please try again in a moment.</p>
      ) : (
        <p>This page could not be shown. Please try again; if it keeps happening, come back a little later.</p>
      )}
      {digest && !outage ? <p className="text-sm text-slate-500 dark:text-slate-400">Reference: {digest}</p> : null}
    </ErrorPanel>
  );
}
