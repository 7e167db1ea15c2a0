import type { SavepointFile, SavepointScope } from './savepoint-file';
import { savepointMismatches } from './savepoint-store';

const scope: SavepointScope = { app: 'aggregator', namespace: 'aggregator:g', fingerprint: { topic: 'web.clicks', windowSizeMs: 60_000 }, stateVersions: [1, 2] };
const file = (fingerprint: SavepointFile['fingerprint'], ...versions: number[]): SavepointFile => ({
  format: 'clickstream-savepoint',
  version: 1,
  app: 'aggregator',
  namespace: 'aggregator:old',
  exportedAt: '2026-11-27T18:00:00.000Z',
  fingerprint,
  partitions: versions.map((v, partition) => ({ topic: 'web.clicks', partition, epoch: '1', offset: '10', state: JSON.stringify({ v }) })),
});

describe('savepointMismatches', () => {
  it('takes every state version the app reads, and savepoints that still carry the version in their fingerprint', () => {
    expect(savepointMismatches(file({ topic: 'web.clicks', windowSizeMs: 60_000 }, 1, 2), scope)).toEqual([]);
    expect(savepointMismatches(file({ stateVersion: 1, topic: 'web.clicks', windowSizeMs: 60_000 }, 1), scope)).toEqual([]);
  });

  it('refuses a state version the app does not read, naming the ones it does', () => {
    expect(savepointMismatches(file({ topic: 'web.clicks', windowSizeMs: 60_000 }, 2, 3), scope)).toEqual(['web.clicks[1]: state schema v3, this aggregator reads v1, v2']);
    expect(savepointMismatches(file({ topic: 'web.clicks', windowSizeMs: 60_000 }, 2), { ...scope, stateVersions: [1] })).toEqual([
      'web.clicks[0]: state schema v2, this aggregator reads v1',
    ]);
  });

  it('still compares every other setting', () => {
    expect(savepointMismatches(file({ stateVersion: 1, topic: 'web.clicks', windowSizeMs: 30_000 }, 1), scope)).toEqual([
      'windowSizeMs is 60000 here but the state was built with 30000',
    ]);
  });
});
