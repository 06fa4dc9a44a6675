import { createWriteStream, type WriteStream } from 'node:fs';
import type { Mapping } from './mapping';
import { planUser, type Issue, type PlannedUser } from './plan';
import { Progress } from './progress';
import { FlaskSource } from './source';
import { ProfileHubTarget } from './target';

export type ImportOptions = {
  from: string;
  to: string;
  mapping: Mapping;
  dryRun: boolean;
  batchSize: number;
  /** Milliseconds to wait between batches, to go easy on a live old database. */
  pauseMs: number;
  /** JSON Lines: every issue, then the summary. */
  reportPath?: string;
  out?: (line: string) => void;
};

export type ImportSummary = {
  dryRun: boolean;
  oldUsers: number;
  imported: number;
  alreadyImported: number;
  skipped: number;
  changed: number;
  skippedByReason: Record<string, number>;
  hashesToUpgrade: number;
  seconds: number;
  peakRssMiB: number;
};

function describe(issue: Issue): string {
  const who = `old user #${issue.legacyId}${issue.username ? ` "${issue.username}"` : ''}`;
  return `${issue.skipped ? 'SKIPPED' : 'changed'}  ${who}: ${issue.field} ${issue.problem} → ${issue.action}`;
}

/** The reason's kind without the row's own values, to count skipped rows by reason. */
function reasonKind(issue: Issue): string {
  return `${issue.field} ${issue.problem.replace(/"[^"]*"/g, '…').replace(/\d+/g, 'N')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function importFromFlask(options: ImportOptions): Promise<ImportSummary> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const source = await FlaskSource.open(options.from, options.mapping);
  let target: ProfileHubTarget | undefined;
  let report: WriteStream | undefined;
  try {
    target = await ProfileHubTarget.open(options.to, { dryRun: options.dryRun });
    report = options.reportPath ? createWriteStream(options.reportPath) : undefined;
    const summary: ImportSummary = {
      dryRun: options.dryRun,
      oldUsers: 0,
      imported: 0,
      alreadyImported: 0,
      skipped: 0,
      changed: 0,
      skippedByReason: {},
      hashesToUpgrade: 0,
      seconds: 0,
      peakRssMiB: 0,
    };
    const started = Date.now();
    const progress = new Progress(await source.countUsers());
    progress.update(0);
    let cursor = 0;
    for (;;) {
      const batch = await source.batchAfter(cursor, options.batchSize);
      if (batch.users.length === 0) break;
      cursor = batch.users[batch.users.length - 1]!.id;
      const planned: PlannedUser[] = [];
      const issues: Issue[] = [];
      for (const old of batch.users) {
        const plan = planUser(old, batch.cards.get(old.id), batch.links.get(old.id));
        if (plan.ok) planned.push(plan.planned);
        issues.push(...plan.issues);
      }
      const outcome = await target.writeBatch(planned);
      // Only once the batch is committed: a report line never describes a row that was rolled back.
      const allIssues = [...issues, ...outcome.issues];
      const skippedRows = new Set(allIssues.filter((issue) => issue.skipped).map((issue) => issue.legacyId));
      summary.oldUsers += batch.users.length;
      summary.imported += outcome.imported;
      summary.alreadyImported += outcome.alreadyImported;
      summary.skipped += skippedRows.size;
      for (const issue of allIssues.filter((issue) => issue.skipped)) {
        const kind = reasonKind(issue);
        summary.skippedByReason[kind] = (summary.skippedByReason[kind] ?? 0) + 1;
      }
      // A skipped row is reported by its reason alone; rows imported before are not reported again.
      const fresh = allIssues.filter(
        (issue) =>
          issue.skipped || (!skippedRows.has(issue.legacyId) && !outcome.alreadyImportedIds.has(issue.legacyId)),
      );
      summary.changed += new Set(fresh.filter((issue) => !issue.skipped).map((issue) => issue.legacyId)).size;
      if (fresh.length) {
        progress.clear();
        for (const issue of fresh) {
          out(describe(issue));
          report?.write(`${JSON.stringify({ type: 'issue', ...issue })}\n`);
        }
      }
      progress.update(summary.oldUsers);
      if (options.pauseMs > 0) await sleep(options.pauseMs);
    }
    progress.finish();
    summary.hashesToUpgrade = await target.hashesToUpgrade();
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    // maxRSS is in KiB: the process's peak, the figure that shows memory stays bounded.
    summary.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    report?.write(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
    return summary;
  } finally {
    await new Promise<void>((resolve) => (report ? report.end(resolve) : resolve()));
    await target?.close();
    await source.close();
  }
}

export function printSummary(
  summary: ImportSummary,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
) {
  const line = (label: string, value: string | number) => out(`  ${`${label}:`.padEnd(20)} ${value}`);
  out('');
  out(`${summary.dryRun ? 'Dry run (nothing written): ' : ''}${summary.oldUsers} old users read`);
  line(
    summary.dryRun ? 'would import' : 'imported',
    `${summary.imported}${summary.changed ? ` (${summary.changed} with changes listed above)` : ''}`,
  );
  line('already imported', summary.alreadyImported);
  line('skipped', summary.skipped);
  for (const [reason, count] of Object.entries(summary.skippedByReason)) out(`    ${count} × ${reason}`);
  line(
    'hashes to upgrade',
    `${summary.hashesToUpgrade} (Werkzeug hashes, replaced by bcrypt at each user's next login)`,
  );
  line('took', `${summary.seconds} s, peak memory ${summary.peakRssMiB} MiB`);
}
