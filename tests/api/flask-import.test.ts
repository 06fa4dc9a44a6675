import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, migrateDatabase } from '@/db/migrate';
import { api, expectContractError, login } from '../support/api';
import {
  readReport,
  runImport,
  seedUsers,
  siblingDatabaseUrl,
  loadFlaskSeed,
  startImport,
  werkzeugPbkdf2,
} from '../support/flask-seed';

const BCRYPT = /^bcrypt-hmac-sha256\$/;
const target = process.env.DATABASE_URL!;
const workDir = mkdtempSync(path.join(tmpdir(), 'flask-import-'));
const hex = (n: number) => 'a'.repeat(n);

// Rows the Flask backend could hold that Profile Hub must refuse or repair, beside the fixture's own.
const LOCKED_PASSWORD = 'legacy lock password 1';
// The fixture's email index ignores case; installations whose collation did not (MySQL's _bin ones) hold case-twins.
const CRAFTED = `
ALTER TABLE \`user\` MODIFY email varchar(120) COLLATE utf8mb4_bin;
INSERT INTO \`user\` VALUES
  (1001, 'absurdpbkdf2', 'absurd1@mail4.example', 'Cost', 'Absurd', 'pbkdf2:sha256:1000000000$saltsalt$${hex(64)}'),
  (1002, 'absurdscrypt', 'absurd2@mail4.example', 'Cost', 'Huge', 'scrypt:4194304:8:1$saltsalt$${hex(128)}'),
  (1003, 'md5user', 'md5@mail4.example', 'Hash', 'Weak', 'md5$salt$0123456789abcdef0123456789abcdef'),
  (1004, 'vladclone', 'VLADNE110@MAIL4.EXAMPLE', 'Clone', 'Vlad', '${werkzeugPbkdf2('whatever pass')}'),
  (1005, 'svgface', 'svgface@mail4.example', 'Face', 'Svg', '${werkzeugPbkdf2('svg face pass')}'),
  (1006, 'legacylock', 'legacylock@mail4.example', 'Lock', 'Legacy', '${werkzeugPbkdf2(LOCKED_PASSWORD, 260000)}');
INSERT INTO profile_card (occupation, homeaddress, country, county, user_id, image) VALUES
  ('Painter', '', '', '', 1005, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
`;
const IMPORTABLE = seedUsers().length + 2; // the fixture's 40, svgface and legacylock

const SNAPSHOT = `
SELECT l.legacy_id, u.username, u.email, u.first_name, u.last_name, u.password_hash, p.occupation, p.home_address, p.country,
       p.county, MD5(p.image) AS image, p.image_type, s.linkedin, s.facebook, s.github, s.instagram, s.twitter, s.youtube, s.description
FROM legacy_users l JOIN users u ON u.id = l.user_id JOIN profile_cards p ON p.user_id = u.id JOIN social_links s ON s.user_id = u.id
ORDER BY l.legacy_id`;

async function snapshot(url: string) {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await connection.query(SNAPSHOT);
    const [[counts]] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM profile_cards) AS cards, (SELECT COUNT(*) FROM social_links) AS links, (SELECT COUNT(*) FROM legacy_users) AS legacy',
    );
    return { rows, counts: { ...counts } };
  } finally {
    await connection.end();
  }
}

const oldDb = siblingDatabaseUrl(target, 'flaskold');
const throwaways: string[] = [oldDb];
async function freshTarget(label: string) {
  const url = siblingDatabaseUrl(target, label);
  throwaways.push(url);
  await migrateDatabase(url);
  return url;
}

let firstRun: Awaited<ReturnType<typeof runImport>>;
let report: ReturnType<typeof readReport>;

beforeAll(async () => {
  await loadFlaskSeed(oldDb, CRAFTED);
  const reportFile = path.join(workDir, 'first.jsonl');
  firstRun = await runImport(['--from', oldDb, '--to', target, '--batch-size', '7', '--report', reportFile]);
  report = readReport(reportFile);
}, 120_000);

afterAll(async () => {
  for (const url of throwaways) await dropDatabase(url);
});

describe('npm run import:flask, on the fixture', () => {
  it('imports every importable user and ends with the counts', () => {
    expect(firstRun.code, firstRun.stderr).toBe(0);
    expect(report.summary).toMatchObject({
      oldUsers: IMPORTABLE + 4,
      imported: IMPORTABLE,
      alreadyImported: 0,
      skipped: 4,
      hashesToUpgrade: IMPORTABLE,
    });
    expect(firstRun.stdout).toMatch(/imported:\s+42 \(4 with changes listed above\)/);
    expect(firstRun.stdout).toMatch(/skipped:\s+4/);
    expect(firstRun.stdout).toMatch(/hashes to upgrade:\s+42/);
    // Not a terminal here: plain progress lines, no bar.
    expect(firstRun.stderr).toMatch(/^progress: 46\/46 users/m);
    expect(firstRun.stderr).not.toContain('\r');
  });

  it('reports each broken row with its reason and what it did', () => {
    const byId = (id: number) => report.issues.filter((issue) => issue.legacyId === id);
    expect(byId(4)).toEqual([
      expect.objectContaining({
        field: 'email',
        skipped: false,
        action: expect.stringContaining('zoione113+work@mail4.example'),
      }),
    ]);
    expect(byId(5)).toEqual([
      expect.objectContaining({ field: 'username', skipped: false, action: expect.stringContaining('"has_space_11"') }),
    ]);
    expect(byId(7)).toEqual([
      expect.objectContaining({
        field: 'occupation',
        problem: expect.stringContaining('208 characters'),
        action: 'cut to 120 characters',
      }),
    ]);
    expect(byId(1001)).toEqual([
      expect.objectContaining({
        field: 'password',
        skipped: true,
        problem: expect.stringMatching(/absurd cost: 1000000000 pbkdf2 iterations/),
      }),
    ]);
    expect(byId(1002)).toEqual([
      expect.objectContaining({
        field: 'password',
        skipped: true,
        problem: expect.stringMatching(/absurd cost: scrypt N=4194304/),
      }),
    ]);
    expect(byId(1003)).toEqual([
      expect.objectContaining({
        field: 'password',
        skipped: true,
        problem: expect.stringMatching(/unknown hash method "md5"/),
      }),
    ]);
    expect(byId(1004)).toEqual([
      expect.objectContaining({
        field: 'email',
        skipped: true,
        problem: expect.stringMatching(/old user #1's address too \(equal but for case\)/),
      }),
    ]);
    expect(byId(1005)).toEqual([expect.objectContaining({ field: 'image', skipped: false, action: 'left empty' })]);
    expect(report.issues).toHaveLength(8);
    // The report is for people and logs: it never carries a hash (or a password).
    expect(JSON.stringify(report) + firstRun.stdout + firstRun.stderr).not.toMatch(
      /[0-9a-f]{32}|pbkdf2:sha256:260000\$/,
    );
  });

  it('keeps the newest profile card and links, with the dummy texts emptied', async () => {
    const { rows } = await snapshot(target);
    const byLegacy = new Map((rows as mysql.RowDataPacket[]).map((row) => [Number(row.legacy_id), row]));
    expect(byLegacy.get(1)).toMatchObject({
      occupation: 'Nurse',
      home_address: 'Strada Lalelelor 0',
      county: 'Timiș',
      image_type: 'image/png',
      github: 'https://github.com/vladne110',
      linkedin: '',
      description: 'Hi, I am Vlad.',
    });
    expect(byLegacy.get(2)).toMatchObject({
      occupation: '',
      home_address: '',
      country: '',
      county: '',
      image: null,
      linkedin: '',
      github: '',
      description: '',
    });
    expect(byLegacy.get(4)).toMatchObject({ email: 'zoione113+work@mail4.example', first_name: 'Zoë' });
    expect(String(byLegacy.get(7)!.occupation)).toHaveLength(120);
    expect(byLegacy.get(1005)).toMatchObject({ occupation: 'Painter', image: null, image_type: '' });
    expect(byLegacy.has(1001) || byLegacy.has(1004)).toBe(false);
  });

  it('a second run changes nothing, and a later run picks up only the new rows', async () => {
    const before = await snapshot(target);
    const again = path.join(workDir, 'again.jsonl');
    const second = await runImport(['--from', oldDb, '--to', target, '--report', again]);
    expect(second.code, second.stderr).toBe(0);
    expect(readReport(again).summary).toMatchObject({ imported: 0, alreadyImported: IMPORTABLE, skipped: 4 });
    expect(await snapshot(target)).toEqual(before);

    const old = await mysql.createConnection({ uri: oldDb });
    await old.query("INSERT INTO `user` VALUES (2001, 'latecomer', 'late@mail4.example', 'Comer', 'Late', ?)", [
      werkzeugPbkdf2('late comer pass'),
    ]);
    await old.end();
    const later = path.join(workDir, 'later.jsonl');
    expect((await runImport(['--from', oldDb, '--to', target, '--report', later])).code).toBe(0);
    expect(readReport(later).summary).toMatchObject({ imported: 1, alreadyImported: IMPORTABLE, skipped: 4 });
    const after = await snapshot(target);
    expect((after.rows as unknown[]).slice(0, IMPORTABLE)).toEqual(before.rows);
    expect(await login('late@mail4.example', 'late comer pass')).toBeTruthy();
  }, 120_000);
});

describe('old passwords', () => {
  const connection = () => mysql.createConnection({ uri: target });
  async function storedHash(email: string) {
    const db = await connection();
    const [[row]] = await db.query<mysql.RowDataPacket[]>('SELECT password_hash FROM users WHERE email = ?', [
      email.toLowerCase(),
    ]);
    await db.end();
    return String(row!.password_hash);
  }

  it('every imported fixture user logs in through /api/login with the old password; the hash is bcrypt afterwards and still works', async () => {
    const users = seedUsers();
    for (let i = 0; i < users.length; i += 5) {
      await Promise.all(
        users.slice(i, i + 5).map(async (user) => {
          expect(await storedHash(user.email), user.username).toMatch(
            user.hashKind === 'scrypt' ? /^scrypt:32768:8:1\$/ : /^pbkdf2:sha256:/,
          );
          const response = await api<{ message: string }>('/api/login', {
            json: { email: user.email, password: user.password },
          });
          expect(response.status, `${user.username}: ${response.text}`).toBe(200);
          expect(await storedHash(user.email), user.username).toMatch(BCRYPT);
          expect(await login(user.email, user.password)).toBeTruthy();
        }),
      );
    }
    // The repaired username works for log-in too.
    expect(await login('has_space_11', 'red-forest-104-4')).toBeTruthy();
  }, 120_000);

  it('a wrong password against a legacy hash is refused and throttled like any other, and the hash stays', async () => {
    const email = 'legacylock@mail4.example';
    const before = await storedHash(email);
    expect(before).toMatch(/^pbkdf2:sha256:260000\$/);
    // From the 5th consecutive failure attempts pause (1 s, doubling); 7 failures make the pause 4 s,
    // long enough for the next request on a slow machine. tests/throttle/ checks the delays themselves.
    for (let failures = 0; failures < 7;) {
      const answer = await api('/api/login', { json: { email, password: `wrong ${failures}` } });
      if (answer.status === 429) {
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get('retry-after')) * 1000 + 100));
        continue;
      }
      expectContractError(answer, 401, 'invalid_credentials');
      failures++;
    }
    const limited = await api('/api/login', { json: { email, password: LOCKED_PASSWORD } });
    expectContractError(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await storedHash(email)).toBe(before);
  });

  it('an imported user can change the password', async () => {
    const token = await login('anadumi1114@mail4.example', 'green-forest-364-14');
    const changed = await api('/api/changePassword', {
      token,
      json: { currentPassword: 'green-forest-364-14', newPassword: 'A brand new passphrase 7' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(await login('anadumi1114@mail4.example', 'A brand new passphrase 7')).toBeTruthy();
    expectContractError(
      await api('/api/login', { json: { email: 'anadumi1114@mail4.example', password: 'green-forest-364-14' } }),
      401,
      'invalid_credentials',
    );
  });
});

describe('import runs', () => {
  it('an interrupted run followed by a re-run gives what one clean run gives; a dry run writes nothing', async () => {
    const clean = await freshTarget('flaskclean');
    const interrupted = await freshTarget('flaskcut');
    const dry = await runImport(['--from', oldDb, '--to', interrupted, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run \(nothing written\)[\s\S]*would import:\s+43/);
    expect((await snapshot(interrupted)).counts).toEqual({ users: 0, cards: 0, links: 0, legacy: 0 });

    const [cleanRun] = await Promise.all([runImport(['--from', oldDb, '--to', clean, '--batch-size', '3'])]);
    expect(cleanRun.code, cleanRun.stderr).toBe(0);

    // Small batches and a pause between them leave time to kill the run mid-way.
    const run = startImport(['--from', oldDb, '--to', interrupted, '--batch-size', '3', '--pause-ms', '300']);
    const watcher = await mysql.createConnection({ uri: interrupted });
    let imported = 0;
    for (let waited = 0; waited < 60_000 && imported < 6; waited += 25) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const [[row]] = await watcher.query<mysql.RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'legacy_users'",
      );
      if (Number(row!.n) === 0) continue;
      const [[count]] = await watcher.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM legacy_users');
      imported = Number(count!.n);
    }
    process.kill(-run.child.pid!, 'SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const partial = await snapshot(interrupted);
    await watcher.end();
    expect(partial.counts.legacy).toBeGreaterThan(0);
    expect(partial.counts.legacy).toBeLessThan(43);
    // No half-imported user: each has its card, its links and its legacy id, or is not there at all.
    expect(partial.counts).toEqual({
      users: partial.counts.legacy,
      cards: partial.counts.legacy,
      links: partial.counts.legacy,
      legacy: partial.counts.legacy,
    });

    const rerun = await runImport(['--from', oldDb, '--to', interrupted, '--batch-size', '3']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await snapshot(interrupted)).toEqual(await snapshot(clean));
  }, 180_000);

  it('reads renamed tables and columns through a mapping file, and names a missing one', async () => {
    const renamed = siblingDatabaseUrl(target, 'flaskrenamed');
    throwaways.push(renamed);
    await loadFlaskSeed(
      renamed,
      'RENAME TABLE `user` TO accounts; ALTER TABLE accounts CHANGE `password` pw_hash varchar(255);',
    );
    const into = await freshTarget('flaskmapped');
    const unmapped = await runImport(['--from', renamed, '--to', into]);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stderr).toContain('The old database has no table `user` (for user); name it in a --mapping file.');

    const mappingFile = path.join(workDir, 'mapping.json');
    await import('node:fs').then((fs) =>
      fs.writeFileSync(mappingFile, JSON.stringify({ user: { table: 'accounts', columns: { password: 'pw_hash' } } })),
    );
    const mapped = await runImport(['--from', renamed, '--to', into, '--mapping', mappingFile]);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stdout).toMatch(/imported:\s+40/);
  }, 120_000);
});
