/**
 * `npm run probe:security`: issue 14's attacks replayed over real HTTP against the production runner
 * (server/start.ts) at its default settings (limits on, bcrypt cost 12, TRUST_PROXY unset) on a throwaway
 * database, and a second runner with TRUST_PROXY=loopback for the HTTPS-only header. Distinct clients are other
 * loopback addresses (127.0.0.2, …) bound as the local address. Prints a markdown table; asserts nothing.
 * Builds only when there is no build (.next/BUILD_ID). The runners take ports the OS picks (logs in
 * test-results/server-logs): the second runner (TRUST_PROXY=loopback, mail to an in-process SMTP catcher) serves
 * issue 20's rows, and the RATE_LIMIT_DISABLED check takes its port once it has stopped.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import sharp from 'sharp';
import { dropDatabase, migrateDatabase } from '../db/migrate';
import { freePort, startApp, type RunningApp } from './lib/app-server';
import { ensureDatabaseServer } from './lib/database-server';
import { linkToken, readMailbox, startMailCatcher, waitForMail } from '../tests/support/mail-catcher';

/** The first runner's port (the OS picks it): where requests go unless they name another. */
let PORT = 0;
/** PROBE_ONLY=20: issue 20's rows alone (they need nothing of the others), for a quick look on a busy machine. */
const ONLY_ISSUE_20 = process.env.PROBE_ONLY === '20';
const distDir = process.env.NEXT_DIST_DIR || '.next';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (message: string) => console.error(`· ${message}`);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * The "seen before" column: issue 14's findings; the login figures follow the design before it (ADR 0003:
 * 10 failures per account per 15 min, nothing per address). Today's column is measured.
 */
const BEFORE: Record<string, string> = {
  '1a': '429 (any client locked out: 10 failures per account per 15 min)',
  '1b': '429, Retry-After up to 900 s',
  '1c': 'no delay: 10 free, then 429 until the 15-min window ends',
  '1d': '10× 401, 10× 429',
  '2a': '150× 401 (no per-address limit)',
  '2b': '100× 201 (no per-address limit)',
  '2c': '300× 200 (no per-address limit)',
  '3': 'one rate_limits row per identifier per 15 min, kept a day',
  '4': '6.6.6.6',
  '5a': "script-src 'self' 'unsafe-inline', no nonce, base-uri 'self'",
  '5b': "same static CSP; Next's default Cache-Control",
  '5c': 'none',
  '5d': 'none',
  '5e': 'no-store',
  '6a': 'stored and served as uploaded (EXIF kept)',
  '6b': 'stored as uploaded (never decoded)',
  '6c': '—',
  '6d': 'served as uploaded',
  '7': 'secrets in error logs',
  '8a': '500',
  '8b': '500 for POST and OPTIONS',
  '9': 'no idle timeout, no key rotation',
  // Issue 20, "Limits on every path" (as reported there).
  '20a': '20× 400, never 429',
  '20b': '429 / 401: the pause told which name has an account',
  '20c': '30× 200, about 60 mails',
  '20d': 'accepted, with a warning in the log',
  // Issue 20, its other attacks ("Proof": the issue's words and figures).
  '20e': "the attacker's revert answered 200 and the victim's new password then 401",
  '20f': "the owner's link answered 400",
  '20g': "the owner's revert then answered 409 email_taken: nothing restored",
  '20h': 'read, decoded and parsed before validation: peak about 470 MB (128 parallel, about 660 MB)',
  '20i': 'opening the link verified the address (a mail scanner verifies accounts the owner never made)',
  '20j': 'a card can show an address the owner never proved',
  '20k': 'recovery leaves no trace',
  '20l': 'survives logout, password change, reset and revert (180 days, bearer)',
  '20m': 'an unknown client address disables every per-address limit (limitClient returns early)',
  '20n': 'RATE_LIMIT_MAIL_PER_HOUR counted only by forgot-password: each sign-up mails its address',
};

if (!existsSync(path.join(distDir, 'BUILD_ID'))) {
  progress('no production build: npx next build');
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  // Its output goes to stderr with the progress lines: stdout is the table.
  if (spawnSync('npx', ['next', 'build'], { stdio: ['ignore', 2, 2], env }).status !== 0) process.exit(1);
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer; ms: number; json: () => Json };
type Json = Record<string, unknown>;
type CallOptions = { headers?: Record<string, string>; json?: unknown; body?: Buffer; port?: number; code?: string };

/** One HTTP request from the client address `from` (a loopback address bound as the socket's local end). */
function call(from: string, method: string, target: string, options: CallOptions = {}): Promise<Answer> {
  const body = options.body ?? (options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json)));
  const headers: Record<string, string> = { ...options.headers };
  if (body) headers['content-type'] = 'application/json';
  if (options.code) headers.authorization = `Bearer ${options.code}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: options.port ?? PORT, path: target, method, headers, localAddress: from },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes,
            ms: Math.round(performance.now() - started),
            json: () => JSON.parse(bytes.toString('utf8')) as Json,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = (from: string, who: { email: string } | { username: string }, password: string, device?: string) =>
  call(from, 'POST', '/api/login', { json: { ...who, password }, headers: device ? { 'x-device-token': device } : {} });

// Throwaway database and the runners.
const url = new URL(await ensureDatabaseServer());
url.pathname = `/profile_hub_probe_${hex(3)}`;
const databaseUrl = url.toString();
await migrateDatabase(databaseUrl);
const sql = await mysql.createConnection({ uri: databaseUrl });
const count = async (table: string) =>
  Number(((await sql.query(`SELECT COUNT(*) AS n FROM ${table}`))[0] as { n: number }[])[0]!.n);

type Runner = RunningApp;
const runners: Runner[] = [];
const stopRunner = (runner: Runner) => runner.stop();
/** A runner at the production defaults (limits, bcrypt cost, no TRUST_PROXY, a worker per core) but `extra`. */
async function startRunner(port: number, extra: Record<string, string> = {}): Promise<Runner> {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of Object.keys(baseEnv))
    if (/^(RATE_LIMIT_|BCRYPT_|TRUST_PROXY|WEB_CONCURRENCY)/.test(name)) delete baseEnv[name];
  const env = {
    WEB_CONCURRENCY: undefined,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(48).toString('base64url'),
  };
  const runner = await startApp({ name: 'security-probe', baseEnv, port, env: { ...env, ...extra } });
  runners.push(runner);
  return runner;
}
/** A process's peak resident memory so far (VmHWM), in MiB. */
const peakOf = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
/** The runner's child processes (its cluster workers; none with one process). */
const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
/** The peak resident memory of the runner's heaviest process (a worker serves the requests, not the primary). */
const memory = (pid: number) => Math.max(peakOf(pid), ...childrenOf(pid).map(peakOf));

/** A PNG chunk (length, type, data, CRC). */
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}
/** A black 1-bit grey PNG of any size (20000 × 20000 deflates to ~50 KB). */
function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth 1, colour type 0 (grey)
  const pixels = deflateSync(Buffer.alloc((Math.ceil(width / 8) + 1) * height), { level: 9 });
  const chunks = [pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))];
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ...chunks]);
}

const rows: [string, string, string][] = [];
const row = (key: string, what: string, today: string) => {
  rows.push([`${key}. ${what}`, BEFORE[key] ?? '', today]);
  progress(`${key}. ${what}: ${today}`);
};
const secrets: string[] = [];
const since = (started: number) => Math.round(performance.now() - started);
const status = (a: Answer) =>
  `${a.status}${a.headers['retry-after'] ? `, Retry-After ${a.headers['retry-after']} s` : ''}`;
const tally = (answers: Answer[]) => {
  const byStatus = new Map<number, number>();
  for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
  return [...byStatus].map(([code, n]) => `${n}× ${code}`).join(', ');
};
/** The contract error code of an answer, or its status when the body is not one. */
function errorCode(answer: Answer): string {
  try {
    return String(answer.json().code ?? answer.status);
  } catch {
    return String(answer.status);
  }
}
/** Requests one after another, timed. */
async function sequence(n: number, one: (i: number) => Promise<Answer>) {
  const answers: Answer[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) answers.push(await one(i));
  return { answers, ms: since(started) };
}
function firstRefusal({ answers, ms }: { answers: Answer[]; ms: number }, success: number): string {
  const first = answers.findIndex((a) => a.status === 429);
  const passed = answers.slice(0, first < 0 ? answers.length : first).filter((a) => a.status === success).length;
  return `${passed}× ${success} before the first 429; ${tally(answers)}; ${ms} ms`;
}
function describeCsp(answer: Answer): string {
  const csp = String(answer.headers['content-security-policy'] ?? '');
  const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  const has = (token: string) => (script.includes(token) ? 'yes' : 'no');
  const baseUri = /base-uri ([^;]*)/.exec(csp)?.[1] ?? 'unset';
  return `nonce ${has("'nonce-")}, strict-dynamic ${has("'strict-dynamic'")}, unsafe-inline ${has("'unsafe-inline'")}, base-uri ${baseUri}`;
}
const cacheOf = (a: Answer) => String(a.headers['cache-control'] ?? 'none');
const coop = (a: Answer) => String(a.headers['cross-origin-opener-policy'] ?? 'none');
/** Whether EXIF holds a GPS IFD pointer (tag 0x8825, either byte order). */
const hasGps = (exif?: Buffer) => !!exif && ['8825', '2588'].some((tag) => exif.includes(Buffer.from(tag, 'hex')));

// Mail of the second runner: caught in-process (an ephemeral port), read back for its links.
const mailDir = mkdtempSync(path.join(tmpdir(), 'profile-hub-probe-mail-'));
const catcher = await startMailCatcher({ dir: mailDir });

try {
  const server = await startRunner(0);
  PORT = server.port;
  // The second runner's links name it (APP_URL): its port is picked before it starts.
  const MAIL_PORT = await freePort();
  const proxied = await startRunner(MAIL_PORT, {
    TRUST_PROXY: 'loopback',
    SMTP_URL: catcher.url,
    APP_URL: `http://127.0.0.1:${MAIL_PORT}`,
    OUTBOX_POLL_MS: '200',
  });
  const pid = server.child.pid!;
  const PASSWORD = `Probe owner keeps ${hex(4)}`;
  const WRONG = `Wrong guess ${hex(4)}`;
  secrets.push(PASSWORD, WRONG);
  const signUp = async (from: string, tag: string) => {
    const user = { email: `${tag}${hex(3)}@example.test`, username: `${tag}${hex(3)}` };
    const json = { ...user, password: PASSWORD, firstName: 'Probe', lastName: 'Owner' };
    return { ...user, answer: await call(from, 'POST', '/api/creare-cont', { json }) };
  };
  if (!ONLY_ISSUE_20) {
    const owner = await signUp('127.0.0.1', 'owner');
    if (owner.answer.status !== 201) throw new Error(`sign-up: ${owner.answer.status} ${owner.answer.body}`);
    const [found] = await sql.query<mysql.RowDataPacket[]>('SELECT id, password_hash FROM users WHERE username = ?', [
      owner.username,
    ]);
    const ownerId = Number(found[0]!.id);

    // 1. A stranger locks any account.
    progress('1. a stranger guesses from 127.0.0.2, waiting out each pause (about a minute)');
    const known = await login('127.0.0.5', { email: owner.email }, PASSWORD);
    const deviceToken = String(known.json().deviceToken);
    secrets.push(deviceToken, String(known.json().sessionCode));
    const retryAfter: number[] = [];
    for (let failures = 0; failures < 10;) {
      const who = failures % 2 ? { username: owner.username } : { email: owner.email };
      const answer = await login('127.0.0.2', who, WRONG);
      if (answer.status === 401) failures++;
      else if (answer.status === 429) {
        retryAfter.push(Number(answer.headers['retry-after']));
        await sleep(retryAfter.at(-1)! * 1000 + 100);
      } else throw new Error(`a guess answered ${answer.status}`);
    }
    const fresh = await login('127.0.0.3', { username: owner.username }, PASSWORD);
    const withDevice = await login('127.0.0.5', { email: owner.email }, PASSWORD, deviceToken);
    secrets.push(String(withDevice.json().sessionCode), String(withDevice.json().deviceToken));
    row('1a', 'owner after 10 failures from 127.0.0.2 (email + username), known client', status(withDevice));
    row('1b', 'same, from a fresh address (127.0.0.3) without a device token', status(fresh));
    row(
      '1c',
      'Retry-After from the 5th failure on',
      `${retryAfter.join(', ')} s; ${fresh.headers['retry-after']} s next`,
    );
    const second = await signUp('127.0.0.1', 'burst');
    let started = performance.now();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => login('127.0.0.4', { username: second.username }, WRONG)),
    );
    row('1d', '20 parallel wrong guesses, one account', `${tally(burst)} in ${since(started)} ms`);

    // 2. Nothing per client.
    progress('2. 150 logins, 100 sign-ups, 300 availability checks, each from one address');
    const names = Array.from({ length: 150 }, (_, i) => `bulk${i}_${hex(3)}`);
    // The 150 accounts go straight into the table (sign-ups are limited per address); the owner's hash, never used.
    await sql.query('INSERT INTO users (username, email, first_name, last_name, password_hash) VALUES ?', [
      names.map((name) => [name, `${name}@example.test`, 'Bulk', 'User', found[0]!.password_hash]),
    ]);
    const spray = await sequence(150, (i) => login('127.0.0.6', { username: names[i]! }, WRONG));
    row('2a', '150 accounts × 1 wrong password, one address', firstRefusal(spray, 401));
    const signups = await sequence(100, () => signUp('127.0.0.7', 'many').then((user) => user.answer));
    row('2b', '100 sign-ups, one address', firstRefusal(signups, 201));
    const checks = await sequence(300, (i) => call('127.0.0.8', 'GET', `/api/checkUsername?username=probe${i}x`));
    row('2c', '300 availability checks, one address', firstRefusal(checks, 200));

    // 3. Limiter state bounded.
    progress('3. 1,000 random unknown emails from 127.0.0.10–14');
    const before = [await count('login_throttles'), await count('rate_limits')];
    started = performance.now();
    const scan = await Promise.all(
      [10, 11, 12, 13, 14].map(async (host) => {
        const answers: Answer[] = [];
        for (let i = 0; i < 200; i++)
          answers.push(await login(`127.0.0.${host}`, { email: `${hex(6)}@scan.test` }, WRONG));
        return answers;
      }),
    );
    const after = [await count('login_throttles'), await count('rate_limits')];
    row(
      '3',
      'limiter rows after 1,000 unknown emails from 5 addresses',
      `${tally(scan.flat())} in ${since(started)} ms; login_throttles +${after[0]! - before[0]!}, ` +
        `rate_limits +${after[1]! - before[1]!} (totals ${after[0]}, ${after[1]}); bounded by the per-address login ` +
        'limit (20/min) and housekeeping (rate_limits windows > 2 h, login_throttles untouched 24 h); 43-char keys',
    );

    // 4. Spoofed address. Logins from here on carry the device token: the account's own count is paused.
    const spoof = await call('127.0.0.9', 'POST', '/api/login', {
      json: { email: owner.email, password: PASSWORD },
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-device-token': deviceToken },
    });
    const spoofCode = String(spoof.json().sessionCode);
    secrets.push(spoofCode, String(spoof.json().deviceToken));
    const listed = (await call('127.0.0.9', 'GET', '/api/sessions', { code: spoofCode })).json().sessions as {
      ip: string;
      current: boolean;
    }[];
    row(
      '4',
      'X-Forwarded-For: 6.6.6.6 from 127.0.0.9: /api/sessions address',
      listed.find((s) => s.current)?.ip ?? '-',
    );

    // 5. Headers.
    const code = String((await login('127.0.0.1', { email: owner.email }, PASSWORD, deviceToken)).json().sessionCode);
    secrets.push(code);
    const loginPage = await call('127.0.0.1', 'GET', '/login');
    const profilePage = await call('127.0.0.1', 'GET', '/profile', { headers: { cookie: `session=${code}` } });
    const privateApi = await call('127.0.0.1', 'GET', '/api/getProfile', { code });
    const https = { 'x-forwarded-proto': 'https' };
    const direct = await call('127.0.0.1', 'GET', '/login', { headers: https });
    const viaProxy = await call('127.0.0.1', 'GET', '/login', { headers: https, port: MAIL_PORT });
    const hsts = (a: Answer) => a.headers['strict-transport-security'] ?? 'none';
    row('5a', '/login CSP', describeCsp(loginPage));
    row(
      '5b',
      '/profile CSP; Cache-Control',
      `${profilePage.status}: ${describeCsp(profilePage)}; ${cacheOf(profilePage)}`,
    );
    row('5c', 'COOP on /login, /profile', `${coop(loginPage)}, ${coop(profilePage)}`);
    row('5d', 'HSTS, X-Forwarded-Proto: https from a trusted proxy / directly', `${hsts(viaProxy)} / ${hsts(direct)}`);
    row('5e', 'Cache-Control of GET /api/getProfile', cacheOf(privateApi));

    // 6. Images.
    progress('6. images');
    const upload = (image: Buffer) =>
      call('127.0.0.1', 'POST', '/api/setContactDetail', { code, json: { image: image.toString('base64') } });
    const served = async () => (await call('127.0.0.1', 'GET', `/api/profileImage/${ownerId}`, { code })).body;
    const gps = {
      GPSLatitudeRef: 'N',
      GPSLatitude: '44/1 25/1 0/1',
      GPSLongitudeRef: 'E',
      GPSLongitude: '26/1 6/1 0/1',
    };
    const exifJpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'ProbeCam' }, IFD3: gps })
      .toBuffer();
    const inputGps = hasGps((await sharp(exifJpeg).metadata()).exif);
    const exifUpload = await upload(exifJpeg);
    const exifOut = await sharp(await served()).metadata();
    row(
      '6a',
      'JPEG with GPS EXIF: EXIF in what /api/profileImage serves',
      `GPS in the input: ${inputGps}; upload ${exifUpload.status}; served: ` +
        (exifOut.exif ? `EXIF ${exifOut.exif.length} B, GPS ${hasGps(exifOut.exif)}` : 'no EXIF'),
    );
    const bomb = blackPng(20_000, 20_000);
    const bombAnswer = await upload(bomb);
    row('6b', `20000×20000 PNG (${Math.round(bomb.length / 1024)} KiB)`, `${bombAnswer.status} in ${bombAnswer.ms} ms`);
    const noise = randomBytes(1250 * 1250 * 3);
    const big = await sharp(noise, { raw: { width: 1250, height: 1250, channels: 3 } })
      .jpeg({ quality: 96 })
      .toBuffer();
    const peaks = [memory(pid)];
    const rounds: string[] = [];
    for (let round = 0; round < 2; round++) {
      started = performance.now();
      rounds.push(`${tally(await Promise.all(Array.from({ length: 10 }, () => upload(big))))} in ${since(started)} ms`);
      peaks.push(memory(pid));
    }
    row(
      '6c',
      `10 concurrent ${(big.length / 1e6).toFixed(2)} MB JPEG uploads, twice: runner peak RSS (VmHWM)`,
      `${rounds.join('; then ')}; VmHWM ${peaks.join(' → ')} MiB`,
    );
    const script = '<script>alert(document.cookie)</script>';
    const plain = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#3c3' } })
      .png()
      .toBuffer();
    const text = pngChunk('tEXt', Buffer.from(`Comment\0${script}`, 'latin1'));
    const scripted = Buffer.concat([plain.subarray(0, -12), text, plain.subarray(-12)]); // before IEND
    const scriptUpload = await upload(scripted);
    const scriptOut = await served();
    row(
      '6d',
      'PNG with a <script> tEXt chunk: text in the served bytes',
      `in the input: ${scripted.includes(script)}; upload ${scriptUpload.status}; served: ${scriptOut.includes(script)}`,
    );

    // 8. 500s.
    const action = await call('127.0.0.1', 'POST', '/login', {
      headers: { 'next-action': hex(21), origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
    });
    row('8a', 'cross-site server action (POST /login, Next-Action, Origin: https://evil.example)', status(action));
    const real = readdirSync(path.join(distDir, 'static', 'chunks')).find((name) => name.endsWith('.js'));
    const statuses = [];
    for (const name of [real, `missing-${hex(4)}.js`])
      for (const method of ['GET', 'POST', 'OPTIONS'])
        statuses.push((await call('127.0.0.1', method, `/_next/static/chunks/${name}`)).status);
    row('8b', 'GET, POST, OPTIONS on a real chunk; on a missing one', `${statuses.slice(0, 3)}; ${statuses.slice(3)}`);
    // 7. Secrets in the runners' output (stdout and stderr, everything since start).
    const [jwts] = await sql.query<mysql.RowDataPacket[]>('SELECT jwt FROM sessions');
    secrets.push(...jwts.map((r) => String(r.jwt)));
    const output = server.output() + proxied.output();
    const hits = secrets.filter(Boolean).reduce((sum, secret) => sum + output.split(secret).length - 1, 0);
    row(
      '7',
      `${secrets.length} secrets (passwords, session codes, device tokens, stored JWTs) in the runners' output`,
      `${hits} hits in ${output.split('\n').length} lines; covered by tests/reliability/logs.test.ts`,
    );
  }

  // 20. Limits on every path (issue 20).
  progress('20. current-password guessing, accented names, a mail loop, RATE_LIMIT_DISABLED');
  const victim = await signUp('127.0.0.20', 'victim');
  const stolen = String((await login('127.0.0.20', { email: victim.email }, PASSWORD)).json().sessionCode);
  const guesses = await sequence(20, (i) =>
    call('127.0.0.21', 'POST', '/api/changePassword', {
      code: stolen,
      json: { currentPassword: `${WRONG}${i}`, newPassword: `Probe new pass ${hex(4)}` },
    }),
  );
  row('20a', '20 wrong current passwords with a stolen session (changePassword)', `${tally(guesses.answers)}`);
  const named = await signUp('127.0.0.22', 'named');
  const ghost = `ghost${hex(3)}`;
  const accented = (name: string) => name.replace('o', 'ó').replace('e', 'é').toUpperCase();
  for (let i = 0; i < 5; i++) {
    await login('127.0.0.22', { username: named.username }, WRONG);
    await login('127.0.0.22', { username: ghost }, WRONG);
  }
  const existing = await login('127.0.0.22', { username: accented(named.username) }, WRONG);
  const none = await login('127.0.0.22', { username: accented(ghost) }, WRONG);
  row(
    '20b',
    'after 5 failures on a name, its accented capitals: existing account / no account',
    `${existing.status} / ${none.status}`,
  );
  // The second runner sends mail (to the catcher): what the loop queued is counted in the outbox.
  const mailPort = MAIL_PORT;
  const looper = { email: `looper${hex(3)}@example.test`, username: `looper${hex(3)}` };
  await call('127.0.0.23', 'POST', '/api/creare-cont', {
    port: mailPort,
    json: { ...looper, password: PASSWORD, firstName: 'Probe', lastName: 'Looper' },
  });
  const loopCode = String(
    (
      await call('127.0.0.23', 'POST', '/api/login', {
        port: mailPort,
        json: { email: looper.email, password: PASSWORD },
      })
    ).json().sessionCode,
  );
  const [before20c] = await sql.query<mysql.RowDataPacket[]>('SELECT COALESCE(MAX(id), 0) AS id FROM outbox');
  const lastMail = Number(before20c[0]!.id);
  // Ten addresses, three calls each: under the per-address mail limit, so the account's own budget shows.
  const loop = await sequence(30, (i) =>
    call(`127.0.0.${30 + (i % 10)}`, 'POST', '/api/changeEmail', {
      port: mailPort,
      code: loopCode,
      json: { newEmail: `loop${i}-${looper.username}@example.test`, currentPassword: PASSWORD },
    }),
  );
  // Every mail the loop queued (a confirmation to the new address and a notice to the old one per accepted call).
  const [queued] = await sql.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM outbox WHERE id > ?', [lastMail]);
  row('20c', '30 × changeEmail from one account', `${tally(loop.answers)}; ${Number(queued[0]!.n)} mails queued`);

  // The rest of issue 20 on the mail runner, each step from an address of its own (127.0.1.x), so the
  // per-address limits at their defaults (mail 5 an hour, sign-up 20) meet only the attack that aims at them.
  progress('20. pre-hijack, defusals, large bodies, verification GET, card, activity, device token, buckets');
  let hostNumber = 0;
  const nextHost = () => `127.0.1.${++hostNumber}`;
  const on = (method: string, target: string, options: CallOptions = {}) =>
    call(nextHost(), method, target, { ...options, port: mailPort });
  const CONFIRM_CHANGE = /Confirm your new email address/;
  const CHANGED = /Your email address was changed/;
  const VERIFY = /^Confirm your email address/;
  const RESET = /Reset your password/;
  const mailedToken = async (to: string, subject: RegExp, pathname: string) =>
    linkToken(await waitForMail(mailDir, to, subject), pathname);
  const newAccount = async (tag: string, email = `${tag}${hex(4)}@example.test`) => {
    const user = { email, username: `${tag}${hex(3)}`, password: `${PASSWORD} ${tag}` };
    const answer = await on('POST', '/api/creare-cont', { json: { ...user, firstName: 'Probe', lastName: 'Person' } });
    if (answer.status !== 201) throw new Error(`sign-up of ${tag}: ${answer.status} ${answer.body}`);
    const signedIn = await on('POST', '/api/login', { json: { email, password: user.password } });
    if (signedIn.status !== 200) throw new Error(`login of ${tag}: ${signedIn.status} ${signedIn.body}`);
    const { sessionCode, deviceToken } = signedIn.json() as { sessionCode: string; deviceToken: string };
    secrets.push(user.password, sessionCode, deviceToken);
    return { ...user, code: sessionCode, deviceToken };
  };
  const changeEmail = (code: string, password: string, newEmail: string) =>
    on('POST', '/api/changeEmail', { code, json: { newEmail, currentPassword: password } });
  /** Asked by the signed-in owner, confirmed from the new mailbox; the revert link mailed to the old address. */
  const moveTo = async (user: { code: string; password: string }, from: string, to: string) => {
    const asked = await changeEmail(user.code, user.password, to);
    if (asked.status !== 200) throw new Error(`changeEmail: ${asked.status} ${asked.body}`);
    const confirmed = await on('POST', '/api/confirmEmailChange', {
      json: { token: await mailedToken(to, CONFIRM_CHANGE, '/confirm-email') },
    });
    if (confirmed.status !== 200) throw new Error(`confirmEmailChange: ${confirmed.status} ${confirmed.body}`);
    return mailedToken(from, CHANGED, '/revert-email');
  };
  const revert = (token: string, newPassword: string) =>
    on('POST', '/api/revertEmailChange', { json: { token, newPassword } });
  const emailOf = async (username: string) =>
    String(
      ((await sql.query('SELECT email FROM users WHERE username = ?', [username]))[0] as { email: string }[])[0]!.email,
    );

  // 20e. Pre-hijack: the attacker moves their account onto the victim's address before the victim signs up.
  const attacker = await newAccount('attacker');
  const victimEmail = `victim${hex(4)}@example.test`;
  const claim = await changeEmail(attacker.code, attacker.password, victimEmail);
  // The confirmation lies in the victim's mailbox; suppose the attacker got hold of it anyway, for later.
  const claimLink = await mailedToken(victimEmail, CONFIRM_CHANGE, '/confirm-email');
  const victimPassword = `Victim owns this ${hex(3)}`;
  secrets.push(victimPassword);
  const victimSignUp = await on('POST', '/api/creare-cont', {
    json: { email: victimEmail, username: `victim${hex(3)}`, password: victimPassword, firstName: 'V', lastName: 'V' },
  });
  const lateClaim = await on('POST', '/api/confirmEmailChange', { json: { token: claimLink } });
  const revertsToAttacker = (await readMailbox(mailDir)).filter(
    (mail) => mail.to === attacker.email && CHANGED.test(mail.subject),
  ).length;
  const victimLogin = await on('POST', '/api/login', { json: { email: victimEmail, password: victimPassword } });
  row(
    '20e',
    "pre-hijack: attacker's A changed to the victim's V, then the victim signs up with V",
    `change ${claim.status} (pending); victim's sign-up ${victimSignUp.status}; attacker's confirm link then ` +
      `${lateClaim.status}; revert links mailed to A: ${revertsToAttacker}; victim's password ${victimLogin.status}; ` +
      `attacker's account on ${(await emailOf(attacker.username)) === attacker.email ? 'A' : 'V'}`,
  );

  // 20f. Defusal 1: A→B→C by someone who knows the password, then B's revert link; then the owner's A link.
  const owner1 = await newAccount('ownera');
  const b1 = `b${hex(4)}@example.test`;
  const revertA1 = await moveTo(owner1, owner1.email, b1);
  const revertB1 = await moveTo(owner1, b1, `c${hex(4)}@example.test`);
  const defuse = await revert(revertB1, `Defuser password ${hex(3)}`);
  const restored = await revert(revertA1, `Owner is back ${hex(3)}`);
  row(
    '20f',
    "defusal: A→B→C, B's revert link used, then the owner's A link",
    `B's revert ${defuse.status}; the owner's link ${restored.status}; account on ` +
      `${(await emailOf(owner1.username)) === owner1.email ? 'A' : 'another address'}`,
  );

  // 20g + 20k. Defusal 2, with every recovery step of one account recorded in its activity.
  const owner2 = await newAccount('ownerb');
  await on('POST', '/api/forgotPassword', { json: { email: owner2.email } });
  const resetPassword = `Reset by owner ${hex(3)}`;
  secrets.push(resetPassword);
  const reset = await on('POST', '/api/resetPassword', {
    json: { token: await mailedToken(owner2.email, RESET, '/reset-password'), newPassword: resetPassword },
  });
  const afterReset = String(
    (await on('POST', '/api/login', { json: { email: owner2.email, password: resetPassword } })).json().sessionCode,
  );
  await changeEmail(afterReset, resetPassword, `pending${hex(4)}@example.test`);
  await on('DELETE', '/api/changeEmail', { code: afterReset });
  const revertA2 = await moveTo({ code: afterReset, password: resetPassword }, owner2.email, `b${hex(4)}@example.test`);
  const throwaway = await on('POST', '/api/creare-cont', {
    json: {
      email: owner2.email,
      username: `throw${hex(3)}`,
      password: `Throwaway ${hex(4)}`,
      firstName: 'T',
      lastName: 'T',
    },
  });
  const revertPassword = `Owner wins back ${hex(3)}`;
  secrets.push(revertPassword);
  const restored2 = await revert(revertA2, revertPassword);
  row(
    '20g',
    "defusal: right after A→B, a throwaway sign-up with A; then the owner's revert",
    `throwaway sign-up ${throwaway.status}; the owner's revert ${restored2.status}; account on ` +
      `${(await emailOf(owner2.username)) === owner2.email ? 'A' : 'another address'}`,
  );
  const backCode = String(
    (await on('POST', '/api/login', { json: { email: owner2.email, password: revertPassword } })).json().sessionCode,
  );
  const recorded = new Set(
    ((await on('GET', '/api/activity', { code: backCode })).json().events as { type: string }[]).map((e) => e.type),
  );
  const recovery = ['password_reset', 'email_change_cancelled', 'email_changed', 'email_reverted'];
  row(
    '20k',
    'activity after a reset, a cancelled change, a confirmed change and a revert',
    `reset ${reset.status}; ${recovery.map((type) => `${type} ${recorded.has(type) ? 'yes' : 'no'}`).join(', ')}`,
  );

  // 20h. Large bodies from strangers, measured on this runner (it has read no upload).
  const huge = Buffer.from(JSON.stringify({ email: 'x@example.com', password: 'x'.repeat(4 * 1024 * 1024 - 64) }));
  const peakBefore = memory(proxied.child.pid!);
  const bodiesStarted = performance.now();
  const bodies = await Promise.all(
    Array.from({ length: 48 }, (_, i) =>
      call(`127.0.2.${1 + (i % 8)}`, 'POST', '/api/login', {
        port: mailPort,
        body: huge,
        headers: { 'content-type': 'application/json' },
      }).catch(() => ({ status: 0 }) as Answer),
    ),
  );
  const otherCodes = [...new Set(bodies.filter((a) => a.status !== 413 && a.status !== 0).map(errorCode))];
  if (otherCodes.length) {
    const logged = proxied
      .output()
      .split('\n')
      .filter((line) => /"level":"(error|warn)"/.test(line));
    progress(`20h. answers other than 413: ${otherCodes.join(', ')}; runner log:\n${logged.slice(-5).join('\n')}`);
  }
  row(
    '20h',
    '48 parallel 4 MiB login bodies: answers; runner peak RSS (VmHWM of its heaviest process)',
    `${tally(bodies)}${otherCodes.length ? ` (${otherCodes.join(', ')})` : ''} in ${since(bodiesStarted)} ms ` +
      `(0 = connection cut); VmHWM ${peakBefore} → ${memory(proxied.child.pid!)} MiB`,
  );

  // 20i + 20j. A mail scanner opening the verification link; the address on a published card.
  const unproven = await newAccount('unproven');
  await on('POST', '/api/publicCard', { code: unproven.code, json: { published: true, showEmail: true } });
  const cardShows = async () =>
    (await on('GET', `/u/${unproven.username}`)).body.toString('utf8').includes(`mailto:${unproven.email}`);
  const verified = async () =>
    Boolean(
      (
        (await sql.query('SELECT email_verified_at AS at FROM users WHERE username = ?', [unproven.username]))[0] as {
          at: Date | null;
        }[]
      )[0]!.at,
    );
  const verifyToken = await mailedToken(unproven.email, VERIFY, '/verify-email');
  const cardBefore = await cardShows();
  const scanned = await on('GET', `/verify-email?token=${verifyToken}`);
  const afterGet = await verified();
  const confirmed = await on('POST', '/api/verifyEmail', { json: { token: verifyToken } });
  const afterPost = await verified();
  row(
    '20i',
    'GET of the verification link (a mail scanner), then POST /api/verifyEmail',
    `GET ${scanned.status}: verified ${afterGet}; POST ${confirmed.status}: verified ${afterPost}`,
  );
  row(
    '20j',
    'published card with "Email address" ticked: mailto on /u/{username}',
    `unverified: ${cardBefore ? 'shown' : 'not shown'}; verified: ${(await cardShows()) ? 'shown' : 'not shown'}`,
  );

  // 20l. A device token stolen before the owner changes the password. The account is paused by a stranger's
  // guesses (written straight into login_throttles): a valid device token passes the pause, a dead one does not.
  const holder = await newAccount('device');
  const holderId = Number(
    ((await sql.query('SELECT id FROM users WHERE username = ?', [holder.username]))[0] as { id: number }[])[0]!.id,
  );
  const pause = () =>
    sql.query(
      'INSERT INTO login_throttles (`key`, failures, locked_until) VALUES (?, 30, NOW(3) + INTERVAL 15 MINUTE) ' +
        'ON DUPLICATE KEY UPDATE failures = 30, locked_until = NOW(3) + INTERVAL 15 MINUTE',
      [createHash('sha256').update(`account:${holderId}`, 'utf8').digest('base64url')],
    );
  const withStolen = (password: string) =>
    on('POST', '/api/login', {
      json: { email: holder.email, password },
      headers: { 'x-device-token': holder.deviceToken },
    });
  await pause();
  const whileValid = await withStolen(holder.password);
  const newPassword = `Owner changed it ${hex(3)}`;
  secrets.push(newPassword);
  const changed = await on('POST', '/api/changePassword', {
    code: holder.code,
    json: { currentPassword: holder.password, newPassword },
    headers: { 'x-device-token': holder.deviceToken },
  });
  await pause();
  const afterChange = await withStolen(newPassword);
  row(
    '20l',
    "the owner's device token, taken before a password change: login while the account is paused",
    `before the change ${status(whileValid)}; change ${changed.status}; after it ${status(afterChange)}`,
  );

  // 20m. A client address the runner cannot read: one shared bucket. Behind a trusted proxy (loopback here), an
  // X-Forwarded-For entry that is not an address leaves the client unknown. Availability checks (60 a minute per
  // address) in one burst, so no minute's edge slides the window while they run.
  const unknownStarted = performance.now();
  const unknown = await Promise.all(
    Array.from({ length: 70 }, (_, i) =>
      call('127.0.0.1', 'GET', `/api/checkUsername?username=unknown${i}x${hex(2)}`, {
        port: mailPort,
        headers: { 'x-forwarded-for': `not-an-address-${i}` },
      }),
    ),
  );
  row(
    '20m',
    '70 parallel availability checks, each with another non-address X-Forwarded-For (unknown client)',
    `${tally(unknown)} in ${since(unknownStarted)} ms`,
  );

  // 20n. One address signing up accounts with other people's addresses, to flood them with verification mail.
  const marker = hex(4);
  const flood = await sequence(10, (i) =>
    call('127.0.0.60', 'POST', '/api/creare-cont', {
      port: mailPort,
      json: {
        email: `flooded${i}-${marker}@example.test`,
        username: `flood${marker}${i}`,
        password: `${PASSWORD} flood`,
        firstName: 'F',
        lastName: 'F',
      },
    }),
  );
  const [floodMail] = await sql.query<mysql.RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM outbox WHERE recipient LIKE ?',
    [`%-${marker}@%`],
  );
  const heldBack = flood.answers.filter((a) => a.status === 201 && /no verification email/.test(a.body.toString()));
  row(
    '20n',
    "10 sign-ups from one address with other people's addresses (sign-up limit 20, mail limit 5 an hour)",
    `${tally(flood.answers)}; ${Number(floodMail[0]!.n)} verification mails queued; ${heldBack.length} answers say ` +
      `none was sent; ${flood.ms} ms`,
  );

  // 20d last, on the mail runner's port once it has stopped (refused at start, it never listens).
  await stopRunner(proxied);
  const disabled = await startRunner(MAIL_PORT, { RATE_LIMIT_DISABLED: '1' }).then(
    () => 'started',
    (error: Error) => (/RATE_LIMIT_DISABLED is refused/.test(error.message) ? 'refused at start (exit 1)' : 'failed'),
  );
  row('20d', 'RATE_LIMIT_DISABLED=1 with NODE_ENV=production', disabled);

  row('9', 'idle timeout, key rotation', 'tests/domain/keys.test.ts: "idle timeout …", "JWT key rotation"');
} finally {
  await Promise.all(runners.map(stopRunner));
  await catcher.close();
  rmSync(mailDir, { recursive: true, force: true });
  await sql.end();
  await dropDatabase(databaseUrl);
}

const cell = (text: string) => text.replaceAll('|', '\\|');
console.log('\n|  | seen before | today |\n| --- | --- | --- |');
rows.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
for (const [what, before, today] of rows) console.log(`| ${cell(what)} | ${cell(before)} | ${cell(today)} |`);
