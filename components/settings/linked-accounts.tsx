import { LocalTime } from '@/components/ui/local-time';
import { Section } from '@/components/ui/section';
import { buttonClasses } from '@/components/ui/button';
import { listLinkedIdentities } from '@/lib/account/linked-identities';
import { signInProviders } from '@/lib/auth/sign-in-providers';
import { pageData } from '@/lib/platform/outage';
import { UnlinkProviderForm } from './unlink-provider-form';

/**
 * Settings → "Linked accounts": each configured provider, linked (with Unlink) or not (with a Link button
 * that starts the round trip as a same-site POST). Shown only when a provider is configured or one is linked.
 */
export async function LinkedAccounts({ userId }: { userId: number }) {
  const providers = signInProviders();
  const linked = await pageData(() => listLinkedIdentities(userId));
  const names = new Map(providers.map((provider) => [provider.id, provider.displayName]));
  // A provider no longer configured still shows while linked, so it can be unlinked.
  const rows = [
    ...providers.map((provider) => ({ ...provider, identity: linked.find((row) => row.provider === provider.id) })),
    ...linked
      .filter((row) => !names.has(row.provider))
      .map((row) => ({ id: row.provider, displayName: row.provider, identity: row })),
  ];
  if (rows.length === 0) return null;
  return (
    <Section title="Linked accounts" description="Sign in with an account you already have elsewhere.">
      <div role="region" aria-label="Linked accounts" id="linked-accounts">
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium">{row.displayName}</p>
                <p className="text-sm break-words text-slate-600 dark:text-slate-400">
                  {row.identity ? (
                    <>
                      Linked{row.identity.email ? ` as ${row.identity.email}` : ''} ·{' '}
                      <LocalTime iso={row.identity.linkedAt.toISOString()} />
                    </>
                  ) : (
                    'Not linked'
                  )}
                </p>
              </div>
              {row.identity ? (
                <UnlinkProviderForm provider={row.id} displayName={row.displayName} />
              ) : (
                <form method="post" action={`/auth/${row.id}`}>
                  <button type="submit" className={buttonClasses('secondary')}>
                    Link {row.displayName}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </div>
    </Section>
  );
}
