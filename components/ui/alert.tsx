import type { ReactNode } from 'react';
import type { FormState } from '@/lib/http/form-state';

/** A form's outcome: errors are alerts (announced at once), successes are polite status messages. */
export function FormOutcome({ status, children }: { status: FormState['status']; children?: ReactNode }) {
  if (status === 'error') {
    return (
      <div
        role="alert"
        className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      >
        {children}
      </div>
    );
  }
  return (
    <div
      role="status"
      className={
        status === 'success' && children
          ? 'rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'
          : 'sr-only'
      }
    >
      {status === 'success' ? children : null}
    </div>
  );
}
