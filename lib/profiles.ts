import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { profileCards, socialLinks, users } from '@/db/schema';
import type { Profile } from './profile-schema';
import { fail, ok, type Result } from './result';
import { inTransaction } from './transaction';
import type { ResolvedSession } from './sessions';
import { SOCIAL_NETWORKS, type SocialLinkField, type SocialProfileKey } from './social-networks';
import type { ContactDetailsInput, SocialLinksInput } from './validation/profile';

/** The signed-in user's profile card, in the contract's keys. */
export async function getProfile(session: ResolvedSession): Promise<Result<Profile, 'unauthenticated'>> {
  const [row] = await db()
    .select({
      username: users.username,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      occupation: profileCards.occupation,
      homeAddress: profileCards.homeAddress,
      country: profileCards.country,
      county: profileCards.county,
      image: profileCards.image,
      imageType: profileCards.imageType,
      links: socialLinks,
    })
    .from(users)
    .leftJoin(profileCards, eq(profileCards.userId, users.id))
    .leftJoin(socialLinks, eq(socialLinks.userId, users.id))
    .where(eq(users.id, session.user.id))
    .limit(1);
  // The session was live a moment ago: a missing row means the account was deleted meanwhile (401, not 404).
  if (!row) return fail('unauthenticated');
  return ok({
    HomeAddress: row.homeAddress ?? '',
    Country: row.country ?? '',
    County: row.county ?? '',
    Occupation: row.occupation ?? '',
    Image: row.image ? Buffer.from(row.image).toString('base64') : '',
    ImageType: row.image ? (row.imageType ?? '') : '',
    FullName: `${row.firstName} ${row.lastName}`.trim(),
    FirstName: row.firstName,
    LastName: row.lastName,
    Username: row.username,
    Email: row.email,
    ...socialProfileValues(row.links),
    Description: row.links?.description ?? '',
  });
}

function socialProfileValues(links: Record<SocialLinkField, string> | null): Record<SocialProfileKey, string> {
  return Object.fromEntries(
    SOCIAL_NETWORKS.map((network) => [network.profileKey, links?.[network.field] ?? '']),
  ) as Record<SocialProfileKey, string>;
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Absent keys keep their value; `image: null` (sent as "") clears the image. */
export async function updateContactDetails(
  session: ResolvedSession,
  input: ContactDetailsInput,
): Promise<Result<Profile, 'unauthenticated'>> {
  const userId = session.user.id;
  const names = definedOnly({ firstName: input.firstName, lastName: input.lastName });
  const card = definedOnly({
    occupation: input.occupation,
    homeAddress: input.homeAddress,
    country: input.country,
    county: input.county,
    ...(input.image === undefined
      ? {}
      : input.image === null
        ? { image: null, imageType: '' }
        : { image: Buffer.from(input.image.bytes), imageType: input.image.type }),
  });
  await inTransaction(async (tx) => {
    if (Object.keys(names).length) {
      await tx.update(users).set({ ...names, updatedAt: sql`CURRENT_TIMESTAMP(3)` }).where(eq(users.id, userId));
    }
    if (Object.keys(card).length) {
      await tx.update(profileCards).set({ ...card, updatedAt: sql`CURRENT_TIMESTAMP(3)` }).where(eq(profileCards.userId, userId));
    }
  });
  return getProfile(session);
}

export async function updateSocialLinks(
  session: ResolvedSession,
  input: SocialLinksInput,
): Promise<Result<Profile, 'unauthenticated'>> {
  const links = definedOnly({ ...input });
  if (Object.keys(links).length) {
    await inTransaction((tx) =>
      tx
        .update(socialLinks)
        .set({ ...links, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(eq(socialLinks.userId, session.user.id)),
    );
  }
  return getProfile(session);
}
