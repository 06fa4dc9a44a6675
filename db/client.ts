import 'server-only';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { config } from '@/lib/platform/config';
import { DEFAULT_DEADLINES, type Deadlines } from '@/lib/platform/db-deadlines';
import { describeStatement, isConnectionBroken } from '@/lib/platform/db-errors';
import { reportPoolStats, type PoolStats } from '@/lib/platform/metrics';
import { onShutdown } from '@/lib/platform/shutdown';
import * as schema from './schema';
import { SQL_MODE } from './sql-mode';

export type Database = MySql2Database<typeof schema>;
/** The database or a transaction: what a function that may run inside one takes. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

type Handle = { pool: BoundedPool; db: Database };

// One pool per process; kept on globalThis so dev-mode module reloads reuse it.
const globalForDb = globalThis as unknown as { profileHubDb?: Handle };

class DeadlineError extends Error {
  constructor(
    readonly code: 'DB_ACQUIRE_TIMEOUT' | 'DB_QUERY_TIMEOUT' | 'DB_QUEUE_FULL',
    message: string,
    readonly statement?: string,
  ) {
    super(message);
    this.name = 'DatabaseDeadlineError';
  }
}

/** The promise's value, or `onTimeout()`'s error after `ms`; a value arriving late goes to `onLate`. */
function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error, onLate?: (value: T) => void) {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(onTimeout());
    }, ms);
    promise.then(
      (value) => {
        if (settled) return onLate?.(value);
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

type QueryArgument = string | { sql: string };
const sqlText = (query: QueryArgument) => (typeof query === 'string' ? query : query.sql);
const READ_ONLY = /^\s*\(?\s*(select|begin|start|savepoint|release|set|show)\b/i;
const ROLLBACK = /^\s*rollback\b/i;
// The per-address counter runs before every API request: a read's budget, so a hung database still answers 503 in 2 s.
const REQUEST_COUNTER = /^\s*insert\s+into\s+`?rate_limits`?/i;
// What drizzle's transaction helper needs back from a rollback statement.
const ROLLED_BACK = [{ affectedRows: 0 }, []];

/**
 * One connection taken from the pool. Every statement has a deadline; a
 * connection that timed out or lost its link is destroyed, never returned to
 * the pool (a hung one would hand its late answer to the next query). A
 * rollback that cannot run does not throw: the server rolls back a
 * transaction whose connection closes, and the caller's first error is the
 * one that matters.
 */
class BoundedConnection {
  private broken = false;

  constructor(
    private readonly inner: mysql.PoolConnection,
    private readonly deadlines: Deadlines,
  ) {}

  query(query: QueryArgument, values?: unknown) {
    return this.run('query', query, values);
  }

  execute(query: QueryArgument, values?: unknown) {
    return this.run('execute', query, values);
  }

  private async run(method: 'query' | 'execute', query: QueryArgument, values: unknown): Promise<unknown> {
    const text = sqlText(query);
    const rollback = ROLLBACK.test(text);
    if (this.broken) {
      if (rollback) return ROLLED_BACK;
      throw new DeadlineError('DB_QUERY_TIMEOUT', 'The connection was closed after an earlier failure.');
    }
    const ms =
      READ_ONLY.test(text) || rollback || REQUEST_COUNTER.test(text) ? this.deadlines.readMs : this.deadlines.writeMs;
    const pending = (this.inner[method] as (q: QueryArgument, v: unknown) => Promise<unknown>)(query, values);
    pending.catch(() => {}); // after a timeout nobody awaits it any more
    try {
      return await withDeadline(pending, ms, () => {
        const statement = describeStatement(text);
        return new DeadlineError('DB_QUERY_TIMEOUT', `No answer to ${statement} within ${ms} ms.`, statement);
      });
    } catch (error) {
      if (isConnectionBroken(error) || rollback) this.discard();
      if (rollback) return ROLLED_BACK;
      throw error;
    }
  }

  private discard() {
    if (this.broken) return;
    this.broken = true;
    this.inner.destroy();
  }

  release() {
    if (!this.broken) this.inner.release();
  }
}

/**
 * The mysql2 pool as drizzle sees it (query, execute, getConnection), with a
 * deadline on taking a connection and on every statement.
 */
export class BoundedPool {
  constructor(
    readonly inner: mysql.Pool,
    readonly deadlines: Deadlines,
  ) {}

  async getConnection(): Promise<BoundedConnection> {
    const acquiring = this.inner.getConnection().catch((error: unknown) => {
      if (error instanceof Error && error.message === 'Queue limit reached.') {
        throw new DeadlineError('DB_QUEUE_FULL', 'Too many requests are waiting for a database connection.');
      }
      throw error;
    });
    const connection = await withDeadline(
      acquiring,
      this.deadlines.acquireMs,
      () => new DeadlineError('DB_ACQUIRE_TIMEOUT', `No database connection within ${this.deadlines.acquireMs} ms.`),
      (late) => late.release(),
    );
    return new BoundedConnection(connection, this.deadlines);
  }

  query<T = unknown>(query: QueryArgument, values?: unknown) {
    return this.once((connection) => connection.query(query, values)) as Promise<[T, mysql.FieldPacket[]]>;
  }

  execute<T = unknown>(query: QueryArgument, values?: unknown) {
    return this.once((connection) => connection.execute(query, values)) as Promise<[T, mysql.FieldPacket[]]>;
  }

  private async once(run: (connection: BoundedConnection) => Promise<unknown>) {
    const connection = await this.getConnection();
    try {
      return await run(connection);
    } finally {
      connection.release();
    }
  }

  /** Connections lent out and requests waiting for one (mysql2 keeps both in its core pool's lists). */
  stats(): PoolStats {
    const core = (
      this.inner as unknown as {
        pool: Record<'_allConnections' | '_freeConnections' | '_connectionQueue', { length: number }>;
      }
    ).pool;
    return {
      inUse: core._allConnections.length - core._freeConnections.length,
      waiting: core._connectionQueue.length,
    };
  }

  end() {
    return this.inner.end();
  }
}

export type SessionOptions = { syncWait?: number };

/** Every new connection: strict mode, UTC, bounded lock waits and (on Galera, when asked) causal reads. */
export function sessionSetup(deadlines: Deadlines, options: SessionOptions = {}): string {
  const settings = [
    `sql_mode = '${SQL_MODE}'`,
    "time_zone = '+00:00'",
    // A row lock held elsewhere fails this statement (1205, answered 503) instead of waiting 50 s.
    `innodb_lock_wait_timeout = ${Math.max(1, Math.round(deadlines.lockWaitSeconds))}`,
    // Same for a table's metadata lock (an ALTER TABLE or LOCK TABLES elsewhere); the default is a year.
    `lock_wait_timeout = ${Math.max(1, Math.round(deadlines.lockWaitSeconds))}`,
  ];
  // Galera: a read waits until this node has applied every write the cluster committed before it.
  if (options.syncWait) settings.push(`wsrep_sync_wait = ${Math.round(options.syncWait)}`);
  return `SET SESSION ${settings.join(', ')}`;
}

/**
 * A plain mysql2 pool with the app's session settings. The app wraps it in a
 * BoundedPool; the Flask import uses it as is (it waits on GET_LOCK for minutes).
 */
export function createPool(
  url: string,
  connectionLimit: number,
  deadlines: Deadlines = DEFAULT_DEADLINES,
  options: SessionOptions = {},
): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    queueLimit: deadlines.queueLimit,
    // Idle connections are closed after a minute, so a pool does not keep links a restart has cut.
    maxIdle: connectionLimit,
    idleTimeout: 60_000,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    connectTimeout: deadlines.connectMs,
    enableKeepAlive: true,
    // mysql2 otherwise captures the caller's stack on every statement, failed or not (about 1% of a page's CPU);
    // a failed statement is still reported by drizzle's error, which names it.
    trace: false,
  });
  const setup = sessionSetup(deadlines, options);
  // Queued before any query on the new connection, so no query runs without it.
  // The event hands over the driver's callback connection (typed as the promise one).
  pool.on('connection', (connection) => {
    (connection as unknown as { query: (sql: string, done: () => void) => void }).query(setup, () => {});
  });
  return pool;
}

function handle(): Handle {
  if (!globalForDb.profileHubDb) {
    const { databaseUrl, poolSize, deadlines, syncWait } = config();
    const pool = new BoundedPool(createPool(databaseUrl, poolSize, deadlines, { syncWait }), deadlines);
    const database = drizzle(pool as unknown as mysql.Pool, { schema, mode: 'default' });
    globalForDb.profileHubDb = { pool, db: database };
    onShutdown('database pool', closeDb);
    reportPoolStats(() => globalForDb.profileHubDb?.pool.stats() ?? { inUse: 0, waiting: 0 });
  }
  return globalForDb.profileHubDb;
}

export function db(): Database {
  return handle().db;
}

export function pool(): BoundedPool {
  return handle().pool;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.profileHubDb;
  globalForDb.profileHubDb = undefined;
  await current?.pool.end();
}
