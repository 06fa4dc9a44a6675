import { afterAll, beforeEach, inject } from 'vitest';
import { closeDb } from '@/db/client';
import { logSize, logTail, startedApps } from '../../scripts/lib/app-server';

afterAll(async () => {
  await closeDb();
});

// Servers log to files (scripts/lib/app-server.ts). When a test fails, what each server of this file, and the
// shared server, logged while it ran is printed beside it.
const servers = () => {
  const shared = inject('serverLog');
  return [...(shared ? [{ name: 'shared server', logFile: shared }] : []), ...startedApps()];
};
beforeEach(({ onTestFailed }) => {
  const from = new Map(servers().map(({ logFile }) => [logFile, logSize(logFile)]));
  onTestFailed(() => {
    for (const { name, logFile } of servers()) {
      const tail = logTail(logFile, from.get(logFile) ?? 0);
      if (tail) console.error(`── ${name} (${logFile}), during this test:\n${tail}`);
    }
  });
});
