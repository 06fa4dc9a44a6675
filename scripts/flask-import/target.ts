import { drizzle } from 'drizzle-orm/mysql2';
import { eq, inArray, notLike, sql } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import { createPool, type Database, type Executor } from '@/db/client';
import * as schema from '@/db/schema';
import { legacyUsers, profileCards, socialLinks, users } from '@/db/schema';
import { usernameVariant, type Issue, type PlannedUser } from './plan';

const LOCK_NAME = 'profile_hub_flask_import';
const BCRYPT_PREFIX = 'bcrypt-hmac-sha256$';

export type BatchOutcome = {
  imported: number;
  alreadyImported: number;
  alreadyImportedIds: Set<number>;
  issues: Issue[];
};

/**
 * Profile Hub's database as the import sees it. A real run writes each batch
 * in one transaction (a user arrives with the profile card, social links and
 * legacy id together, or not at all); a dry run only reads, and remembers in
 * memory the addresses and usernames it would have taken.
 */
export class ProfileHubTarget {
  private readonly db: Database;
  private readonly lock: Promise<mysql.PoolConnection>;
  private readonly pretendEmails = new Set<string>();
  private readonly pretendUsernames = new Set<string>();
  private pretendImported = 0;

  private constructor(
    private readonly pool: mysql.Pool,
    private readonly dryRun: boolean,
    private readonly hasTables: boolean,
  ) {
    this.db = drizzle(pool, { schema, mode: 'default' });
    this.lock = pool.getConnection();
  }

  /**
   * One import at a time per database: a second run waits for the first (up to `waitSeconds`), then finds
   * its work done.
   */
  static async open(url: string, options: { dryRun: boolean; waitSeconds?: number }): Promise<ProfileHubTarget> {
    const pool = createPool(url, 2);
    try {
      const [tables] = await pool.query<mysql.RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('users', 'legacy_users')",
      );
      const target = new ProfileHubTarget(pool, options.dryRun, Number(tables[0]!.n) === 2);
      const connection = await target.lock;
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS got', [
        LOCK_NAME,
        options.waitSeconds ?? 600,
      ]);
      if (Number(rows[0]!.got) !== 1)
        throw new Error('Another import into this database is still running; try again when it ends.');
      return target;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async close() {
    const connection = await this.lock;
    await connection.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
    connection.release();
    await this.pool.end();
  }

  async writeBatch(plans: PlannedUser[]): Promise<BatchOutcome> {
    if (plans.length === 0) return { imported: 0, alreadyImported: 0, alreadyImportedIds: new Set(), issues: [] };
    if (this.dryRun) return this.decide(this.db, plans);
    return this.db.transaction((tx) => this.decide(tx, plans));
  }

  /** Imported legacy users whose hash is still Werkzeug's: each becomes bcrypt at that user's next login. */
  async hashesToUpgrade(): Promise<number> {
    if (!this.hasTables) return this.pretendImported;
    const [row] = await this.db
      .select({ n: sql<number>`COUNT(*)` })
      .from(legacyUsers)
      .innerJoin(users, eq(users.id, legacyUsers.userId))
      .where(notLike(users.passwordHash, `${BCRYPT_PREFIX}%`));
    return Number(row!.n) + this.pretendImported;
  }

  private async decide(tx: Executor, plans: PlannedUser[]): Promise<BatchOutcome> {
    const issues: Issue[] = [];
    const done = await this.alreadyImported(
      tx,
      plans.map((plan) => plan.legacyId),
    );
    const fresh = plans.filter((plan) => !done.has(plan.legacyId));
    const accepted = await this.withFreeEmails(tx, fresh, issues);
    await this.withFreeUsernames(tx, accepted, issues);
    if (this.dryRun) {
      for (const plan of accepted) {
        this.pretendEmails.add(plan.user.email);
        this.pretendUsernames.add(plan.user.username.toLowerCase());
      }
      this.pretendImported += accepted.length;
    } else {
      await insert(tx, accepted);
    }
    return { imported: accepted.length, alreadyImported: done.size, alreadyImportedIds: done, issues };
  }

  private async alreadyImported(tx: Executor, legacyIds: number[]): Promise<Set<number>> {
    if (!this.hasTables) return new Set();
    const rows = await tx
      .select({ id: legacyUsers.legacyId })
      .from(legacyUsers)
      .where(inArray(legacyUsers.legacyId, legacyIds));
    return new Set(rows.map((row) => row.id));
  }

  /**
   * An address already in Profile Hub (often: the same address in other case, imported from an earlier
   * old row) skips the row.
   */
  private async withFreeEmails(tx: Executor, plans: PlannedUser[], issues: Issue[]): Promise<PlannedUser[]> {
    if (plans.length === 0) return plans;
    const taken = new Map<string, number | null>();
    if (this.hasTables) {
      const rows = await tx
        .select({ email: users.email, legacyId: legacyUsers.legacyId })
        .from(users)
        .leftJoin(legacyUsers, eq(legacyUsers.userId, users.id))
        .where(
          inArray(
            users.email,
            plans.map((plan) => plan.user.email),
          ),
        );
      for (const row of rows) taken.set(row.email, row.legacyId);
    }
    const accepted: PlannedUser[] = [];
    for (const plan of plans) {
      const { email } = plan.user;
      const owner = taken.has(email) ? taken.get(email)! : this.pretendEmails.has(email) ? -1 : undefined;
      if (owner === undefined) {
        taken.set(email, plan.legacyId);
        accepted.push(plan);
        continue;
      }
      const problem =
        owner === null
          ? `"${email}" already belongs to a Profile Hub account`
          : `"${email}" is old user ${owner === -1 ? 'imported earlier in this run' : `#${owner}`}'s address too (equal but for case)`;
      issues.push({
        legacyId: plan.legacyId,
        username: plan.user.username,
        field: 'email',
        problem,
        action:
          'row skipped: merge the two accounts by hand, or give this one its own address in the old database and run again',
        skipped: true,
      });
    }
    return accepted;
  }

  /** Usernames are unique ignoring case: a taken one gets a -2, -3… suffix, reported. */
  private async withFreeUsernames(tx: Executor, plans: PlannedUser[], issues: Issue[]) {
    if (plans.length === 0) return;
    const used = new Set<string>(this.pretendUsernames);
    // One query for the names as wanted; only a clash costs a query per variant tried.
    if (this.hasTables) {
      const rows = await tx
        .select({ username: users.username })
        .from(users)
        .where(
          inArray(
            users.username,
            plans.map((plan) => plan.user.username),
          ),
        );
      for (const row of rows) used.add(row.username.toLowerCase());
    }
    const wantedNames = new Set(plans.map((plan) => plan.user.username.toLowerCase()));
    const isTaken = async (name: string) => {
      if (used.has(name.toLowerCase())) return true;
      // The wanted names were all looked up at once above; only a variant needs its own query.
      if (!this.hasTables || wantedNames.has(name.toLowerCase())) return false;
      // The column's collation (unicode_ci) compares ignoring case, as its unique index does.
      const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.username, name)).limit(1);
      return Boolean(row);
    };
    for (const plan of plans) {
      const wanted = plan.user.username;
      let name = wanted;
      for (let n = 2; await isTaken(name); n++) name = usernameVariant(wanted, n);
      used.add(name.toLowerCase());
      if (name !== wanted) {
        plan.user.username = name;
        issues.push({
          legacyId: plan.legacyId,
          username: wanted,
          field: 'username',
          problem: `"${wanted}" is already taken in Profile Hub`,
          action: `imported as "${name}"`,
          skipped: false,
        });
      }
    }
  }
}

async function insert(tx: Executor, plans: PlannedUser[]) {
  if (plans.length === 0) return;
  await tx.insert(users).values(plans.map((plan) => plan.user));
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        plans.map((plan) => plan.user.email),
      ),
    );
  const idByEmail = new Map(rows.map((row) => [row.email, row.id]));
  const withIds = plans.map((plan) => ({ plan, userId: idByEmail.get(plan.user.email)! }));
  await tx.insert(profileCards).values(withIds.map(({ plan, userId }) => ({ userId, ...plan.card })));
  await tx.insert(socialLinks).values(withIds.map(({ plan, userId }) => ({ userId, ...plan.links })));
  await tx.insert(legacyUsers).values(withIds.map(({ plan, userId }) => ({ legacyId: plan.legacyId, userId })));
}
