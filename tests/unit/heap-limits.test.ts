import { describe, expect, it } from 'vitest';
import { missingHeapFlags } from '../../server/heap-limits';

describe('server heap limits', () => {
  it('adds both limits to a bare start', () => {
    expect(missingHeapFlags([], '')).toEqual(['--max-old-space-size=256', '--max-semi-space-size=8']);
  });

  it('leaves a limit given as a node argument or in NODE_OPTIONS alone', () => {
    expect(missingHeapFlags(['--max-old-space-size=1024'], '')).toEqual(['--max-semi-space-size=8']);
    expect(missingHeapFlags([], '--inspect --max-semi-space-size=32')).toEqual(['--max-old-space-size=256']);
    expect(missingHeapFlags(['--max-old-space-size=512', '--max-semi-space-size=4'])).toEqual([]);
  });
});
