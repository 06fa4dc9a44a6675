import 'server-only';
import { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import { db } from '@/db/client';
import {
  legacyUsers,
  linkedIdentities,
  passkeys,
  profileCards,
  recoveryCodes,
  securityEvents,
  sessions,
  socialLinks,
  totpCredentials,
  users,
} from '@/db/schema';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { checkCurrentPassword } from '../auth/current-password';
import { secondFactorMethods } from '../auth/second-factor';
import { listSessions, MAX_SESSIONS_PER_ACCOUNT, type ResolvedSession } from '../auth/sessions';
import { takeRateLimitHit, type RateLimitRule } from '../security/rate-limit';
import { eventColumns, recordEvent, type EventClient } from '../security/events';
import { enqueueMail, wakeOutbox } from '../email/outbox';
import { getPublicCardSettings } from './public-cards';
import { linkColumns } from './profiles';
import { eachSocialField } from '../validation/social-networks';
import type { AccountExport } from '../validation/export';

/** A session younger than this counts as a fresh sign-in; older ones must send the current password. */
export const EXPORT_FRESH_SIGN_IN_MS = 10 * 60_000;
/** Per account: an export reads every row of it, so a stolen session cannot use it as a firehose. */
export const EXPORT_RATE_LIMIT: RateLimitRule = { name: 'export', limit: 5, windowMs: 3600_000 };

const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export type ExportRequest = { currentPassword?: string | null; deviceToken?: string | null; client?: EventClient };
export type AccountArchive = { filename: string; stream: ReadableStream<Uint8Array> };

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * "Download my data" (GDPR Art. 20): a streamed ZIP of account.json and the profile image. Needs a session
 * created within EXPORT_FRESH_SIGN_IN_MS or the current password (counted on the login back-off); limited per
 * account; recorded as an event and told to the owner by mail.
 */
export async function exportAccountData(
  session: ResolvedSession,
  request: ExportRequest = {},
  now = new Date(),
): Promise<Result<AccountArchive, 'reauthentication_required' | 'incorrect_password' | 'rate_limited'>> {
  const userId = session.user.id;
  if (request.currentPassword) {
    const wrong = await checkCurrentPassword(userId, request.currentPassword, {
      ...request.client,
      deviceToken: request.deviceToken,
    });
    if (wrong) return wrong;
  } else if (!(await isFreshSession(session, now))) {
    return fail('reauthentication_required', {
      message: `Downloading your data needs a sign-in from the last ${EXPORT_FRESH_SIGN_IN_MS / 60_000} minutes, or your current password (X-Current-Password).`,
    });
  }
  const limited = await takeRateLimitHit(EXPORT_RATE_LIMIT, String(userId));
  if (limited.limited) return fail('rate_limited', { retryAfterSeconds: limited.retryAfterSeconds });

  const { document, image } = await collect(session, now);
  await inTransaction(async (tx) => {
    await recordEvent(userId, 'data_exported', request.client ?? {}, tx);
    await enqueueMail(tx, { kind: 'data_exported', to: session.user.email, name: session.user.firstName });
  });
  wakeOutbox();

  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(document, null, 2)), 'account.json', { mtime: now });
  if (image && document.profileCard.imageFile) zip.addBuffer(image, document.profileCard.imageFile, { mtime: now });
  zip.end();
  const day = now.toISOString().slice(0, 10);
  return ok({
    filename: `profile-hub-${session.user.username}-${day}.zip`,
    stream: Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>,
  });
}

/** A session created within EXPORT_FRESH_SIGN_IN_MS: the fresh sign-in rule (also for registering a passkey). */
export async function isFreshSession(session: ResolvedSession, now: Date): Promise<boolean> {
  const [row] = await db()
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.id, session.sessionId), eq(sessions.userId, session.user.id)))
    .limit(1);
  return !!row && now.getTime() - row.createdAt.getTime() <= EXPORT_FRESH_SIGN_IN_MS;
}

/** Every part, column by column: named columns only, so a secret added to a table later is not exported by accident. */
async function collect(
  session: ResolvedSession,
  now: Date,
): Promise<{ document: AccountExport; image: Buffer | null }> {
  const userId = session.user.id;
  const [[account], [card], [links], [legacy], publicCard, liveSessions, events, providers, [totp], codes, keys] =
    await Promise.all([
      db()
        .select({
          id: users.id,
          username: users.username,
          email: users.email,
          firstName: users.firstName,
          lastName: users.lastName,
          emailVerifiedAt: users.emailVerifiedAt,
          createdAt: users.createdAt,
          updatedAt: users.updatedAt,
          deletesAt: users.deletesAt,
        })
        .from(users)
        .where(eq(users.id, userId)),
      db()
        .select({
          occupation: profileCards.occupation,
          homeAddress: profileCards.homeAddress,
          country: profileCards.country,
          county: profileCards.county,
          image: profileCards.image,
          imageType: profileCards.imageType,
          updatedAt: profileCards.updatedAt,
        })
        .from(profileCards)
        .where(eq(profileCards.userId, userId)),
      db().select(linkColumns).from(socialLinks).where(eq(socialLinks.userId, userId)),
      db().select({ legacyId: legacyUsers.legacyId }).from(legacyUsers).where(eq(legacyUsers.userId, userId)),
      getPublicCardSettings(userId),
      listSessions(session, 0, MAX_SESSIONS_PER_ACCOUNT).then((page) => page.sessions),
      db()
        .select(eventColumns)
        .from(securityEvents)
        .where(eq(securityEvents.userId, userId))
        .orderBy(desc(securityEvents.id)),
      db()
        .select({
          provider: linkedIdentities.provider,
          email: linkedIdentities.email,
          linkedAt: linkedIdentities.linkedAt,
        })
        .from(linkedIdentities)
        .where(eq(linkedIdentities.userId, userId)),
      db()
        .select({ confirmedAt: totpCredentials.confirmedAt })
        .from(totpCredentials)
        .where(eq(totpCredentials.userId, userId)),
      db().select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
      // Never credential_id, public_key or counter: what a passkey is, not how it proves itself.
      db()
        .select({
          name: passkeys.name,
          createdAt: passkeys.createdAt,
          lastUsedAt: passkeys.lastUsedAt,
          transports: passkeys.transports,
          backupEligible: passkeys.backupEligible,
          backupState: passkeys.backupState,
        })
        .from(passkeys)
        .where(eq(passkeys.userId, userId))
        .orderBy(passkeys.createdAt, passkeys.id),
    ]);
  if (!account) throw new Error('export: the session has no user');
  const image = card?.image ? Buffer.from(card.image) : null;
  const extension = card?.imageType ? IMAGE_EXTENSIONS[card.imageType] : undefined;
  const imageFile = image && extension ? `profile-image.${extension}` : null;
  const document: AccountExport = {
    format: 'profile-hub-export/1',
    exportedAt: iso(now),
    account: {
      ...account,
      emailVerifiedAt: isoOrNull(account.emailVerifiedAt),
      createdAt: iso(account.createdAt),
      updatedAt: iso(account.updatedAt),
      deletesAt: isoOrNull(account.deletesAt),
      importedFromLegacyId: legacy?.legacyId ?? null,
    },
    profileCard: {
      occupation: card?.occupation ?? '',
      homeAddress: card?.homeAddress ?? '',
      country: card?.country ?? '',
      county: card?.county ?? '',
      imageType: imageFile ? (card?.imageType ?? '') : '',
      imageFile,
      updatedAt: isoOrNull(card?.updatedAt),
    },
    socialLinks: links ?? { ...eachSocialField(() => ''), description: '' },
    publicCard,
    sessions: liveSessions.map((s) => ({
      id: s.id,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      userAgent: s.userAgent,
      ip: s.ip,
      current: s.current,
    })),
    securityEvents: events.map((event) => ({ ...event, at: iso(event.at) })),
    linkedProviders: providers.map((identity) => ({ ...identity, linkedAt: iso(identity.linkedAt) })),
    passkeys: keys.map((key) => ({
      name: key.name,
      createdAt: iso(key.createdAt),
      lastUsedAt: isoOrNull(key.lastUsedAt),
      deviceType: key.backupEligible ? ('multiDevice' as const) : ('singleDevice' as const),
      backedUp: key.backupState,
      transports: key.transports ? key.transports.split(',') : [],
    })),
    twoStepSignIn: {
      enabled: Boolean(totp?.confirmedAt),
      since: isoOrNull(totp?.confirmedAt),
      recoveryCodesLeft: totp?.confirmedAt ? codes.length : 0,
      methods: await secondFactorMethods(userId),
    },
  };
  return { document, image: imageFile ? image : null };
}
