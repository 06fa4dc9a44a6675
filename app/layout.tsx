import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LogoutButton } from '@/components/logout-button';
import { NavLink } from '@/components/nav-link';
import { getCurrentSession } from '@/lib/http/dal';
import { DatabaseUnavailableError } from '@/lib/platform/db-errors';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Profile Hub', template: '%s · Profile Hub' },
  description: 'Your personal profile card, in one place.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

const NAV_LINK = 'rounded-lg px-3 py-2 font-medium hover:bg-slate-100 dark:hover:bg-slate-800';
// Not colour alone: the current page is also underlined.
const NAV_CURRENT = 'font-semibold text-brand-700 underline decoration-2 underline-offset-4 dark:text-brand-300';

export default async function RootLayout({ children }: { children: ReactNode }) {
  // During a database outage the frame still renders (without account links), so the page's own
  // error shows as app/error.tsx inside it instead of replacing the whole document.
  const session = await getCurrentSession().catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) return undefined;
    throw error;
  });
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3"
          >
            <Link
              href={session ? '/profile' : '/'}
              className="flex items-center gap-2 text-lg font-bold tracking-tight"
            >
              <span
                aria-hidden="true"
                className="grid size-8 place-items-center rounded-lg bg-brand-600 text-sm text-white dark:bg-brand-400 dark:text-slate-950"
              >
                PH
              </span>
              Profile Hub
            </Link>
            {session ? (
              <div className="flex flex-wrap items-center gap-1 text-sm">
                <NavLink href="/profile" className={NAV_LINK} currentClassName={NAV_CURRENT}>
                  Profile
                </NavLink>
                <NavLink href="/profile/edit" className={NAV_LINK} currentClassName={NAV_CURRENT}>
                  Edit
                </NavLink>
                <NavLink href="/settings" section className={NAV_LINK} currentClassName={NAV_CURRENT}>
                  Settings
                </NavLink>
                <LogoutButton />
              </div>
            ) : session === null ? (
              <div className="flex items-center gap-1 text-sm">
                <NavLink href="/login" className={NAV_LINK} currentClassName={NAV_CURRENT}>
                  Log in
                </NavLink>
                <NavLink
                  href="/signup"
                  className="rounded-lg bg-brand-600 px-3 py-2 font-semibold text-white hover:bg-brand-700 dark:bg-brand-400 dark:text-slate-950"
                  currentClassName="underline decoration-2 underline-offset-4"
                >
                  Sign up
                </NavLink>
              </div>
            ) : null}
          </nav>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:py-12">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          Profile Hub · {/* A route handler, not a page: a plain link, so the browser loads it whole. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a className="underline-offset-2 hover:underline" href="/api/docs">
            API reference
          </a>
        </footer>
      </body>
    </html>
  );
}
