import mysql from 'mysql2/promise';
import { MAX_IMAGE_BYTES } from '@/lib/validation/images';
import type { Mapping, TableName } from './mapping';
import type { OldCard, OldLinks, OldUser } from './plan';

export type OldBatch = { users: OldUser[]; cards: Map<number, OldCard>; links: Map<number, OldLinks> };

// A stored image may be the base64 text of one: allow its length, not only the decoded limit.
const MAX_STORED_IMAGE_BYTES = Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 1024;
/**
 * Image bytes read per batch. A batch ends early when its users' images reach
 * this, so memory stays bounded and one INSERT stays well under MariaDB's
 * default 16 MiB max_allowed_packet, however large the old images are.
 */
const IMAGE_BUDGET_BYTES = 4 * 1024 * 1024;

type Row = mysql.RowDataPacket;
const id = mysql.escapeId;

/** The old database, read in keyset-paged batches by user id (never all rows at once). */
export class FlaskSource {
  private constructor(
    private readonly connection: mysql.Connection,
    private readonly mapping: Mapping,
  ) {}

  static async open(url: string, mapping: Mapping): Promise<FlaskSource> {
    const connection = await mysql.createConnection({
      uri: url,
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      connectTimeout: 10_000,
    });
    const source = new FlaskSource(connection, mapping);
    try {
      await source.checkColumns();
    } catch (error) {
      await connection.end();
      throw error;
    }
    return source;
  }

  async close() {
    await this.connection.end();
  }

  /** Every mapped table and column must exist: a wrong name is said up front, not half-way through. */
  private async checkColumns() {
    for (const name of Object.keys(this.mapping) as TableName[]) {
      const { table, columns } = this.mapping[name];
      const [rows] = await this.connection.query<Row[]>(
        'SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
        [table],
      );
      if (rows.length === 0)
        throw new Error(`The old database has no table \`${table}\` (for ${name}); name it in a --mapping file.`);
      const present = new Set(rows.map((row) => String(row.c).toLowerCase()));
      for (const [logical, column] of Object.entries(columns)) {
        if (!present.has(column.toLowerCase())) {
          throw new Error(
            `Table \`${table}\` has no column \`${column}\` (for ${name}.${logical}); name it in a --mapping file.`,
          );
        }
      }
    }
  }

  async countUsers(): Promise<number> {
    const [rows] = await this.connection.query<Row[]>(`SELECT COUNT(*) AS n FROM ${id(this.mapping.user.table)}`);
    return Number(rows[0]!.n);
  }

  /** Users with an id above `afterId`, at most `size`, with each one's newest profile card and social links. */
  async batchAfter(afterId: number, size: number): Promise<OldBatch> {
    const u = this.mapping.user.columns;
    const [userRows] = await this.connection.query<Row[]>(
      `SELECT ${id(u.id)} AS id, ${id(u.username)} AS username, ${id(u.email)} AS email, ${id(u.first_name)} AS firstName,
        ${id(u.last_name)} AS lastName, ${id(u.password)} AS password
       FROM ${id(this.mapping.user.table)} WHERE ${id(u.id)} > ? ORDER BY ${id(u.id)} LIMIT ?`,
      [afterId, size],
    );
    let users = userRows.map((row) => ({ ...(row as OldUser), id: Number(row.id) }));
    if (users.length === 0) return { users, cards: new Map(), links: new Map() };

    const cards = await this.newestCards(users.map((user) => user.id));
    users = this.withinImageBudget(users, cards);
    await this.readImages(users, cards);
    const links = await this.newestLinks(users.map((user) => user.id));
    return { users, cards, links };
  }

  /** The old backend added a row per login: the newest (highest id) per user is the one its users saw and edited. */
  private newest(name: 'profile_card' | 'social_links', userIds: number[], select: string) {
    const { table, columns } = this.mapping[name];
    return this.connection.query<Row[]>(
      `SELECT t.${id(columns.user_id)} AS userId, t.${id(columns.id)} AS rowId, ${select}
       FROM ${id(table)} t
       JOIN (SELECT MAX(${id(columns.id)}) AS newestId FROM ${id(table)} WHERE ${id(columns.user_id)} IN (?) GROUP BY ${id(columns.user_id)}) n
         ON t.${id(columns.id)} = n.newestId`,
      [userIds],
    );
  }

  private async newestCards(userIds: number[]): Promise<Map<number, OldCard & { rowId: number; storedBytes: number }>> {
    const c = this.mapping.profile_card.columns;
    const [rows] = await this.newest(
      'profile_card',
      userIds,
      `t.${id(c.occupation)} AS occupation, t.${id(c.homeaddress)} AS homeAddress, t.${id(c.country)} AS country,
       t.${id(c.county)} AS county, COALESCE(LENGTH(t.${id(c.image)}), 0) AS storedBytes`,
    );
    return new Map(
      rows.map((row) => [
        Number(row.userId),
        {
          occupation: row.occupation,
          homeAddress: row.homeAddress,
          country: row.country,
          county: row.county,
          image: null,
          rowId: Number(row.rowId),
          storedBytes: Number(row.storedBytes),
        },
      ]),
    );
  }

  private withinImageBudget(users: OldUser[], cards: Map<number, { storedBytes: number }>): OldUser[] {
    let bytes = 0;
    for (let i = 0; i < users.length; i++) {
      const stored = cards.get(users[i]!.id)?.storedBytes ?? 0;
      if (stored <= MAX_STORED_IMAGE_BYTES) bytes += stored;
      if (bytes > IMAGE_BUDGET_BYTES && i > 0) return users.slice(0, i);
    }
    return users;
  }

  private async readImages(users: OldUser[], cards: Map<number, OldCard & { rowId: number; storedBytes: number }>) {
    const wanted: number[] = [];
    for (const user of users) {
      const card = cards.get(user.id);
      if (!card || card.storedBytes === 0) continue;
      if (card.storedBytes > MAX_STORED_IMAGE_BYTES) card.oversizedImageBytes = card.storedBytes;
      else wanted.push(card.rowId);
    }
    if (wanted.length === 0) return;
    const c = this.mapping.profile_card.columns;
    const [rows] = await this.connection.query<Row[]>(
      `SELECT ${id(c.user_id)} AS userId, ${id(c.image)} AS image FROM ${id(this.mapping.profile_card.table)} WHERE ${id(c.id)} IN (?)`,
      [wanted],
    );
    for (const row of rows) {
      const card = cards.get(Number(row.userId));
      if (card) card.image = Buffer.isBuffer(row.image) ? row.image : Buffer.from(String(row.image ?? ''), 'utf8');
    }
  }

  private async newestLinks(userIds: number[]): Promise<Map<number, OldLinks>> {
    const l = this.mapping.social_links.columns;
    const [rows] = await this.newest(
      'social_links',
      userIds,
      `t.${id(l.linkedin)} AS linkedIn, t.${id(l.facebook)} AS faceBook, t.${id(l.github)} AS gitHub, t.${id(l.instagram)} AS instagram,
       t.${id(l.twitter)} AS twitter, t.${id(l.youtube)} AS youtube, t.${id(l.description)} AS description`,
    );
    return new Map(rows.map((row) => [Number(row.userId), row as unknown as OldLinks]));
  }
}
