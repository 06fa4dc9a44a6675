import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { profileCards, socialLinks, users } from '@/db/schema';
import type { Profile } from './profile-schema';
import { DECODE_BUSY_RETRY_AFTER_SECONDS, reencodeImage } from './image-processing';
import { fail, ok, type Result } from '../platform/result';
import { writeAtomically, type Write } from '../platform/transaction';
import type { ResolvedSession } from '../auth/sessions';
import { SOCIAL_NETWORKS, type SocialLinkField, type SocialProfileKey } from '../validation/social-networks';
import type { ContactDetailsInput, SocialLinksInput } from '../validation/profile';

/** What pages get: the contract's keys without the inline bytes, and a URL that serves them. */
export type ProfileView = Omit<Profile, 'Image'> & { imageUrl: string | null };

export type ProfileImageColumns = 'hash' | 'bytes';
type Owner = { id: number; username: string; email: string; firstName: string; lastName: string };

/**
 * The profile card's and links' columns, for a query that left-joins
 * profile_cards and social_links (a missing row reads as empty). The image's
 * hash is a stored column computed by the database, so a page never transfers the bytes.
 */
export function profileColumns<I extends ProfileImageColumns>(image: I) {
  return {
    occupation: profileCards.occupation,
    homeAddress: profileCards.homeAddress,
    country: profileCards.country,
    county: profileCards.county,
    imageType: profileCards.imageType,
    imageHash: profileCards.imageHash,
    emailVerifiedAt: users.emailVerifiedAt,
    ...((image === 'bytes' ? { image: profileCards.image } : {}) as I extends 'bytes'
      ? { image: typeof profileCards.image }
      : object),
    ...linkColumns,
  };
}
// Flat beside the card's columns: drizzle nests a selection one level deep only.
export const linkColumns = {
  ...(Object.fromEntries(SOCIAL_NETWORKS.map((network) => [network.field, socialLinks[network.field]])) as {
    [F in SocialLinkField]: (typeof socialLinks)[F];
  }),
  description: socialLinks.description,
};
type TextColumns = 'occupation' | 'homeAddress' | 'country' | 'county' | 'imageType' | 'description' | SocialLinkField;
export type ProfileRow = { [K in TextColumns]: string | null } & {
  imageHash: string | null;
  emailVerifiedAt: Date | null;
  image?: Buffer | null;
};

/** The contract's URL of a user's image; the hash changes with the bytes, so it may be cached for good. */
export function profileImageUrl(userId: number, hash: string): string {
  return `/api/profileImage/${userId}?v=${hash}`;
}

function withoutImage(owner: Owner, row: ProfileRow): Omit<Profile, 'Image' | 'ImageType'> {
  return {
    HomeAddress: row.homeAddress ?? '',
    Country: row.country ?? '',
    County: row.county ?? '',
    Occupation: row.occupation ?? '',
    FullName: `${owner.firstName} ${owner.lastName}`.trim(),
    FirstName: owner.firstName,
    LastName: owner.lastName,
    Username: owner.username,
    Email: owner.email,
    ...socialProfileValues(row),
    Description: row.description ?? '',
    EmailVerified: row.emailVerifiedAt !== null,
  };
}

/** The contract's profile (the API): the image inline, as base64. */
export function toProfile(owner: Owner, row: ProfileRow): Profile {
  const hasImage = Boolean(row.image);
  return {
    ...withoutImage(owner, row),
    Image: hasImage ? row.image!.toString('base64') : '',
    ImageType: hasImage ? (row.imageType ?? '') : '',
  };
}

/** The profile as pages show it: the image by its URL. */
export function toProfileView(owner: Owner, row: ProfileRow): ProfileView {
  const hash = row.imageHash;
  return {
    ...withoutImage(owner, row),
    ImageType: hash ? (row.imageType ?? '') : '',
    imageUrl: hash ? profileImageUrl(owner.id, hash) : null,
  };
}

/** The signed-in user's profile card, in the contract's keys. */
export async function getProfile(session: ResolvedSession): Promise<Result<Profile, 'unauthenticated'>> {
  const [row] = await db()
    .select({
      owner: {
        id: users.id,
        username: users.username,
        email: users.email,
        firstName: users.firstName,
        lastName: users.lastName,
      },
      profile: profileColumns('bytes'),
    })
    .from(users)
    .leftJoin(profileCards, eq(profileCards.userId, users.id))
    .leftJoin(socialLinks, eq(socialLinks.userId, users.id))
    .where(eq(users.id, session.user.id))
    .limit(1);
  // The session was live a moment ago: a missing row means the account was deleted meanwhile (401, not 404).
  return row ? ok(toProfile(row.owner, row.profile)) : fail('unauthenticated');
}

function socialProfileValues(links: Record<SocialLinkField, string | null>): Record<SocialProfileKey, string> {
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
): Promise<Result<Profile, 'unauthenticated' | 'validation_failed' | 'unavailable'>> {
  const userId = session.user.id;
  let image = input.image;
  if (image) {
    const processed = await reencodeImage(image);
    if (!processed.ok && processed.busy) {
      return fail('unavailable', { message: processed.message, retryAfterSeconds: DECODE_BUSY_RETRY_AFTER_SECONDS });
    }
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
  const writes: Write[] = [];
  if (Object.keys(names).length) {
    writes.push((executor) =>
      executor
        .update(users)
        .set({ ...names, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(eq(users.id, userId)),
    );
  }
  if (Object.keys(card).length) {
    writes.push((executor) =>
      executor
        .update(profileCards)
        .set({ ...card, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
        .where(eq(profileCards.userId, userId)),
    );
  }
  await writeAtomically(writes);
  return getProfile(session);
}

export async function updateSocialLinks(
  session: ResolvedSession,
  input: SocialLinksInput,
): Promise<Result<Profile, 'unauthenticated' | 'validation_failed'>> {
  const links = definedOnly({ ...input });
  if (Object.keys(links).length) {
    await writeAtomically([
      (executor) =>
        executor
          .update(socialLinks)
          .set({ ...links, updatedAt: sql`CURRENT_TIMESTAMP(3)` })
          .where(eq(socialLinks.userId, session.user.id)),
    ]);
  }
  return getProfile(session);
}
