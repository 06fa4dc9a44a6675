import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { SocialLinks } from '@/components/social-link-list';
import { Card } from '@/components/ui/card';
import { EmailAddress } from '@/components/ui/email-address';
import { config } from '@/lib/platform/config';
import { loadPublicCard, publicCardPath } from '@/lib/account/public-cards';
import { isSecureRequest } from '@/lib/http/session-cookie';

type Props = { params: Promise<{ username: string }> };

// Never a session lookup here. The card is read from MySQL on every view (lib/account/public-cards.ts), and the page
// is rendered per request: no copy of a card is kept by any process or written to disk, so a change shows at once
// everywhere, and a name with no card leaves nothing behind.
export const dynamic = 'force-dynamic';

/**
 * Open Graph needs absolute URLs: APP_URL when it is set (a client's Host header
 * then cannot put another origin into the card's metadata), else this request's origin.
 */
async function siteOrigin(): Promise<URL | undefined> {
  const configured = config().mail.configuredAppUrl;
  if (configured) return new URL(configured);
  const requestHeaders = await headers();
  const host = requestHeaders.get('host');
  return host ? new URL(`${isSecureRequest(requestHeaders) ? 'https' : 'http'}://${host}`) : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { username } = await params;
  const card = await loadPublicCard(username);
  const metadataBase = await siteOrigin();
  if (!card) return { metadataBase, title: 'Card not found', robots: { index: false, follow: false } };
  const title = card.name ?? `@${card.username}`;
  const description = [card.occupation, card.country].filter(Boolean).join(' · ') || `${title} on Profile Hub`;
  return {
    metadataBase,
    title,
    description,
    alternates: { canonical: publicCardPath(card.username) },
    robots: card.allowSearchEngines ? { index: true, follow: true } : { index: false, follow: false },
    openGraph: { type: 'profile', title, description, url: publicCardPath(card.username), username: card.username },
    twitter: { card: 'summary_large_image', title, description },
  };
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

export default async function PublicCardPage({ params }: Props) {
  const { username } = await params;
  const card = await loadPublicCard(username);
  if (!card) notFound();
  const title = card.name ?? `@${card.username}`;
  const place = [card.county, card.country].filter(Boolean).join(', ');
  return (
    <Card className="mx-auto max-w-2xl">
      <div className="flex flex-col items-center gap-6 text-center sm:flex-row sm:items-start sm:text-left">
        {card.photo ? (
          // A data: URL of bytes sniffed on upload; next/image adds nothing for an inline image.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={`data:${card.photo.type};base64,${card.photo.base64}`}
            alt={`Photo of ${title}`}
            className="size-32 shrink-0 rounded-full object-cover ring-4 ring-brand-100 dark:ring-brand-800"
          />
        ) : null}
        <div className="min-w-0 flex-1 space-y-1">
          <h1 className="text-3xl font-bold tracking-tight break-words">{title}</h1>
          {card.name ? <p className="text-slate-600 dark:text-slate-400">@{card.username}</p> : null}
          {card.occupation ? (
            <p className="text-lg break-words text-slate-800 dark:text-slate-200">{card.occupation}</p>
          ) : null}
        </div>
      </div>
      {place || card.homeAddress || card.email ? (
        <dl className="mt-8 grid gap-4 border-t border-slate-200 pt-6 sm:grid-cols-2 dark:border-slate-800">
          {place ? <Detail label="Based in">{place}</Detail> : null}
          {card.homeAddress ? <Detail label="Home address">{card.homeAddress}</Detail> : null}
          {card.email ? (
            <Detail label="Email">
              <a href={`mailto:${card.email}`} className="underline underline-offset-2">
                <EmailAddress email={card.email} className="font-normal" />
              </a>
            </Detail>
          ) : null}
        </dl>
      ) : null}
      {card.description ? (
        <section aria-labelledby="about-heading" className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
          <h2 id="about-heading" className="text-lg font-semibold">
            About
          </h2>
          <p className="mt-2 break-words whitespace-pre-line">{card.description}</p>
        </section>
      ) : null}
      {card.links?.length ? (
        <section aria-labelledby="links-heading" className="mt-6 border-t border-slate-200 pt-6 dark:border-slate-800">
          <h2 id="links-heading" className="text-lg font-semibold">
            Links
          </h2>
          <SocialLinks links={card.links} />
        </section>
      ) : null}
    </Card>
  );
}
