import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  datetime,
  index,
  int,
  mysqlTable,
  primaryKey,
  smallint,
  uniqueIndex,
} from 'drizzle-orm/mysql-core';

/*
 * Every text column names its charset and collation itself, so the tables are
 * the same on MariaDB 10.11 and MySQL 8 whatever the server's defaults are.
 * utf8mb4_bin keeps distinct emoji distinct and trailing spaces significant;
 * utf8mb4_unicode_ci (present on both servers) is used only where the contract
 * asks for case-insensitive uniqueness.
 */
type Collation = 'utf8mb4_bin' | 'utf8mb4_unicode_ci' | 'ascii_bin';

/** A varchar (or fixed-width char) column with its charset and collation named. */
function characterColumn(length: number, collation: Collation = 'utf8mb4_bin', kind: 'varchar' | 'char' = 'varchar') {
  const charset = collation === 'ascii_bin' ? 'ascii' : 'utf8mb4';
  return customType<{ data: string; driverData: string }>({
    dataType: () => `${kind}(${length}) CHARACTER SET ${charset} COLLATE ${collation}`,
  });
}

/** drizzle-orm 0.45 has no mediumblob (it arrives in 1.0); a Buffer round-trips. */
const mediumblob = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'mediumblob',
});

const sqlNow = sql`CURRENT_TIMESTAMP(3)`;
const createdAt = () => datetime('created_at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow);
const updatedAt = () => datetime('updated_at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow);

export const users = mysqlTable(
  'users',
  {
    id: int('id', { unsigned: true }).autoincrement().primaryKey(),
    // unicode_ci: "Alice" and "alice" collide in the unique index (the contract's rule).
    username: characterColumn(32, 'utf8mb4_unicode_ci')('username').notNull().unique('users_username_unique'),
    // Stored lower-case by the domain layer; bin so the index is exact and fast.
    email: characterColumn(254)('email').notNull().unique('users_email_unique'),
    firstName: characterColumn(64)('first_name').notNull(),
    lastName: characterColumn(64)('last_name').notNull(),
    passwordHash: characterColumn(255, 'ascii_bin')('password_hash').notNull(),
    // Null until the address on file is proven by a link sent to it; cleared when the address changes.
    emailVerifiedAt: datetime('email_verified_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Deletion with a grace period (issue 22): set when the owner deletes the account; the housekeeping purge removes
    // the account once it is past. Until then the row (so its email and username) stays, with no session, no card and
    // no sign-in; cancelling clears it. Scheduling raises credentialGeneration, so no device token counts any more.
    deletesAt: datetime('deletes_at', { mode: 'date', fsp: 3 }),
    // Email change (issue 20): the credential generation, signed into every device token; a password change, a reset,
    // a revert, "sign out everywhere" and a scheduled deletion raise it, so every device token issued before dies.
    credentialGeneration: int('credential_generation', { unsigned: true }).notNull().default(0),
  },
  (t) => [index('users_deletes_at_idx').on(t.deletesAt)],
);

export const sessions = mysqlTable(
  'sessions',
  {
    // Public id (shown to the user, used in /api/sessions/{id}); random, unrelated to the code.
    id: characterColumn(22, 'ascii_bin', 'char')('id').primaryKey(),
    // SHA-256 of the session code, hex. The code itself is never stored.
    codeHash: characterColumn(64, 'ascii_bin', 'char')('code_hash').notNull().unique('sessions_code_hash_unique'),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    jwt: characterColumn(1024, 'ascii_bin')('jwt').notNull(),
    createdAt: createdAt(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    lastSeenAt: datetime('last_seen_at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow),
    userAgent: characterColumn(512)('user_agent').notNull().default(''),
    ip: characterColumn(45, 'ascii_bin')('ip').notNull().default(''),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId, t.expiresAt), index('sessions_expires_at_idx').on(t.expiresAt)],
);

export const profileCards = mysqlTable('profile_cards', {
  userId: int('user_id', { unsigned: true })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  occupation: characterColumn(120)('occupation').notNull().default(''),
  homeAddress: characterColumn(120)('home_address').notNull().default(''),
  country: characterColumn(120)('country').notNull().default(''),
  county: characterColumn(120)('county').notNull().default(''),
  image: mediumblob('image'),
  imageType: characterColumn(32, 'ascii_bin')('image_type').notNull().default(''),
  // The image's version in its URL: hashed once when the bytes are written, not on every page and API read.
  imageHash: characterColumn(
    32,
    'ascii_bin',
  )('image_hash').generatedAlwaysAs(sql`left(sha2(\`image\`, 256), 32)`, {
    mode: 'stored',
  }),
  updatedAt: updatedAt(),
});

export const socialLinks = mysqlTable('social_links', {
  userId: int('user_id', { unsigned: true })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  linkedIn: characterColumn(2048)('linkedin').notNull().default(''),
  faceBook: characterColumn(2048)('facebook').notNull().default(''),
  gitHub: characterColumn(2048)('github').notNull().default(''),
  instagram: characterColumn(2048)('instagram').notNull().default(''),
  twitter: characterColumn(2048)('twitter').notNull().default(''),
  youtube: characterColumn(2048)('youtube').notNull().default(''),
  description: characterColumn(1000)('description').notNull().default(''),
  updatedAt: updatedAt(),
});

/**
 * Which user of the old Flask backend became which Profile Hub user: the
 * import's memory, so that it never imports a user twice. The row outlives the
 * account (user_id becomes NULL), so a user who deleted their account is not
 * brought back by the next import run.
 */
export const legacyUsers = mysqlTable('legacy_users', {
  legacyId: int('legacy_id', { unsigned: true }).primaryKey(),
  userId: int('user_id', { unsigned: true })
    .references(() => users.id, { onDelete: 'set null' })
    .unique('legacy_users_user_id_unique'),
  importedAt: datetime('imported_at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow),
});

/**
 * The opt-in public card at /u/{username}: unpublished until the owner says so; the usual parts show by default once
 * published, the home address and the email only when ticked one by one. No row = the defaults (unpublished).
 */
export const publicCards = mysqlTable('public_cards', {
  userId: int('user_id', { unsigned: true })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  published: boolean('published').notNull().default(false),
  allowSearchEngines: boolean('allow_search_engines').notNull().default(false),
  showPhoto: boolean('show_photo').notNull().default(true),
  showName: boolean('show_name').notNull().default(true),
  showOccupation: boolean('show_occupation').notNull().default(true),
  showCountry: boolean('show_country').notNull().default(true),
  showDescription: boolean('show_description').notNull().default(true),
  showLinks: boolean('show_links').notNull().default(true),
  showHomeAddress: boolean('show_home_address').notNull().default(false),
  showEmail: boolean('show_email').notNull().default(false),
  updatedAt: updatedAt(),
});

/** Fixed-window counters for rate limits, shared by every app instance. */
export const rateLimits = mysqlTable(
  'rate_limits',
  {
    bucket: characterColumn(191, 'ascii_bin')('bucket').notNull(),
    windowStart: datetime('window_start', { mode: 'date', fsp: 3 }).notNull(),
    hits: int('hits', { unsigned: true }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.windowStart], name: 'rate_limits_pk' }),
    index('rate_limits_window_idx').on(t.windowStart),
  ],
);

/**
 * Consecutive failed logins per account (or per typed identifier when there is
 * no such account, so both look alike), and per client that holds a device
 * token for the account: each has its own count and pause. `key` is a SHA-256,
 * so a row has a fixed size whatever a client types; a success deletes it.
 */
export const loginThrottles = mysqlTable(
  'login_throttles',
  {
    key: characterColumn(43, 'ascii_bin', 'char')('key').primaryKey(),
    failures: smallint('failures', { unsigned: true }).notNull().default(0),
    lockedUntil: datetime('locked_until', { mode: 'date', fsp: 3 }),
    updatedAt: updatedAt(),
  },
  (t) => [index('login_throttles_updated_idx').on(t.updatedAt)],
);

/** What happened to an account, shown to its owner as "Recent activity"; purged after a retention period. */
export const securityEvents = mysqlTable(
  'security_events',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: characterColumn(32, 'ascii_bin')('type').notNull(),
    at: datetime('at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow),
    ip: characterColumn(45, 'ascii_bin')('ip').notNull().default(''),
    userAgent: characterColumn(512)('user_agent').notNull().default(''),
  },
  (t) => [index('security_events_user_idx').on(t.userId, t.id), index('security_events_at_idx').on(t.at)],
);

/**
 * Single-use links mailed to a user. Only the SHA-256 of the token is kept; the
 * row is bound to one purpose, one user and the address it was sent to, and
 * using it deletes it.
 */
export const emailTokens = mysqlTable(
  'email_tokens',
  {
    id: int('id', { unsigned: true }).autoincrement().primaryKey(),
    tokenHash: characterColumn(
      64,
      'ascii_bin',
      'char',
    )('token_hash')
      .notNull()
      .unique('email_tokens_token_hash_unique'),
    purpose: characterColumn(24, 'ascii_bin')('purpose').$type<TokenPurpose>().notNull(),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // verify_email / reset_password / change_email: the address the link went to; revert_email: the address to
    // restore; cancel_email_change: the pending address the link stops.
    email: characterColumn(254)('email').notNull(),
    createdAt: createdAt(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    index('email_tokens_user_idx').on(t.userId, t.purpose),
    index('email_tokens_expires_at_idx').on(t.expiresAt),
    // Email change (issue 20): a revert link reserves its address for 7 days, and a sign-up kills the pending changes
    // onto its address; both look tokens up by address.
    index('email_tokens_email_idx').on(t.email, t.purpose),
  ],
);

/**
 * Mail waiting to be delivered, written in the same transaction as the change
 * it reports, so a crash between the change and the send loses nothing. No
 * foreign key to users: an "account deleted" notice outlives its account.
 * The payload (which may hold a link) is encrypted and cleared once sent.
 */
export const outbox = mysqlTable(
  'outbox',
  {
    id: int('id', { unsigned: true }).autoincrement().primaryKey(),
    kind: characterColumn(32, 'ascii_bin')('kind').notNull(),
    recipient: characterColumn(254)('recipient').notNull(),
    payload: characterColumn(8192, 'ascii_bin')('payload').notNull(),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    // Due time; a worker claims a row by moving it forward (a lease), so instances never send one twice at once.
    nextAttemptAt: datetime('next_attempt_at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow),
    lastError: characterColumn(255)('last_error').notNull().default(''),
    sentAt: datetime('sent_at', { mode: 'date', fsp: 3 }),
    failedAt: datetime('failed_at', { mode: 'date', fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due_idx').on(t.sentAt, t.failedAt, t.nextAttemptAt)],
);

/*
 * Sign-in providers (issue 22): an account's identities at OpenID providers (and GitHub). One row per
 * (provider, subject): the provider's stable id for the person, never their email, decides who signs in.
 * An account links at most one identity per provider. `email` is what the provider said when linked,
 * kept to show in settings; it is trusted for nothing.
 */
export const linkedIdentities = mysqlTable(
  'linked_identities',
  {
    id: int('id', { unsigned: true }).autoincrement().primaryKey(),
    provider: characterColumn(32, 'ascii_bin')('provider').notNull(),
    subject: characterColumn(255)('subject').notNull(),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: characterColumn(254)('email').notNull().default(''),
    linkedAt: datetime('linked_at', { mode: 'date', fsp: 3 }).notNull().default(sqlNow),
  },
  (t) => [
    uniqueIndex('linked_identities_provider_subject_unique').on(t.provider, t.subject),
    uniqueIndex('linked_identities_user_provider_unique').on(t.userId, t.provider),
  ],
);

export type TokenPurpose =
  | 'verify_email'
  | 'reset_password'
  | 'revert_email'
  // Email change (issue 20): the confirmation mailed to the new address, and the "stop it" link mailed to the old one.
  | 'change_email'
  | 'cancel_email_change'
  // Deletion with a grace period (issue 22): the undo link.
  | 'cancel_deletion';

/*
 * Two-step sign-in (issue 21): an authenticator app's secret, the recovery
 * codes, and the sign-ins waiting for their second step.
 */

/**
 * One TOTP secret per user, sealed (lib/security/sealed.ts, its own label):
 * no API reads it back. Unconfirmed (confirmedAt null) until the owner types a
 * code from the app; only a confirmed one asks for a second step. lastUsedStep
 * is the newest time step a code was accepted for: a code of that step or an
 * older one is refused (replay), on every instance at once.
 */
export const totpCredentials = mysqlTable('totp_credentials', {
  userId: int('user_id', { unsigned: true })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretSealed: characterColumn(255, 'ascii_bin')('secret_sealed').notNull(),
  confirmedAt: datetime('confirmed_at', { mode: 'date', fsp: 3 }),
  lastUsedStep: bigint('last_used_step', { mode: 'number', unsigned: true }),
  createdAt: createdAt(),
});

/** Single-use recovery codes: a keyed hash each (HMAC, lib/security/sealed.ts); using one deletes its row. */
export const recoveryCodes = mysqlTable(
  'recovery_codes',
  {
    id: int('id', { unsigned: true }).autoincrement().primaryKey(),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: characterColumn(64, 'ascii_bin', 'char')('code_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_unique').on(t.userId, t.codeHash)],
);

/**
 * A correct password waiting for its second step: the SHA-256 of the
 * mfaToken (API) or pending sign-in cookie (browser), single-use, 5 minutes.
 * Not a session: nothing that needs a session looks here.
 */
export const mfaChallenges = mysqlTable(
  'mfa_challenges',
  {
    tokenHash: characterColumn(64, 'ascii_bin', 'char')('token_hash').primaryKey(),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('mfa_challenges_user_idx').on(t.userId), index('mfa_challenges_expires_at_idx').on(t.expiresAt)],
);

/*
 * Passkeys (WebAuthn, issue 21). One row per registered credential: its id and
 * COSE public key as base64url, the signature counter (a counter that goes
 * backwards is refused), the transports the browser reported, and the backup
 * flags. Ceremony challenges live in passkey_challenges: single-use (the
 * verify step deletes the row, and only the deleting caller goes on),
 * five minutes, bound to the user for registration and second-step
 * sign-in, unbound for a discoverable sign-in.
 */
export const passkeys = mysqlTable(
  'passkeys',
  {
    id: int('id', { unsigned: true }).autoincrement().primaryKey(),
    userId: int('user_id', { unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: characterColumn(1400, 'ascii_bin')('credential_id').notNull(),
    publicKey: characterColumn(2048, 'ascii_bin')('public_key').notNull(),
    counter: bigint('counter', { mode: 'number', unsigned: true }).notNull().default(0),
    transports: characterColumn(255, 'ascii_bin')('transports').notNull().default(''),
    backupEligible: boolean('backup_eligible').notNull().default(false),
    backupState: boolean('backup_state').notNull().default(false),
    name: characterColumn(64)('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: datetime('last_used_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [uniqueIndex('passkeys_credential_id_unique').on(t.credentialId), index('passkeys_user_idx').on(t.userId)],
);

export const passkeyChallenges = mysqlTable(
  'passkey_challenges',
  {
    challenge: characterColumn(128, 'ascii_bin')('challenge').primaryKey(),
    // 'register' | 'sign_in' (discoverable, no user) | 'second_step'
    purpose: characterColumn(16, 'ascii_bin')('purpose').notNull(),
    userId: int('user_id', { unsigned: true }).references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('passkey_challenges_expires_at_idx').on(t.expiresAt)],
);
