import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_DEADLINES, type Deadlines } from './db-deadlines.ts';
import { parseRunnerSettings, SettingError, type RunnerSettings } from './runner-settings.ts';

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
  // Comma list of addresses or CIDRs never counted against a per-address limit (a health checker, a load test).
  RATE_LIMIT_EXEMPT_ADDRESSES: z.string().default(''),
  // Mail-sending requests one account may make in 24 hours (email change, resend, reset), whatever its address.
  MAIL_PER_ACCOUNT_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(20),
  // Seconds a statement waits for a row lock held by another transaction before answering 503.
  DATABASE_LOCK_WAIT_SECONDS: z.coerce.number().int().min(1).max(60).default(2),
  // Galera: wsrep_sync_wait for every session (1 = reads see every write committed anywhere before them).
  DATABASE_SYNC_WAIT: z.coerce.number().int().min(0).max(15).default(0),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Profile Hub <no-reply@localhost>'),
  APP_URL: z.string().url().optional(),
  // Passkeys (WebAuthn): the relying-party id (a domain, never an IP address) and the page origin the browser
  // reports; both default to APP_URL's host and origin.
  WEBAUTHN_RP_ID: z.string().min(1).max(253).optional(),
  WEBAUTHN_ORIGIN: z.string().url().optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(3600_000).default(5000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3600_000).default(30_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  // Days between "Delete account" and the removal; the owner can cancel meanwhile. 0 deletes at once.
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
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
  /** Addresses no per-address limit counts (RATE_LIMIT_EXEMPT_ADDRESSES). */
  exemptAddresses: BlockList;
  mailPerAccountPerDay: number;
  deadlines: Deadlines;
  syncWait: number;
  mail: MailConfig;
  /** Sign-in providers (OIDC_<NAME>_*, GITHUB_*), in the order buttons show them; empty: no button. */
  signInProviders: SignInProviderConfig[];
  /** Passkeys: WEBAUTHN_RP_ID (default APP_URL's host) and WEBAUTHN_ORIGIN (default APP_URL's origin). */
  webauthn: { rpId: string; origin: string };
  /** ACCOUNT_DELETION_GRACE_DAYS in milliseconds; 0 = an account is removed the moment its owner deletes it. */
  deletionGraceMs: number;
  benchRoutes: boolean;
  /** PORT, HOST, SHUTDOWN_TIMEOUT_MS, WEB_CONCURRENCY, TRUST_PROXY, LOG_*, METRICS_*, UV_THREADPOOL_SIZE. */
  runner: RunnerSettings;
};

/**
 * One way to sign in elsewhere. `oidc`: any OpenID provider, found by discovery at `issuer`. `github`: GitHub's
 * OAuth 2 (it is no OpenID provider), through the adapter in lib/auth/sign-in-providers.ts.
 */
export type SignInProviderConfig = {
  /** NAME lower-cased: the path segment in /auth/{id} and the key stored with each linked identity. */
  id: string;
  kind: 'oidc' | 'github';
  displayName: string;
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** github only: the REST API's base (GITHUB_API_URL; default https://api.github.com/). */
  apiUrl?: URL;
};

const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const KNOWN_NAMES: Record<string, string> = {
  google: 'Google',
  github: 'GitHub',
  gitlab: 'GitLab',
  microsoft: 'Microsoft',
};

/** Loopback only: 127.0.0.0/8, ::1 and localhost. Anywhere else an issuer must be https. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A provider's URL setting: https, or plain http only on a loopback host (the tests' own provider). */
function providerUrl(setting: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${setting} is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(`${setting} must be an https URL (http is accepted only on a loopback host).`);
  }
  return url;
}

/** With one trailing slash, so relative paths resolve under it (GitHub Enterprise's API lives under /api/v3/). */
const asBase = (url: URL) => new URL(url.href.endsWith('/') ? url.href : `${url.href}/`);

/**
 * OIDC_<NAME>_ISSUER / _CLIENT_ID / _CLIENT_SECRET / _DISPLAY_NAME for any NAME, plus GITHUB_CLIENT_ID / _SECRET
 * and GitHub's base URLs GITHUB_BASE_URL / GITHUB_API_URL (GitHub Enterprise Server, or the tests' fake GitHub).
 */
export function parseSignInProviders(env: Record<string, string | undefined>): SignInProviderConfig[] {
  const providers: SignInProviderConfig[] = [];
  const names = new Set<string>();
  for (const key of Object.keys(env)) {
    const match = /^OIDC_([A-Z0-9_]+)_(ISSUER|CLIENT_ID|CLIENT_SECRET|DISPLAY_NAME)$/.exec(key);
    if (match && env[key]) names.add(match[1]!);
  }
  for (const name of [...names].sort()) {
    const setting = (part: string) => env[`OIDC_${name}_${part}`]?.trim() ?? '';
    const id = name.toLowerCase().replace(/_/g, '-');
    if (!PROVIDER_ID.test(id)) throw new ConfigError(`OIDC_${name}_*: the name must be 1–32 letters, digits or _.`);
    for (const part of ['ISSUER', 'CLIENT_ID', 'CLIENT_SECRET']) {
      if (!setting(part))
        throw new ConfigError(`OIDC_${name}_${part} is not set (OIDC_${name}_* configures a sign-in provider).`);
    }
    const issuer = providerUrl(`OIDC_${name}_ISSUER`, setting('ISSUER'));
    providers.push({
      id,
      kind: 'oidc',
      displayName: setting('DISPLAY_NAME') || KNOWN_NAMES[id] || name.charAt(0) + name.slice(1).toLowerCase(),
      issuer,
      clientId: setting('CLIENT_ID'),
      clientSecret: setting('CLIENT_SECRET'),
    });
  }
  const githubId = env.GITHUB_CLIENT_ID?.trim();
  const githubSecret = env.GITHUB_CLIENT_SECRET?.trim();
  const githubBase = env.GITHUB_BASE_URL?.trim();
  const githubApi = env.GITHUB_API_URL?.trim();
  if ((githubBase || githubApi) && !githubId)
    throw new ConfigError('GITHUB_BASE_URL and GITHUB_API_URL need GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET.');
  if (githubId || githubSecret) {
    if (!githubId || !githubSecret)
      throw new ConfigError('GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are set together.');
    if (providers.some((p) => p.id === 'github'))
      throw new ConfigError('GitHub is configured twice (OIDC_GITHUB_* and GITHUB_*).');
    providers.push({
      id: 'github',
      kind: 'github',
      displayName: 'GitHub',
      issuer: asBase(providerUrl('GITHUB_BASE_URL', githubBase || 'https://github.com')),
      clientId: githubId,
      clientSecret: githubSecret,
      apiUrl: asBase(providerUrl('GITHUB_API_URL', githubApi || 'https://api.github.com')),
    });
  }
  return providers;
}

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
  if ((env.RATE_LIMIT_DISABLED === '1' || env.RATE_LIMIT_DISABLED === 'true') && env.NODE_ENV !== 'production') {
    warnings.push(
      'RATE_LIMIT_DISABLED is set: logins, sign-ups and API requests are NOT throttled. Use only for load tests.',
    );
  }
  if ((env.RATE_LIMIT_EXEMPT_ADDRESSES ?? '').trim()) {
    warnings.push(
      `RATE_LIMIT_EXEMPT_ADDRESSES is set: requests from ${env.RATE_LIMIT_EXEMPT_ADDRESSES!.trim()} are not counted ` +
        'against any per-address limit (per-account limits still apply).',
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
  const rateLimitDisabled = env.RATE_LIMIT_DISABLED === '1' || env.RATE_LIMIT_DISABLED === 'true';
  if (rateLimitDisabled && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'RATE_LIMIT_DISABLED is refused in production: it would turn every throttle off. For a load test from known ' +
        'addresses, list them in RATE_LIMIT_EXEMPT_ADDRESSES (e.g. 127.0.0.1,::1) instead.',
    );
  }
  const exemptAddresses = parseAddressList(env.RATE_LIMIT_EXEMPT_ADDRESSES);
  const mailMode = env.SMTP_URL ? 'smtp' : env.NODE_ENV === 'production' ? 'off' : 'files';
  if (mailMode === 'smtp' && env.NODE_ENV === 'production' && !env.APP_URL) {
    // Links in mail must not be built from a request's Host header (a forged Host would poison reset links).
    throw new ConfigError(
      'APP_URL is not set: with SMTP_URL set, set APP_URL to the public address, e.g. https://profiles.example.com.',
    );
  }
  const appUrl = (env.APP_URL ?? `http://localhost:${runner.port}`).replace(/\/+$/, '');
  const webauthnOrigin = new URL(env.WEBAUTHN_ORIGIN ?? appUrl).origin;
  const rpId = env.WEBAUTHN_RP_ID ?? new URL(webauthnOrigin).hostname;
  const originHost = new URL(webauthnOrigin).hostname;
  if (originHost !== rpId && !originHost.endsWith(`.${rpId}`)) {
    throw new ConfigError(`WEBAUTHN_RP_ID (${rpId}) must be the host of ${webauthnOrigin} or a parent domain of it.`);
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
    rateLimitDisabled,
    clientLimits: {
      login: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      signup: env.RATE_LIMIT_SIGNUP_PER_HOUR,
      availability: env.RATE_LIMIT_AVAILABILITY_PER_MINUTE,
      api: env.RATE_LIMIT_API_PER_MINUTE,
      mail: env.RATE_LIMIT_MAIL_PER_HOUR,
    },
    exemptAddresses,
    mailPerAccountPerDay: env.MAIL_PER_ACCOUNT_PER_DAY,
    deadlines: { ...DEFAULT_DEADLINES, lockWaitSeconds: env.DATABASE_LOCK_WAIT_SECONDS },
    syncWait: env.DATABASE_SYNC_WAIT,
    deletionGraceMs: env.ACCOUNT_DELETION_GRACE_DAYS * 24 * 3600_000,
    mail: {
      mode: mailMode,
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      appUrl,
      configuredAppUrl: env.APP_URL?.replace(/\/+$/, ''),
      pollMs: env.OUTBOX_POLL_MS,
      retryBaseMs: env.OUTBOX_RETRY_BASE_MS,
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    },
    signInProviders: parseSignInProviders(process.env),
    runner,
    benchRoutes: env.PROFILE_HUB_BENCH === '1',
    webauthn: { rpId, origin: webauthnOrigin },
  };
  return cached;
}

/** RATE_LIMIT_EXEMPT_ADDRESSES: "203.0.113.9, 10.0.0.0/8, ::1" → a BlockList; anything else stops the start. */
export function parseAddressList(setting: string): BlockList {
  const list = new BlockList();
  for (const entry of setting
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits))) {
      throw new ConfigError(
        `RATE_LIMIT_EXEMPT_ADDRESSES: "${entry}" is not an IP address or CIDR (e.g. 127.0.0.1, 10.0.0.0/8, ::1).`,
      );
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}
