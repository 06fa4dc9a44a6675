import 'server-only';
import { eq } from 'drizzle-orm';
import { profileCards, sessions, socialLinks, users } from '@/db/schema';
import {
  confirmSessionRow,
  liveSessionByCode,
  perDatabase,
  sessionCodeKey,
  sessionColumns,
  type ResolvedSession,
} from '../auth/sessions';
import type { Profile } from './profile-schema';
import { profileColumns, toProfile, toProfileView, type ProfileImageColumns, type ProfileView } from './profiles';

/*
 * The hot path of every page and of GET /api/getProfile: the session with its
 * user, the profile card and links in one round trip. It lives here, not in
 * auth/, so that auth knows nothing of profiles.
 */
const prepared = perDatabase((database) => {
  const query = (image: ProfileImageColumns) =>
    database
      .select({ ...sessionColumns, profile: profileColumns(image) })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(profileCards, eq(profileCards.userId, sessions.userId))
      .leftJoin(socialLinks, eq(socialLinks.userId, sessions.userId))
      .where(liveSessionByCode())
      .prepare();
  return { withImageHash: query('hash'), withImageBytes: query('bytes') };
});

/** The image's content hash and type; its bytes too when they were asked for. */
export type ProfileImage = { hash: string; type: string; bytes: Buffer | null };
export type SessionWithProfile<I extends ProfileImageColumns> = ResolvedSession & {
  profile: I extends 'bytes' ? Profile : ProfileView;
  image: ProfileImage | null;
};

/**
 * resolveSession and the caller's profile in the same round trip: with the
 * image bytes (the API's inline `Image`) or only their hash (pages link to the image).
 */
export async function resolveSessionWithProfile<I extends ProfileImageColumns>(
  code: string | null | undefined,
  image: I,
): Promise<SessionWithProfile<I> | null> {
  const key = sessionCodeKey(code);
  if (!key) return null;
  const query = image === 'bytes' ? prepared().withImageBytes : prepared().withImageHash;
  const [row] = await query.execute(key);
  if (!row || !(await confirmSessionRow(row))) return null;
  const profile = image === 'bytes' ? toProfile(row.user, row.profile) : toProfileView(row.user, row.profile);
  const { imageHash, imageType } = row.profile;
  const bytes = 'image' in row.profile ? (row.profile.image as Buffer | null) : null;
  return {
    sessionId: row.sessionId,
    expiresAt: row.expiresAt,
    user: row.user,
    profile,
    image: imageHash ? { hash: imageHash, type: imageType ?? '', bytes } : null,
  } as SessionWithProfile<I>;
}
