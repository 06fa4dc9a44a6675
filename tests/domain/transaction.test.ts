/**
 * The domain's transaction helper (lib/platform/transaction.ts) against a real deadlock on the test database:
 * InnoDB picks one of two transactions as the victim (error 1213), and the helper runs that one again, to success.
 */
import { eq } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { socialLinks } from '@/db/schema';
import { createAccount } from '@/lib/account/accounts';
import { errorChain } from '@/lib/platform/db-errors';
import { inTransaction } from '@/lib/platform/transaction';
import { signUpSchema } from '@/lib/validation/account';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';

const db = databaseConnection();

async function userId() {
  const created = await createAccount(signUpSchema.parse(newUserInput()), { ip: '' });
  if (!created.ok) throw new Error(created.code);
  return created.value.id;
}

describe('inTransaction', () => {
  it('runs the victim of a deadlock (1213) again, and both transactions commit', async () => {
    const rows = [await userId(), await userId()];
    const attempts = [0, 0];
    const holding = [Promise.withResolvers<void>(), Promise.withResolvers<void>()];
    const errors: unknown[] = [];
    // Each locks one row, waits until the other holds its row too, then asks for the other's row: a deadlock.
    const transfer = (me: 0 | 1) =>
      inTransaction(async (tx) => {
        attempts[me]!++;
        const [first, second] = me === 0 ? rows : [rows[1]!, rows[0]!];
        try {
          await tx
            .update(socialLinks)
            .set({ description: `${me} first` })
            .where(eq(socialLinks.userId, first!));
          if (attempts[me] === 1) {
            holding[me]!.resolve();
            await holding[1 - me]!.promise;
          }
          await tx
            .update(socialLinks)
            .set({ description: `${me} second` })
            .where(eq(socialLinks.userId, second!));
        } catch (error) {
          errors.push(error);
          throw error;
        }
      });
    await Promise.all([transfer(0), transfer(1)]);

    // Exactly one ran twice: it was chosen as the victim, and InnoDB said so with 1213.
    expect([...attempts].sort()).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect([...errorChain(errors[0])].map((error) => (error as { errno?: number }).errno)).toContain(1213);
    // Its second run committed last, so its writes are the ones that stand.
    const victim = attempts[0] === 2 ? 0 : 1;
    const [stored] = await db().query<mysql.RowDataPacket[]>(
      'SELECT user_id, description FROM social_links WHERE user_id IN (?)',
      [rows],
    );
    const [first, second] = victim === 0 ? rows : [rows[1]!, rows[0]!];
    expect(Object.fromEntries(stored.map((row) => [row.user_id as number, row.description as string]))).toEqual({
      [first!]: `${victim} first`,
      [second!]: `${victim} second`,
    });
  });
});
