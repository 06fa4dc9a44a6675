import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** The body of the app's not-found and error pages: what happened, in words, and the ways back. */
type Props = { code: string; title: string; children: ReactNode; actions: ReactNode };

export function ErrorPanel({ code, title, children, actions }: Props) {
  return (
    <Card className="mx-auto max-w-xl text-center">
      <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase dark:text-brand-400">{code}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-balance">{title}</h1>
      <div className="mt-3 space-y-2 text-pretty text-slate-700 dark:text-slate-300">{children}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div>
    </Card>
  );
}
