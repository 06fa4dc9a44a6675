import mysql from 'mysql2/promise';
import { afterAll, beforeAll } from 'vitest';

/** A direct connection to this run's throwaway database, for checking rows behind the API's back. */
export function databaseConnection(): () => mysql.Connection {
  let connection: mysql.Connection | undefined;
  beforeAll(async () => {
    connection = await mysql.createConnection({ uri: process.env.DATABASE_URL! });
  });
  afterAll(async () => {
    await connection?.end();
  });
  return () => connection!;
}

/** The id of the account that uses `email`. */
export async function userIdOf(connection: mysql.Connection, email: string): Promise<number> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT id FROM users WHERE email = ?', [email]);
  return Number(rows[0]!.id);
}
