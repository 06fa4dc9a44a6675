import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import { describeStatement, errorChain } from './db-errors.ts';
import { runnerSettings } from './runner-settings.ts';

/**
 * The one redaction rule for everything logged. Errors are logged as their
 * name, code, errno, SQL state, the kind of statement ("insert users") and a
 * scrubbed message, cause by cause. Never: SQL text or parameters (drizzle's
 * "Failed query … params: …" message carries both, mysql2's `sql` has the
 * values inlined), passwords, session codes, JWTs, password hashes, image
 * bytes, or any long token-like string.
 */
const SECRET_SHAPES: [RegExp, string][] = [
  [/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[jwt]'],
  [/\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{20,}/g, '[hash]'],
  // Quoted values in server messages ("Duplicate entry 'ada@example.com'…"), but not index names.
  [/(?<!\bkey )'[^']*'/g, "'?'"],
  [/"[^"]*"/g, '"?"'],
  // Session codes, hex or base64 blobs, anything long and token-like.
  [/[A-Za-z0-9+/_=-]{24,}/g, '[redacted]'],
];

export function scrub(text: string): string {
  let scrubbed = text;
  for (const [shape, replacement] of SECRET_SHAPES) scrubbed = scrubbed.replace(shape, replacement);
  return scrubbed.length > 300 ? `${scrubbed.slice(0, 300)}…` : scrubbed;
}

type LoggedError = {
  name?: string;
  code?: string;
  errno?: number;
  sqlState?: string;
  statement?: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
};

function loggedLink(error: unknown): LoggedError {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
    return { message: scrub(String(error)) };
  }
  const fields = error as Record<string, unknown>;
  // drizzle's DrizzleQueryError (named plain "Error") carries the SQL in `query` and the values in `params`.
  const failedQuery = typeof fields.query === 'string' && 'params' in fields;
  const name = failedQuery ? 'DrizzleQueryError' : typeof fields.name === 'string' ? fields.name : 'Error';
  const sqlText =
    typeof fields.query === 'string' ? fields.query : typeof fields.sql === 'string' ? fields.sql : undefined;
  const statement =
    typeof fields.statement === 'string' ? fields.statement : sqlText ? describeStatement(sqlText) : undefined;
  // drizzle's message is the SQL and its parameters: say which statement instead.
  const message = String(fields.sqlMessage ?? fields.message ?? '');
  const rawMessage = failedQuery || message.startsWith('Failed query') ? 'Failed query' : message;
  return {
    name,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(typeof fields.errno === 'number' ? { errno: fields.errno } : {}),
    ...(typeof fields.sqlState === 'string' ? { sqlState: fields.sqlState } : {}),
    ...(statement ? { statement } : {}),
    message: scrub(rawMessage),
  };
}

/** An error and its cause chain as logged: see the redaction rule above. */
export function serializeError(error: unknown): LoggedError {
  const links = [...errorChain(error)].map(loggedLink);
  const stack = error instanceof Error ? error.stack : undefined;
  // Only the frames: a stack's first line repeats the (unscrubbed) message.
  const frames = stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim())
    .join('\n');
  const root = links[0] ?? { message: '' };
  if (frames) root.stack = frames;
  for (let index = links.length - 1; index > 0; index--) links[index - 1]!.cause = links[index];
  return root;
}

// Belt and braces for fields a caller might pass by mistake.
const REDACTED_PATHS = [
  'password',
  'currentPassword',
  'newPassword',
  'sessionCode',
  'token',
  'jwt',
  'passwordHash',
  'image',
  'params',
  'sql',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.sessionCode',
  '*.jwt',
];

function prettyStream(): NodeJS.WritableStream | undefined {
  if (process.env.NODE_ENV !== 'development' || runnerSettings().logFormat === 'json') return undefined;
  try {
    // Loaded at run time and only in development: pino-pretty is a dev dependency.
    const require = createRequire(`${process.cwd()}/package.json`);
    const pretty = require('pino-pretty') as (options: object) => NodeJS.WritableStream;
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

function createLogger(): Logger {
  const options: pino.LoggerOptions = {
    level: runnerSettings().logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  const pretty = prettyStream();
  return pretty ? pino(options, pretty) : pino(options);
}

const globalForLog = globalThis as unknown as { profileHubLog?: Logger };

/** The process's logger (one per process, also across dev-mode reloads). */
export function logger(): Logger {
  globalForLog.profileHubLog ??= createLogger();
  return globalForLog.profileHubLog;
}

/** An error, logged once, with its cause chain and nothing secret. */
export function logError(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  logger().error({ ...fields, err: error }, message);
}

/**
 * Errors Next prints that are a client's mistake, not ours: a server-action request naming no action
 * of this build (a scanner sends hundreds; an old tab after a deploy sends one). One warn line each,
 * with no stack, instead of an error.
 */
const CLIENT_MISTAKES: { shape: RegExp; reason: string }[] = [
  { shape: /failed-to-find-server-action/, reason: 'unknown_server_action' },
];

/** Routes what Next prints (console.warn and console.error) through CLIENT_MISTAKES; the rest as before. */
export function quietClientMistakes(): void {
  for (const method of ['warn', 'error'] as const) {
    const current = console[method] as typeof console.warn & { quiet?: true };
    if (current.quiet) continue;
    const original = current.bind(console);
    const quiet = (...args: unknown[]) => {
      const text = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
      const mistake = CLIENT_MISTAKES.find((candidate) => candidate.shape.test(text));
      if (mistake) logger().warn({ reason: mistake.reason }, 'malformed server action request refused');
      else original(...args);
    };
    console[method] = Object.assign(quiet, { quiet: true as const });
  }
}

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Outside the production runner (which decides per connection, server/forwarded.ts): any TRUST_PROXY that
 * trusts some proxy means a proxy in front sets X-Request-Id, and we believe it (one parser: runner-settings).
 */
export function trustProxy(): boolean {
  return runnerSettings().trustsAnyProxy;
}

/** The proxy's X-Request-Id when we trust the proxy and it is well formed, else a new one. */
export function requestIdFrom(
  headers: Headers | Record<string, string | string[] | undefined>,
  trusted = trustProxy(),
) {
  const raw = headers instanceof Headers ? headers.get('x-request-id') : headers['x-request-id'];
  const incoming = Array.isArray(raw) ? raw[0] : raw;
  return trusted && incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export type RequestLine = {
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
};

const counters = { requests: 0, unavailable: 0, errors: 0 };

/** Requests, 503s and 500s answered by this process since it started. */
export function requestCounters(): Readonly<typeof counters> {
  return { ...counters };
}

/** One line per request: 5xx as warn (503) or error (others), with running counts of both. */
export function logRequest(line: RequestLine, error?: unknown): void {
  counters.requests++;
  const fields: Record<string, unknown> = { ...line, durationMs: Math.round(line.durationMs * 10) / 10 };
  if (line.status === 503) {
    counters.unavailable++;
    logger().warn({ ...fields, unavailableTotal: counters.unavailable, ...(error ? { err: error } : {}) }, 'request');
  } else if (line.status >= 500) {
    counters.errors++;
    logger().error({ ...fields, errorTotal: counters.errors, ...(error ? { err: error } : {}) }, 'request');
  } else {
    logger().info(fields, 'request');
  }
}
