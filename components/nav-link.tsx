'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** A navigation link that marks the page it leads to when that page is the current one (for eyes and for readers). */
export function NavLink({
  href,
  className,
  currentClassName,
  children,
  section = false,
}: {
  href: string;
  /** Also current on the pages under href (/settings/account for /settings). */
  section?: boolean;
  className: string;
  currentClassName: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const current = pathname === href || (section && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`${className} ${current ? currentClassName : ''}`}
    >
      {children}
    </Link>
  );
}
