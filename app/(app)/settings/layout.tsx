import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/settings/settings-nav';

/** Every settings section: its heading, the section navigation, and the section's own page. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Account settings</h1>
      <div className="grid gap-6 md:grid-cols-[13rem_minmax(0,1fr)] md:gap-8">
        <SettingsNav />
        <div className="min-w-0 space-y-6">{children}</div>
      </div>
    </div>
  );
}
