import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** The frame of a page opened from a mailed link: its title, and its form only when the link carries a token. */
export function LinkPage({
  title,
  intro,
  token,
  children,
}: {
  title: string;
  intro: ReactNode;
  token?: string | string[];
  children: (token: string) => ReactNode;
}) {
  const value = Array.isArray(token) ? token[0] : token;
  return (
    <div className="mx-auto w-full max-w-md">
      <Card>
        <h1 className="mb-1 text-2xl font-bold tracking-tight">{title}</h1>
        {value ? (
          <>
            <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">{intro}</p>
            {children(value)}
          </>
        ) : (
          <p role="alert" className="mt-4 text-sm text-red-800 dark:text-red-300">
            This link is incomplete. Open the link from the email again, or copy all of it into the address bar.
          </p>
        )}
      </Card>
    </div>
  );
}
