/**
 * Reference for `npm run bench`: the practical floor of this stack — a bare
 * node:http server doing the getProfile read in one query (bench/one-query-read.ts).
 * DATABASE_URL, JWT_SECRET, PORT. Not part of the app.
 */
import { createServer } from 'node:http';
import mysql from 'mysql2/promise';
import { codeFrom, oneQueryRead } from './one-query-read.ts';

const pool = mysql.createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  timezone: 'Z',
});
const read = oneQueryRead(pool, new TextEncoder().encode(process.env.JWT_SECRET));

const server = createServer(async (request, response) => {
  const profile = request.url === '/api/getProfile' ? await read(codeFrom(request.headers.authorization)) : null;
  const body = JSON.stringify(profile ?? { error: 'Sign in first.', code: 'unauthenticated' });
  response.writeHead(profile ? 200 : 401, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`reference ready on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
