import 'server-only';
import { db, type Database } from '@/db/client';
import { isTransientConflict } from './db-errors';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 20;

/** Full jitter on a doubling ceiling, so racing retries do not collide again in step. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * BASE_DELAY_MS * 2 ** (attempt - 1));
}

/**
 * Runs `work` in one transaction, committed or rolled back as a whole. A
 * deadlock or serialization failure (1213, SQLSTATE 40001; on Galera also a
 * certification conflict with a write committed on another node) runs the
 * whole transaction again, up to MAX_ATTEMPTS times: the second run sees the
 * winner's rows, so a race usually ends as a clean duplicate-key failure.
 * What still conflicts after that is thrown and answered as "unavailable"
 * (503, try again), never as a bug. `work` must therefore be safe to repeat:
 * it only talks to the database through `tx`.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return retryOnConflict(() => db().transaction(work));
}

/**
 * Runs one autocommit statement (or anything that is safe to repeat), again on
 * a transient conflict, like `inTransaction`: on Galera even a lone counter
 * increment can lose certification to the same row written on another node.
 */
export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isTransientConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
}

/** A statement that can run on the pool or inside a transaction. */
export type Write = (executor: Database | Transaction) => Promise<unknown>;

/**
 * Applies `writes` all or none, retried like `inTransaction`. A single
 * statement is atomic on its own, so it runs as one autocommit round trip
 * instead of BEGIN, statement, COMMIT (the update path's hot case).
 */
export async function writeAtomically(writes: Write[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await retryOnConflict(() => writes[0]!(db()));
    return;
  }
  await inTransaction(async (tx) => {
    for (const write of writes) await write(tx);
  });
}
