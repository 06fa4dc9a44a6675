import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { SQL_MODE } from '../../db/sql-mode';
import { DEFAULT_DATABASE_URL } from '../../lib/platform/config';

const LOCAL_PORT = Number(process.env.LOCAL_DB_PORT ?? 3307);
const DATA_DIR = path.resolve(process.env.LOCAL_DB_DIR ?? '.data');

async function serverAnswers(url: string): Promise<boolean> {
  const server = new URL(url);
  server.pathname = '/';
  try {
    const connection = await mysql.createConnection({ uri: server.toString(), connectTimeout: 2000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

function findBinary(names: string[]): string | null {
  for (const name of names) {
    for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/libexec']) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return null;
}

/** A MariaDB/MySQL server of the project's own, data under .data/, on 127.0.0.1:3307. */
export async function startLocalServer(): Promise<string> {
  const url = `mysql://root@127.0.0.1:${LOCAL_PORT}/profile_hub`;
  if (await serverAnswers(url)) return url;
  const daemon = findBinary(['mariadbd', 'mysqld']);
  if (!daemon) {
    throw new Error(
      'No MySQL/MariaDB server answers at 127.0.0.1:3306 and none is installed. Install one (Debian/Ubuntu: sudo apt-get install mariadb-server) or set DATABASE_URL.',
    );
  }
  const dataDir = path.join(DATA_DIR, 'mysql');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  mkdirSync(DATA_DIR, { recursive: true });
  if (!existsSync(path.join(dataDir, 'mysql'))) {
    const installer = findBinary(['mariadb-install-db', 'mysql_install_db']);
    const init = installer
      ? spawnSync(
          installer,
          [
            '--no-defaults',
            `--datadir=${dataDir}`,
            '--auth-root-authentication-method=normal',
            '--skip-test-db',
            ...asRoot,
          ],
          { encoding: 'utf8' },
        )
      : spawnSync(daemon, ['--no-defaults', '--initialize-insecure', `--datadir=${dataDir}`, ...asRoot], {
          encoding: 'utf8',
        });
    if (init.status !== 0)
      throw new Error(`Could not initialise a local database in ${dataDir}:\n${init.stderr || init.stdout}`);
  }
  const log = openSync(path.join(DATA_DIR, 'mysqld.log'), 'a');
  const child = spawn(
    daemon,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--port=${LOCAL_PORT}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(DATA_DIR, 'mysqld.sock')}`,
      `--pid-file=${path.join(DATA_DIR, 'mysqld.pid')}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      `--sql-mode=${SQL_MODE}`,
      ...asRoot,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  for (let attempt = 0; attempt < 60; attempt++) {
    if (await serverAnswers(url)) return url;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The local database server did not start; see ${path.join(DATA_DIR, 'mysqld.log')}.`);
}

/**
 * DATABASE_URL if set; else the default server at 127.0.0.1:3306; else a
 * project-local server started from the installed binary.
 */
export async function ensureDatabaseServer(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (await serverAnswers(DEFAULT_DATABASE_URL)) return DEFAULT_DATABASE_URL;
  console.log('No database server answers at 127.0.0.1:3306; starting a project-local MariaDB under .data/ …');
  return startLocalServer();
}
