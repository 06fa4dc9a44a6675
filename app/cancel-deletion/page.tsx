import type { Metadata } from 'next';
import { CancelDeletionForm } from '@/components/forms/cancel-deletion-form';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Keep your account' };

/** The mailed link's page: opening it changes nothing (mail scanners open links); the button cancels. */
export default async function CancelDeletionPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const value = Array.isArray(token) ? token[0] : token;
  return (
    <div className="mx-auto w-full max-w-md">
      <Card>
        <h1 className="mb-3 text-2xl font-bold tracking-tight">Keep your account</h1>
        {value ? (
          <>
            <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
              Your account is scheduled for deletion. Cancel it and everything stays as it was; you then log in again.
            </p>
            <CancelDeletionForm token={value} />
          </>
        ) : (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            This link is incomplete. Open the link from the email again, or log in to cancel the deletion.
          </p>
        )}
      </Card>
    </div>
  );
}
