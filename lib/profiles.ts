import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { profileCards, socialLinks, users } from '@/db/schema';
import type { Profile } from './profile-schema';
import { reencodeImage } from './image-processing';
import { fail, ok, type Result } from './result';
import type { ResolvedSession } from './sessions';
import { SOCIAL_NETWORKS, type SocialLinkField, type SocialProfileKey } from './social-networks';
import type { ContactDetailsInput, SocialLinksInput } from './validation/profile';

/** The signed-in user's profile card, in the contract's keys. */
export async function getProfile(session: ResolvedSession): Promise<Result<Profile, 'not_found'>> {
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
  if (!row) return fail('not_found');
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

/** Absent keys keep their value; `image: null` (sent as "") clears the image; a new one is stored re-encoded. */
export async function updateContactDetails(
  session: ResolvedSession,
  input: ContactDetailsInput,
): Promise<Result<Profile, 'not_found' | 'validation_failed'>> {
  const userId = session.user.id;
  let image = input.image;
  if (image) {
    const processed = await reencodeImage(image);
    if (!processed.ok) return fail('validation_failed', { fields: { image: processed.message } });
    image = processed.image;
  }
  const names = definedOnly({ firstName: input.firstName, lastName: input.lastName });
  const card = definedOnly({
    occupation: input.occupation,
    homeAddress: input.homeAddress,
    country: input.country,
    county: input.county,
    ...(image === undefined
      ? {}
      : image === null
        ? { image: null, imageType: '' }
        : { image: Buffer.from(image.bytes), imageType: image.type }),
  });
  await db().transaction(async (tx) => {
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
): Promise<Result<Profile, 'not_found'>> {
  const links = definedOnly({ ...input });
  if (Object.keys(links).length) {
    await db()
      .update(socialLinks)
      .set({ ...links, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(eq(socialLinks.userId, session.user.id));
  }
  return getProfile(session);
}
