/**
 * The benchmark's floor: `GET /getProfile` as one hand-written SQL statement
 * (session → user → profile card → links), a JWT check with a key imported
 * once, and the contract's JSON. Shared by the bare node:http reference server
 * (bench/reference-server.ts) and the same read inside a Next route
 * (app/api/bench/[name]/route.ts), so the two differ only by the framework.
 */
import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { RowDataPacket } from 'mysql2/promise';

const READ = `SELECT s.id AS sid, s.jwt, u.id AS uid, u.username, u.email, u.first_name, u.last_name,
  p.occupation, p.home_address, p.country, p.county, p.image, p.image_type,
  l.linkedin, l.facebook, l.github, l.instagram, l.twitter, l.youtube, l.description
FROM sessions s JOIN users u ON u.id = s.user_id
LEFT JOIN profile_cards p ON p.user_id = u.id LEFT JOIN social_links l ON l.user_id = u.id
WHERE s.code_hash = ? AND s.expires_at > CURRENT_TIMESTAMP(3)`;

/** A mysql2 pool, or the app's deadline-bound one (db/client.ts): only `query` is used. */
type Queryable = { query<T>(sql: string, values: unknown[]): Promise<[T, unknown]> };

export function oneQueryRead(pool: Queryable, secret: Uint8Array) {
  const key = crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  return async function read(code: string): Promise<Record<string, string> | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(code)) return null;
    const [rows] = await pool.query<RowDataPacket[]>(READ, [createHash('sha256').update(code).digest('hex')]);
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
