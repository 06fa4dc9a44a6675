'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The settings sections, in the order the navigation shows them. */
export const SETTINGS_SECTIONS = [
  { href: '/settings/account', label: 'Account' },
  { href: '/settings/security', label: 'Security' },
  { href: '/settings/sessions', label: 'Sessions and activity' },
  { href: '/settings/public-card', label: 'Public card' },
  { href: '/settings/delete', label: 'Delete account' },
] as const;

const LINK = [
  'block rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap',
  'hover:bg-slate-100 dark:hover:bg-slate-800',
].join(' ');
// Not colour alone: the current section is also bold and has a bar beside it.
const CURRENT = [
  'bg-brand-50 font-semibold text-brand-800 shadow-[inset_3px_0_0_0_currentColor]',
  'dark:bg-slate-800 dark:text-brand-300',
].join(' ');

/**
 * One list of links: a wrapping row of pills on a phone, a column beside the content on wide
 * screens. The current section carries aria-current="page".
 */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="md:sticky md:top-6">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {SETTINGS_SECTIONS.map(({ href, label }) => {
          const current = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`${LINK} ${current ? CURRENT : ''}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
