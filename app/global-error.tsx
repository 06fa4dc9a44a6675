'use client';

import { useEffect } from 'react';
import { ErrorPanel } from '@/components/error-panel';
import { Button, buttonClasses } from '@/components/ui/button';
import './globals.css';

/**
 * Shown when the root layout itself fails, so it brings its own document and styles. A plain <a> for the
 * way back: a full load starts afresh, which is what a broken frame needs.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en">
      <head>
        <title>Something went wrong · Profile Hub</title>
      </head>
      <body className="flex min-h-dvh flex-col">
        <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
          <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-3 text-lg font-bold tracking-tight">
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-lg bg-brand-600 text-sm text-white dark:bg-brand-400 dark:text-slate-950"
            >
              PH
            </span>
            Profile Hub
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:py-12">
          <ErrorPanel
            code="Error"
            title="Something went wrong"
            actions={
              <>
                <Button type="button" onClick={() => retry()} className="px-6">
                  Try again
                </Button>
                {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load, see above */}
                <a href="/" className={buttonClasses('secondary', 'px-6')}>
                  Back to Profile Hub
                </a>
              </>
            }
          >
            <p>
              Profile Hub could not show this page. Please try again; if it keeps happening, come back a little later.
            </p>
            {digest ? <p className="text-sm text-slate-500 dark:text-slate-400">Reference: {digest}</p> : null}
          </ErrorPanel>
        </main>
      </body>
    </html>
  );
}
