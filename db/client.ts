import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { config } from '@/lib/config';
import { onShutdown } from '@/lib/shutdown';
import * as schema from './schema';

export type Database = MySql2Database<typeof schema>;
/** The database or a transaction: what a function that may run inside one takes. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

type PoolAndDatabase = { pool: mysql.Pool; db: Database };

// One pool per process; kept on globalThis so dev-mode module reloads reuse it.
const globalForDb = globalThis as unknown as { profileHubDb?: PoolAndDatabase };

/** Also used by the Flask import, which opens its own pool on the target database. */
export function createPool(url: string, connectionLimit: number): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    connectTimeout: 5000,
    enableKeepAlive: true,
  });
  // Strict mode makes an over-long value an error instead of a silent truncation.
  pool.on('connection', (connection) => {
    connection.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'");
  });
  return pool;
}

function poolAndDatabase(): PoolAndDatabase {
  if (!globalForDb.profileHubDb) {
    const { databaseUrl, poolSize } = config();
    const pool = createPool(databaseUrl, poolSize);
    globalForDb.profileHubDb = { pool, db: drizzle(pool, { schema, mode: 'default' }) };
    onShutdown('database pool', closeDb);
  }
  return globalForDb.profileHubDb;
}

export function db(): Database {
  return poolAndDatabase().db;
}

export function pool(): mysql.Pool {
  return poolAndDatabase().pool;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.profileHubDb;
  globalForDb.profileHubDb = undefined;
  await current?.pool.end();
}
