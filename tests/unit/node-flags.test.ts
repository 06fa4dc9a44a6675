import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_FLAGS, RUNNER_ARGS } from '../../server/node-flags';

const root = path.resolve(import.meta.dirname, '../..');
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** The heap limit V8 ends up with when `npm start`'s command line runs with this NODE_OPTIONS and node arguments. */
function heapLimitMiB(nodeOptions: string | undefined, nodeArgs = ''): number {
  const probe = `${nodeArgs} -e "console.log(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20)"`;
  const command = scripts.start!.replace('node server/start.ts', `"${process.execPath}" ${probe}`);
  const env = { ...process.env };
  if (nodeOptions === undefined) delete env.NODE_OPTIONS;
  else env.NODE_OPTIONS = nodeOptions;
  return Number(execFileSync('sh', ['-c', command], { env, encoding: 'utf8' }).trim());
}

describe('the V8 heap flags', () => {
  it('are what `npm start` and every test/bench start of the runner pass', () => {
    expect(scripts.start).toContain(`NODE_OPTIONS="${HEAP_FLAGS.join(' ')} `);
    expect(scripts.start).toMatch(/ node server\/start\.ts$/);
    expect(RUNNER_ARGS).toEqual([...HEAP_FLAGS, 'server/start.ts']);
  });

  it('cap the heap under npm start, and flags given explicitly win (NODE_OPTIONS or node arguments)', () => {
    const capped = heapLimitMiB(undefined);
    const bare = Number(
      execFileSync(
        process.execPath,
        ['-e', 'console.log(require("v8").getHeapStatistics().heap_size_limit / 2 ** 20)'],
        {
          env: { ...process.env, NODE_OPTIONS: '' },
          encoding: 'utf8',
        },
      ).trim(),
    );
    expect(capped).toBeLessThan(400);
    expect(capped).toBeLessThan(bare);
    expect(heapLimitMiB('--max-old-space-size=1024')).toBeGreaterThan(1024);
    expect(heapLimitMiB(undefined, '--max-old-space-size=1024')).toBeGreaterThan(1024);
  });

  it('no longer re-execute the process, and nothing rewrites the lock on install', () => {
    expect(readFileSync(path.join(root, 'server/start.ts'), 'utf8')).not.toMatch(/execve|heap-limits/);
    expect(scripts.postinstall).toBeUndefined();
    expect(scripts.lock).toBe('bash scripts/lock.sh');
  });
});
