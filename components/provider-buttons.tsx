import { buttonClasses } from '@/components/ui/button';
import { signInProviders } from '@/lib/auth/sign-in-providers';

/**
 * "Sign in with <Name>" for each configured provider, on /login and /signup; nothing at all when none is
 * configured. Links to /auth/{provider} presented as buttons (the contract's name and role): not forms, since
 * the CSP's form-action 'self' would stop a form's redirect on to the provider.
 */
export function ProviderButtons({ next }: { next?: string }) {
  const providers = signInProviders();
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-3">
      <p className="flex items-center gap-3 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
        or
        <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
      </p>
      {providers.map((provider) => (
        <a
          key={provider.id}
          role="button"
          href={`/auth/${provider.id}${next && next !== '/profile' ? `?next=${encodeURIComponent(next)}` : ''}`}
          className={buttonClasses('secondary', 'w-full')}
        >
          Sign in with {provider.displayName}
        </a>
      ))}
    </div>
  );
}
