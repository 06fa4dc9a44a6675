/*
 * One instance's housekeeping, as a process of its own (run with tsx --conditions=react-server, DATABASE_URL set):
 * loads the app's sweep, warms its pool, prints "ready", waits for "go" on stdin so that several instances start
 * at the same moment, runs one sweep at the clock given in argv[2] (ms since the epoch), prints "done, purged N"
 * and exits 0. A sweep that throws exits 1. Used by tests/galera/cluster.test.ts.
 */
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { sweep } from '@/lib/runtime/housekeeping';

const now = Number(process.argv[2]);
if (!Number.isFinite(now)) throw new Error('usage: housekeeping-cli.ts <now in ms>');

await db().execute(sql`SELECT 1`);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();
try {
  const { purged } = await sweep(now);
  process.stdout.write(`done, purged ${purged}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`sweep failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
