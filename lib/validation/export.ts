import { z } from 'zod';

/*
 * account.json in the ZIP of GET /api/export: everything the app keeps about an account, no secret. Declared once
 * here: the domain builds its value to this type, and the OpenAPI document shows it.
 */
const at = z.string().datetime().describe('ISO-8601, UTC.');
const maybeAt = at.nullable();

export const accountExportSchema = z.object({
  format: z.literal('profile-hub-export/1'),
  exportedAt: at,
  account: z.object({
    id: z.number().int(),
    username: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    emailVerifiedAt: maybeAt,
    createdAt: at,
    updatedAt: at,
    deletesAt: maybeAt.describe('When a scheduled deletion removes the account; null when none is scheduled.'),
    importedFromLegacyId: z.number().int().nullable().describe('The user id in the old Flask backend, if imported.'),
  }),
  profileCard: z.object({
    occupation: z.string(),
    homeAddress: z.string(),
    country: z.string(),
    county: z.string(),
    imageType: z.string(),
    imageFile: z.string().nullable().describe('The name of the image file in this ZIP; null when there is none.'),
    updatedAt: maybeAt,
  }),
  socialLinks: z.object({
    linkedIn: z.string(),
    faceBook: z.string(),
    gitHub: z.string(),
    instagram: z.string(),
    twitter: z.string(),
    youtube: z.string(),
    description: z.string(),
  }),
  publicCard: z.object({
    published: z.boolean(),
    allowSearchEngines: z.boolean(),
    showPhoto: z.boolean(),
    showName: z.boolean(),
    showOccupation: z.boolean(),
    showCountry: z.boolean(),
    showDescription: z.boolean(),
    showLinks: z.boolean(),
    showHomeAddress: z.boolean(),
    showEmail: z.boolean(),
  }),
  sessions: z
    .array(
      z.object({
        id: z.string().describe('The public id (never the session code).'),
        createdAt: at,
        lastSeenAt: at,
        expiresAt: at,
        userAgent: z.string(),
        ip: z.string(),
        current: z.boolean(),
      }),
    )
    .describe('Live sessions; no session code and no JWT.'),
  securityEvents: z.array(
    z.object({ id: z.number().int(), type: z.string(), at, ip: z.string(), userAgent: z.string() }),
  ),
  linkedProviders: z
    .array(z.object({ provider: z.string(), email: z.string(), linkedAt: at }))
    .describe('Sign-in providers linked to the account: which, the address they told us, when; no token.'),
  passkeys: z
    .array(
      z.object({
        name: z.string().describe('The name its owner gave it.'),
        createdAt: at,
        lastUsedAt: maybeAt.describe('The last sign-in with it; null when never used.'),
        deviceType: z
          .enum(['singleDevice', 'multiDevice'])
          .describe('multiDevice: a synced passkey (backup eligible); singleDevice: bound to one authenticator.'),
        backedUp: z.boolean().describe('Whether the authenticator reported it backed up (synced) when last seen.'),
        transports: z.array(z.string()).describe('How the browser said it reaches the authenticator (usb, internal…).'),
      }),
    )
    .describe(
      'Registered passkeys: what they are, never how they prove it (no credential id, public key or signature counter).',
    ),
  twoStepSignIn: z
    .object({
      enabled: z.boolean().describe('Whether an authenticator app is on.'),
      since: at.nullable(),
      recoveryCodesLeft: z.number().int(),
      methods: z
        .array(z.enum(['totp', 'recovery', 'passkey']))
        .describe('What the second step after a password accepts (empty: the password alone signs in).'),
    })
    .describe('Two-step sign-in: whether and how; never a secret, never a recovery code.'),
});

export type AccountExport = z.infer<typeof accountExportSchema>;
