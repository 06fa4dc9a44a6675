import type { Metadata } from 'next';
import { SignUpForm } from '@/components/forms/signup-form';
import { ProviderButtons } from '@/components/provider-buttons';
import { Card } from '@/components/ui/card';
import { redirectIfSignedIn } from '@/lib/http/dal';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  await redirectIfSignedIn();
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Create your account</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        It takes a minute. You can fill in your card afterwards.
      </p>
      <SignUpForm />
      <ProviderButtons />
    </Card>
  );
}
