import type { Metadata } from 'next';
import Link from 'next/link';
import { LoginForm } from '@/components/forms/login-form';
import { PasskeySignIn } from '@/components/forms/passkey-sign-in';
import { ProviderButtons } from '@/components/provider-buttons';
import { Card } from '@/components/ui/card';
import { redirectIfSignedIn } from '@/lib/http/dal';
import { safeNextPath } from '@/lib/http/safe-next';

export const metadata: Metadata = { title: 'Log in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  await redirectIfSignedIn();
  const { next } = await searchParams;
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Welcome back</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Log in with your email address or username.</p>
      <LoginForm next={safeNextPath(Array.isArray(next) ? next[0] : next)} />
      <PasskeySignIn next={safeNextPath(Array.isArray(next) ? next[0] : next)} />
      <ProviderButtons next={safeNextPath(Array.isArray(next) ? next[0] : next)} />
      <p className="mt-4 text-center text-sm">
        <Link
          href="/forgot-password"
          className="font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          Forgot your password?
        </Link>
      </p>
    </Card>
  );
}
