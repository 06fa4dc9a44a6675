/**
 * Copies users, profile cards and social links from the old Flask backend's
 * MySQL database into Profile Hub's:
 *   npm run import:flask -- --from mysql://user:pass@host/olddb [--to URL] [--dry-run]
 *                           [--mapping file.json] [--batch-size 500] [--pause-ms 0] [--report file.jsonl]
 * See docs/migrating-from-flask.md.
 */
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../db/migrate';
import { readMappingFile, resolveMapping } from './flask-import/mapping';
import { importFromFlask, printSummary } from './flask-import/run';
import { ensureDatabaseServer } from './lib/database-server';

const USAGE = `Usage: npm run import:flask -- --from mysql://user:pass@host/olddb [options]
  --to URL            Profile Hub's database (default: DATABASE_URL, else the dev database)
  --dry-run           report what would happen; write nothing
  --mapping FILE      JSON renaming the old tables/columns, e.g. {"user": {"table": "users", "columns": {"password": "pw"}}}
  --batch-size N      users per transaction (default 500)
  --pause-ms N        wait between batches, to go easy on a live old database (default 0)
  --report FILE       also write every issue and the summary as JSON Lines`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function positiveInteger(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min)
    fail(`--${name} must be a whole number of at least ${min}.\n\n${USAGE}`, 2);
  return Number(value);
}

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        mapping: { type: 'string' },
        'batch-size': { type: 'string' },
        'pause-ms': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
})();

if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!parsed.from) fail(`--from is required: the old Flask backend's database URL.\n\n${USAGE}`, 2);
const safeUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

try {
  const mapping = parsed.mapping ? readMappingFile(parsed.mapping) : resolveMapping();
  const to = parsed.to ?? (await ensureDatabaseServer());
  const dryRun = parsed['dry-run'];
  // A real run brings the schema up to date first (the legacy_users table, for one); a dry run changes nothing.
  if (!dryRun) await migrateDatabase(to);
  console.log(`${dryRun ? 'Dry run: ' : ''}importing from ${safeUrl(parsed.from)} into ${safeUrl(to)}`);
  const summary = await importFromFlask({
    from: parsed.from,
    to,
    mapping,
    dryRun,
    batchSize: positiveInteger('batch-size', parsed['batch-size'], 500, 1),
    pauseMs: positiveInteger('pause-ms', parsed['pause-ms'], 0, 0),
    reportPath: parsed.report,
  });
  printSummary(summary);
} catch (error) {
  const err = error as Error & { code?: string };
  // Driver errors can carry the URL; print only the message, with credentials removed.
  fail(`Import failed: ${safeUrl(err.message)}${err.code && !err.message.includes(err.code) ? ` (${err.code})` : ''}`);
}
