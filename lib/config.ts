import { z } from 'zod';
import { DEFAULT_DEADLINES, type Deadlines } from './db-deadlines';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/profile_hub';

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  JWT_SECRET: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  LOGIN_FAILURE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  // Seconds a statement waits for a row lock held by another transaction before answering 503.
  DATABASE_LOCK_WAIT_SECONDS: z.coerce.number().int().min(1).max(60).default(2),
  // Galera: wsrep_sync_wait for every session (1 = reads see every write committed anywhere before them).
  DATABASE_SYNC_WAIT: z.coerce.number().int().min(0).max(15).default(0),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  jwtSecret: Uint8Array;
  sessionTtlMs: number;
  bcryptCost: number;
  poolSize: number;
  loginFailureLimit: number;
  deadlines: Deadlines;
  syncWait: number;
};

export class ConfigError extends Error {}

let cached: Config | undefined;

/** Reads and checks the environment once; a bad or missing secret stops the app with one line. */
export function config(): Config {
  if (cached) return cached;
  const parsed = environment.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const env = parsed.data;
  const secret = env.JWT_SECRET ?? '';
  if (Buffer.byteLength(secret, 'utf8') < 32) {
    throw new ConfigError(
      secret
        ? 'JWT_SECRET must be at least 32 bytes long.'
        : 'JWT_SECRET is not set: set it to a random string of at least 32 bytes (npm run dev writes one to .env.development.local).',
    );
  }
  cached = {
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    jwtSecret: new TextEncoder().encode(secret),
    sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000,
    bcryptCost: env.BCRYPT_COST,
    poolSize: env.DATABASE_POOL_SIZE,
    loginFailureLimit: env.LOGIN_FAILURE_LIMIT,
    deadlines: { ...DEFAULT_DEADLINES, lockWaitSeconds: env.DATABASE_LOCK_WAIT_SECONDS },
    syncWait: env.DATABASE_SYNC_WAIT,
  };
  return cached;
}
