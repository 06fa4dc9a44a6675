import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorPanel } from '@/components/error-panel';
import { buttonClasses } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
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
