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
