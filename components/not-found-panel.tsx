'use client';

import Link from 'next/link';
import { ErrorPanel } from '@/components/error-panel';
import { buttonClasses } from '@/components/ui/button';

/**
 * The not-found page's body. A client component: Next puts the root not-found element into every page's RSC payload
 * (twice on a page in a route group), so as server markup it was rendered and sent with each page; as a client
 * reference it is one short row, and the page it draws is the same.
 */
export function NotFoundPanel() {
  return (
    <ErrorPanel
      code="404"
      title="Page not found"
      actions={
        <>
          {/* "/" leads a signed-in visitor on to their profile. */}
          <Link href="/" className={buttonClasses('primary', 'px-6')}>
            Back to Profile Hub
          </Link>
          <Link href="/profile" className={buttonClasses('secondary', 'px-6')}>
            Your profile
          </Link>
        </>
      }
    >
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
    </ErrorPanel>
  );
}
