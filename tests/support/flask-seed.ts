import { spawn } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';

/**
 * The old Flask backend's database for the import tests and end-to-end tests:
 * the fixture dump (written by the Flask backend's own models, real Werkzeug
 * hashes) loaded into a throwaway database next to this run's own.
 */
export const FIXTURE_DIR = path.join(process.cwd(), 'tests', 'fixtures', 'flask-seed');

export type SeedUser = { username: string; email: string; password: string; hashKind: string; note: string };

export function seedUsers(): SeedUser[] {
  const [, ...lines] = readFileSync(path.join(FIXTURE_DIR, 'users.csv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [username, email, password, hashKind, note] = line.split(',');
    return { username: username!, email: email!, password: password!, hashKind: hashKind!, note: note ?? '' };
  });
}

/** A database URL on the same server as `base`, named for a throwaway (dropped by the caller). */
export function siblingDatabaseUrl(base: string, label: string): string {
  const url = new URL(base);
  url.pathname = `/profile_hub_test_${label}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

export async function loadFlaskSeed(url: string, extraSql = ''): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/';
  const admin = await mysql.createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.end();
  // The dump's first line is a mariadb-client sandbox marker, not SQL.
  const dump = readFileSync(path.join(FIXTURE_DIR, 'dump.sql'), 'utf8').replace(/^\/\*M!999999.*\n/, '');
  const connection = await mysql.createConnection({
    uri: url,
    multipleStatements: true,
    charset: 'utf8mb4_unicode_ci',
  });
  try {
    await connection.query(dump);
    if (extraSql) await connection.query(extraSql);
  } finally {
    await connection.end();
  }
}

/** A Werkzeug-format pbkdf2 hash for crafted rows (the fixture's own hashes come from Werkzeug itself). */
export function werkzeugPbkdf2(password: string, iterations = 1000, salt = randomBytes(8).toString('hex')): string {
  return `pbkdf2:sha256:${iterations}$${salt}$${pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('hex')}`;
}

export type CliRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** `npm run import:flask -- …` as a child process (tsx directly, to skip npm's start-up). */
export function startImport(args: string[]) {
  const child = spawn(
    process.execPath,
    [
      path.join('node_modules', 'tsx', 'dist', 'cli.mjs'),
      '--conditions=react-server',
      'scripts/import-flask.ts',
      ...args,
    ],
    {
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runImport(args: string[]): Promise<CliRun> {
  return startImport(args).done;
}

export function readReport(file: string): { issues: Array<Record<string, unknown>>; summary: Record<string, unknown> } {
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    issues: lines.filter((line) => line.type === 'issue'),
    summary: lines.find((line) => line.type === 'summary')!,
  };
}
