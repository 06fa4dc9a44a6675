import type { ReactNode } from 'react';
import { Card } from './card';

/** A titled card. The form inside carries the accessible name, so no second landmark is made here. */
export function Section({
  title,
  description,
  children,
  tone = 'default',
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  tone?: 'default' | 'danger';
}) {
  return (
    <Card className={tone === 'danger' ? 'border-red-300 dark:border-red-900' : ''}>
      <h2
        className={`text-xl font-semibold tracking-tight ${tone === 'danger' ? 'text-red-800 dark:text-red-300' : ''}`}
      >
        {title}
      </h2>
      {description ? (
        <p className="mt-1 mb-5 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      ) : (
        <div className="mb-5" />
      )}
      {children}
    </Card>
  );
}
