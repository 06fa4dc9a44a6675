import { z } from 'zod';
import { DEFAULT_DEADLINES, type Deadlines } from './db-deadlines';
import { parseRunnerSettings, SettingError, type RunnerSettings } from './runner-settings';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/profile_hub';

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  JWT_SECRET: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  JWT_SECRET_PREVIOUS: z.string().optional(),
  SESSION_IDLE_DAYS: z.coerce.number().positive().max(365).default(7),
  SECURITY_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RATE_LIMIT_DISABLED: z.enum(['', '0', '1', 'true', 'false']).default(''),
  RATE_LIMIT_LOGIN_PER_MINUTE: perAddress(20),
  RATE_LIMIT_SIGNUP_PER_HOUR: perAddress(20),
  RATE_LIMIT_AVAILABILITY_PER_MINUTE: perAddress(60),
  RATE_LIMIT_API_PER_MINUTE: perAddress(600),
  RATE_LIMIT_MAIL_PER_HOUR: perAddress(5),
  // Seconds a statement waits for a row lock held by another transaction before answering 503.
  DATABASE_LOCK_WAIT_SECONDS: z.coerce.number().int().min(1).max(60).default(2),
  // Galera: wsrep_sync_wait for every session (1 = reads see every write committed anywhere before them).
  DATABASE_SYNC_WAIT: z.coerce.number().int().min(0).max(15).default(0),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Profile Hub <no-reply@localhost>'),
  APP_URL: z.string().url().optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(3600_000).default(5000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3600_000).default(30_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  // npm run bench only: serves app/bench/[name], the framework references.
  PROFILE_HUB_BENCH: z.enum(['', '0', '1']).default(''),
});

function perAddress(fallback: number) {
  return z.coerce.number().int().min(1).max(10_000_000).default(fallback);
}

/** Per client address, each in its own window: how many of each kind of request pass. */
export type ClientLimits = { login: number; signup: number; availability: number; api: number; mail: number };

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  jwtSecret: Uint8Array;
  sessionTtlMs: number;
  bcryptCost: number;
  poolSize: number;
  previousJwtSecret: Uint8Array | null;
  sessionIdleMs: number;
  securityEventRetentionMs: number;
  rateLimitDisabled: boolean;
  clientLimits: ClientLimits;
  deadlines: Deadlines;
  syncWait: number;
  mail: MailConfig;
  benchRoutes: boolean;
  /** PORT, HOST, SHUTDOWN_TIMEOUT_MS, WEB_CONCURRENCY, TRUST_PROXY, LOG_*, METRICS_*, UV_THREADPOOL_SIZE. */
  runner: RunnerSettings;
};

/**
 * smtp: deliver over SMTP_URL. files: development without SMTP_URL writes each
 * message as .eml under .data/mail/. off: production without SMTP_URL; pages
 * that need mail say so.
 */
export type MailConfig = {
  mode: 'smtp' | 'files' | 'off';
  smtpUrl?: string;
  from: string;
  appUrl: string;
  /** APP_URL as configured (no trailing slash); unset means "the address each request came to". */
  configuredAppUrl?: string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
};

export class ConfigError extends Error {}

let cached: Config | undefined;

/** Settings that no longer exist or that weaken the app: said once at start, never silently. */
export function configWarnings(env: Record<string, string | undefined> = process.env): string[] {
  const warnings: string[] = [];
  if (env.LOGIN_FAILURE_LIMIT !== undefined) {
    warnings.push(
      'LOGIN_FAILURE_LIMIT is no longer used and is ignored: logins pause for a doubling delay (1 s up to 15 min) ' +
        'from the 5th consecutive failure, except for clients that signed in to the account before. ' +
        'Per-address limits are RATE_LIMIT_LOGIN_PER_MINUTE and friends (see docs/configuration.md).',
    );
  }
  if (env.RATE_LIMIT_DISABLED === '1' || env.RATE_LIMIT_DISABLED === 'true') {
    warnings.push(
      'RATE_LIMIT_DISABLED is set: logins, sign-ups and API requests are NOT throttled. Use only for load tests.',
    );
  }
  return warnings;
}

/** Reads and checks the environment once; a bad or missing secret stops the app with one line. */
export function config(): Config {
  if (cached) return cached;
  const parsed = environment.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const env = parsed.data;
  let runner: RunnerSettings;
  try {
    // The runner's own settings, through the one parser the runner uses too.
    runner = parseRunnerSettings(process.env);
  } catch (error) {
    if (error instanceof SettingError) throw new ConfigError(error.message);
    throw error;
  }
  const secret = env.JWT_SECRET ?? '';
  if (Buffer.byteLength(secret, 'utf8') < 32) {
    throw new ConfigError(
      secret
        ? 'JWT_SECRET must be at least 32 bytes long.'
        : 'JWT_SECRET is not set: set it to a random string of at least 32 bytes (npm run dev writes one to .env.development.local).',
    );
  }
  const previous = env.JWT_SECRET_PREVIOUS ?? '';
  if (previous && Buffer.byteLength(previous, 'utf8') < 32) {
    throw new ConfigError('JWT_SECRET_PREVIOUS must be at least 32 bytes long (or unset).');
  }
  const mailMode = env.SMTP_URL ? 'smtp' : env.NODE_ENV === 'production' ? 'off' : 'files';
  if (mailMode === 'smtp' && env.NODE_ENV === 'production' && !env.APP_URL) {
    // Links in mail must not be built from a request's Host header (a forged Host would poison reset links).
    throw new ConfigError(
      'APP_URL is not set: with SMTP_URL set, set APP_URL to the public address, e.g. https://profiles.example.com.',
    );
  }
  cached = {
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    jwtSecret: new TextEncoder().encode(secret),
    sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000,
    bcryptCost: env.BCRYPT_COST,
    poolSize: env.DATABASE_POOL_SIZE,
    previousJwtSecret: previous ? new TextEncoder().encode(previous) : null,
    sessionIdleMs: env.SESSION_IDLE_DAYS * 24 * 3600_000,
    securityEventRetentionMs: env.SECURITY_EVENT_RETENTION_DAYS * 24 * 3600_000,
    rateLimitDisabled: env.RATE_LIMIT_DISABLED === '1' || env.RATE_LIMIT_DISABLED === 'true',
    clientLimits: {
      login: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      signup: env.RATE_LIMIT_SIGNUP_PER_HOUR,
      availability: env.RATE_LIMIT_AVAILABILITY_PER_MINUTE,
      api: env.RATE_LIMIT_API_PER_MINUTE,
      mail: env.RATE_LIMIT_MAIL_PER_HOUR,
    },
    deadlines: { ...DEFAULT_DEADLINES, lockWaitSeconds: env.DATABASE_LOCK_WAIT_SECONDS },
    syncWait: env.DATABASE_SYNC_WAIT,
    mail: {
      mode: mailMode,
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      appUrl: (env.APP_URL ?? `http://localhost:${runner.port}`).replace(/\/+$/, ''),
      configuredAppUrl: env.APP_URL?.replace(/\/+$/, ''),
      pollMs: env.OUTBOX_POLL_MS,
      retryBaseMs: env.OUTBOX_RETRY_BASE_MS,
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    },
    runner,
    benchRoutes: env.PROFILE_HUB_BENCH === '1',
  };
  return cached;
}
