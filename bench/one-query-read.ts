/**
 * The benchmark's floor, and only a reference: `GET /getProfile` as one hand-written SQL statement (session → user
 * → profile card → links), a JWT check with a key imported once, and the contract's JSON, served by a bare
 * node:http server (bench/reference-server.ts). It cannot run the app's own read (lib/account/session-profile.ts:
 * Drizzle, server-only, the app's config), which is the point: it measures what the stack costs without any of it.
 * It mirrors the app's statement (the same joins, the live-session rule on expiry and idle time, the same keys);
 * the Next-route reference (app/bench/[name]/route.bench.ts) uses the app's own read instead. Not part of the app:
 * nothing in `next build` imports it.
 */
import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { RowDataPacket } from 'mysql2/promise';

const READ = `SELECT s.id AS sid, s.jwt, u.id AS uid, u.username, u.email, u.first_name, u.last_name, u.email_verified_at,
  p.occupation, p.home_address, p.country, p.county, p.image, p.image_type,
  l.linkedin, l.facebook, l.github, l.instagram, l.twitter, l.youtube, l.description
FROM sessions s JOIN users u ON u.id = s.user_id
LEFT JOIN profile_cards p ON p.user_id = u.id LEFT JOIN social_links l ON l.user_id = u.id
WHERE s.code_hash = ? AND s.expires_at > CURRENT_TIMESTAMP(3)
  AND s.last_seen_at > CURRENT_TIMESTAMP(3) - INTERVAL ? MICROSECOND`;

/** The app's idle rule (SESSION_IDLE_DAYS, default 7), as lib/auth/sessions.ts applies it. */
const idleMicroseconds = Math.round(Number(process.env.SESSION_IDLE_DAYS || 7) * 24 * 3600e6);

/** A mysql2 pool, or the app's deadline-bound one (db/client.ts): only `query` is used. */
type Queryable = { query<T>(sql: string, values: unknown[]): Promise<[T, unknown]> };

export function oneQueryRead(pool: Queryable, secret: Uint8Array) {
  const key = crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  return async function read(code: string): Promise<Record<string, string | boolean> | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(code)) return null;
    const [rows] = await pool.query<RowDataPacket[]>(READ, [
      createHash('sha256').update(code).digest('hex'),
      idleMicroseconds,
    ]);
    const row = rows[0];
    if (!row) return null;
    try {
      const { payload } = await jwtVerify(row.jwt as string, await key, {
        algorithms: ['HS256'],
        issuer: 'profile-hub',
        audience: 'profile-hub:session',
      });
      if (payload.sub !== String(row.uid) || payload.sid !== row.sid) return null;
    } catch {
      return null;
    }
    const image = row.image as Buffer | null;
    return {
      HomeAddress: row.home_address ?? '',
      Country: row.country ?? '',
      County: row.county ?? '',
      Occupation: row.occupation ?? '',
      Image: image ? image.toString('base64') : '',
      ImageType: image ? (row.image_type ?? '') : '',
      FullName: `${row.first_name} ${row.last_name}`.trim(),
      FirstName: row.first_name,
      LastName: row.last_name,
      Username: row.username,
      Email: row.email,
      EmailVerified: row.email_verified_at !== null,
      LinkedIn: row.linkedin ?? '',
      FaceBook: row.facebook ?? '',
      GitHub: row.github ?? '',
      Instagram: row.instagram ?? '',
      Twitter: row.twitter ?? '',
      Youtube: row.youtube ?? '',
      Description: row.description ?? '',
    };
  };
}

/** `Authorization: Bearer <code>` or the bare code. */
export function codeFrom(authorization: string | null | undefined): string {
  return (authorization ?? '').replace(/^Bearer\s+/i, '').trim();
}
