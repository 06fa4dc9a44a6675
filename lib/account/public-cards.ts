import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { profileCards, publicCards, socialLinks, users } from '@/db/schema';
import { ok, type Result } from '../platform/result';
import type { ResolvedSession } from '../auth/sessions';
import { SOCIAL_NETWORKS } from '../validation/social-networks';
import type { PublicCardSettings, PublicCardSettingsInput } from '../validation/public-card';

export const PUBLIC_CARD_DEFAULTS: PublicCardSettings = {
  published: false,
  allowSearchEngines: false,
  showPhoto: true,
  showName: true,
  showOccupation: true,
  showCountry: true,
  showDescription: true,
  showLinks: true,
  showHomeAddress: false,
  showEmail: false,
};

const SETTINGS_COLUMNS = {
  published: publicCards.published,
  allowSearchEngines: publicCards.allowSearchEngines,
  showPhoto: publicCards.showPhoto,
  showName: publicCards.showName,
  showOccupation: publicCards.showOccupation,
  showCountry: publicCards.showCountry,
  showDescription: publicCards.showDescription,
  showLinks: publicCards.showLinks,
  showHomeAddress: publicCards.showHomeAddress,
  showEmail: publicCards.showEmail,
};

export function publicCardPath(username: string) {
  return `/u/${encodeURIComponent(username)}`;
}

export async function getPublicCardSettings(userId: number): Promise<PublicCardSettings> {
  const [row] = await db().select(SETTINGS_COLUMNS).from(publicCards).where(eq(publicCards.userId, userId)).limit(1);
  return row ? { ...row } : { ...PUBLIC_CARD_DEFAULTS };
}

/**
 * Absent keys keep their value. Cards are read from MySQL on every view (no cache), so unpublishing answers 404 on
 * the next request, on every process and instance.
 */
export async function savePublicCardSettings(
  session: ResolvedSession,
  input: PublicCardSettingsInput,
): Promise<Result<PublicCardSettings>> {
  const userId = session.user.id;
  const next = { ...(await getPublicCardSettings(userId)), ...definedOnly(input) };
  await db()
    .insert(publicCards)
    .values({ userId, ...next })
    .onDuplicateKeyUpdate({ set: { ...next, updatedAt: sql`CURRENT_TIMESTAMP(3)` } });
  return ok(next);
}

/** The settings as the API answers them: with the card's path. */
export function publicCardView(settings: PublicCardSettings, username: string) {
  return { ...settings, url: publicCardPath(username) };
}

export async function getPublicCardView(session: ResolvedSession): Promise<Result<ReturnType<typeof publicCardView>>> {
  return ok(publicCardView(await getPublicCardSettings(session.user.id), session.user.username));
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** What a visitor sees: only the parts the owner chose; never anything else. */
export type PublicCard = {
  username: string;
  allowSearchEngines: boolean;
  name?: string;
  occupation?: string;
  country?: string;
  county?: string;
  description?: string;
  homeAddress?: string;
  email?: string;
  photo?: { base64: string; type: string };
  links?: { field: SocialLinkField; href: string }[];
};

type SocialLinkField = (typeof SOCIAL_NETWORKS)[number]['field'];

/**
 * The published card for a username: one statement on the username's unique index joined to three rows keyed by
 * the user id, read on every view. No per-process or on-disk cache: whatever the owner unpublishes, hides, renames
 * or deletes is gone from the very next view on every worker and instance, and after a restart; a name with no card
 * costs one index lookup and nothing on disk (issue 19).
 */
export async function loadPublicCard(username: string): Promise<PublicCard | null> {
  const [row] = await db()
    .select({
      username: users.username,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      firstName: users.firstName,
      lastName: users.lastName,
      settings: publicCards,
      card: profileCards,
      links: socialLinks,
    })
    .from(users)
    .innerJoin(publicCards, eq(publicCards.userId, users.id))
    .leftJoin(profileCards, eq(profileCards.userId, users.id))
    .leftJoin(socialLinks, eq(socialLinks.userId, users.id))
    // An account scheduled for deletion has no card.
    .where(and(eq(users.username, username), isNull(users.deletesAt)))
    .limit(1);
  // The username column ignores case; the card lives at the exact current spelling only.
  if (!row || !row.settings.published || row.username !== username) return null;
  const { settings, card, links } = row;
  const text = (show: boolean, value: string | undefined | null) => (show && value ? value : undefined);
  return {
    username: row.username,
    allowSearchEngines: settings.allowSearchEngines,
    name: settings.showName ? `${row.firstName} ${row.lastName}`.trim() : undefined,
    occupation: text(settings.showOccupation, card?.occupation),
    country: text(settings.showCountry, card?.country),
    county: text(settings.showCountry, card?.county),
    description: text(settings.showDescription, links?.description),
    homeAddress: text(settings.showHomeAddress, card?.homeAddress),
    // Only an address its owner has proved: an unverified one may be someone else's (issue 20).
    email: row.emailVerifiedAt ? text(settings.showEmail, row.email) : undefined,
    photo:
      settings.showPhoto && card?.image
        ? { base64: Buffer.from(card.image).toString('base64'), type: card.imageType }
        : undefined,
    links:
      settings.showLinks && links
        ? SOCIAL_NETWORKS.filter((network) => links[network.field]).map((network) => ({
            field: network.field,
            href: links[network.field],
          }))
        : undefined,
  };
}
