/**
 * A synthetic old Flask database for measuring the import at scale (not used by the tests):
 *   npx tsx scripts/synthetic-flask-db.ts --users 100000 --to mysql://root@127.0.0.1:3306/flask_synthetic
 *   npm run import:flask -- --from mysql://root@127.0.0.1:3306/flask_synthetic --to mysql://root@127.0.0.1:3306/profile_hub_import_bench
 * The tables are the fixture's (tests/fixtures/flask-seed/dump.sql); each user has three dummy profile
 * cards and social-links rows, as the old backend's logins left them, the newest edited for one in three, a
 * small PNG for one in five, and a few rows broken as in real data. Hashes have Werkzeug's format and costs
 * but random digests: the import checks their form, never a password.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' }, to: { type: 'string' } } });
if (!values.to) throw new Error('--to mysql://…/name is required (the database is dropped and created)');
const total = Number(values.users);
const url = new URL(values.to);
const name = url.pathname.slice(1);
if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name: ${name}`);

const dump = readFileSync(path.join(process.cwd(), 'tests', 'fixtures', 'flask-seed', 'dump.sql'), 'utf8');
const tables = dump.match(/CREATE TABLE `[a-z_]+` \([\s\S]*?\) ENGINE=[^;]*;/g)!;

const server = new URL(url);
server.pathname = '/';
const admin = await mysql.createConnection({ uri: server.toString() });
await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
await admin.end();
const db = await mysql.createConnection({ uri: url.toString(), charset: 'utf8mb4_unicode_ci' });
await db.query('SET FOREIGN_KEY_CHECKS = 0');
for (const ddl of tables) await db.query(ddl);

const png = Buffer.from(
  '89504E470D0A1A0A0000000D49484452000000080000000808020000004B6D29DC0000001149444154789C63F81C6F8015310C2D0900E5B360811B8840E40000000049454E44AE426082',
  'hex',
);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const salt = () => randomBytes(12).toString('base64url').slice(0, 16);
const hashFor = (i: number) =>
  i % 3 === 0
    ? `scrypt:32768:8:1$${salt()}$${hex(64)}`
    : `pbkdf2:sha256:${i % 7 === 0 ? 600000 : 260000}$${salt()}$${hex(32)}`;
const dummyCard = ['May I ask you what do you do?', 'How far are you ?', 'I guess you are from Nice ?', 'France ?'];
const dummyLinks = [
  'https://linkedin.com/',
  'https://facebook.com/',
  'https://github.com/',
  'https://instagram.com/',
  'https://twitter.com/',
  'https://youtube.com/',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
];

const started = Date.now();
const CHUNK = 1000;
for (let first = 1; first <= total; first += CHUNK) {
  const users: unknown[][] = [];
  const cards: unknown[][] = [];
  const links: unknown[][] = [];
  for (let i = first; i < Math.min(first + CHUNK, total + 1); i++) {
    const username = i % 500 === 0 ? `user with space ${i}` : `user${i}`;
    const email = i % 250 === 0 ? `User${i}@Example.TEST` : `user${i}@example.test`;
    users.push([i, username, email, 'Synthetic', 'Ana', hashFor(i)]);
    for (let login = 0; login < 3; login++) {
      const edited = login === 2 && i % 3 === 0;
      cards.push(
        edited ? ['Engineer', `Strada ${i}`, 'Romania', 'Cluj', i, i % 5 === 0 ? png : ''] : [...dummyCard, i, ''],
      );
      links.push(
        edited ? ['', '', `https://github.com/user${i}`, '', '', '', `Hello from user ${i}`, i] : [...dummyLinks, i],
      );
    }
  }
  await db.query('INSERT INTO `user` (id, username, email, last_name, first_name, password) VALUES ?', [users]);
  await db.query('INSERT INTO profile_card (occupation, homeaddress, country, county, user_id, image) VALUES ?', [
    cards,
  ]);
  await db.query(
    'INSERT INTO social_links (linkedin, facebook, github, instagram, twitter, youtube, description, user_id) VALUES ?',
    [links],
  );
  if ((first - 1) % 20_000 === 0) console.log(`${first - 1} users…`);
}
await db.end();
console.log(
  `${total} users (${total * 3} profile cards, ${total * 3} social links) written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
