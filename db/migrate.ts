import path from 'node:path';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { SQL_MODE } from './sql-mode';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Creates the database named in the URL if it is missing (utf8mb4), then applies pending migrations. */
export async function migrateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
  const serverUrl = new URL(url);
  serverUrl.pathname = '/';
  const server = await mysql.createConnection({ uri: serverUrl.toString(), connectTimeout: 5000 });
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.end();
  }
  // A single connection: migrations must not interleave.
  const connection = await mysql.createConnection({ uri: url, multipleStatements: false, connectTimeout: 5000 });
  try {
    await connection.query(`SET SESSION sql_mode = '${SQL_MODE}'`);
    await migrate(drizzle(connection), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
  target.pathname = '/';
  const server = await mysql.createConnection({ uri: target.toString() });
  try {
    await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await server.end();
  }
}
