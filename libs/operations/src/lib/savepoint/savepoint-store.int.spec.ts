import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack } from '@clickstream/integration-testing';
import type { Redis } from 'ioredis';
import type { SavepointScope } from './savepoint-file';
import { exportSavepoint, importSavepoint } from './savepoint-store';

jest.setTimeout(60_000);

describe('savepoints against real Redis', () => {
  let stack: LocalStack;
  let redis: Redis;
  beforeAll(async () => {
    stack = await useLocalStack();
    redis = stack.redis();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const key of await redis.keys('clickstream:aggregator:it_sp_*')) await redis.del(key);
    await stack?.close();
  });

  const state = (n: number) => JSON.stringify({ v: 1, watermark: n, engine: { open: [n] }, anomaly: {} });
  const scope = (group: string, windowSizeMs = 60_000): SavepointScope => ({
    app: 'aggregator',
    namespace: `aggregator:${group}`,
    fingerprint: { topic: 'web.clicks', windowSizeMs, outOfOrdernessMs: 10_000 },
    stateVersions: [1],
  });

  it('exports every partition of a group and imports it, field for field, into an empty group', async () => {
    const from = scope(uniqueName('it-sp-from'));
    const to = scope(uniqueName('it-sp-to'));
    await redis.hset(`clickstream:${from.namespace}:checkpoint:web.clicks:0`, 'epoch', '7', 'offset', '1200', 'state', state(1), 'committedAt', '1795800000000');
    await redis.hset(`clickstream:${from.namespace}:checkpoint:web.clicks:1`, 'epoch', '3', 'offset', '900', 'state', state(2), 'pendingFrom', '900', 'pendingTo', '950');

    const file = await exportSavepoint(redis, from, new Date('2026-11-27T18:00:00Z'));
    expect(file.partitions.map((p) => [p.partition, p.offset, p.epoch, p.pendingTo])).toEqual([
      [0, '1200', '7', undefined],
      [1, '900', '3', '950'],
    ]);
    // Through JSON, as the file on disk.
    expect(await importSavepoint(redis, JSON.parse(JSON.stringify(file)), to)).toBe(2);
    for (const p of [0, 1]) {
      expect(await redis.hgetall(`clickstream:${to.namespace}:checkpoint:web.clicks:${p}`)).toEqual(
        await redis.hgetall(`clickstream:${from.namespace}:checkpoint:web.clicks:${p}`),
      );
    }
    // Never mixed into a group that already has checkpoints.
    await expect(importSavepoint(redis, file, to)).rejects.toThrow(/already holds 2 checkpoints of aggregator:it_sp_to_/);
  });

  it('refuses a savepoint whose state does not fit the app: window size, schema version, another app', async () => {
    const from = scope(uniqueName('it-sp-a'));
    await redis.hset(`clickstream:${from.namespace}:checkpoint:web.clicks:0`, 'epoch', '1', 'offset', '10', 'state', JSON.stringify({ v: 2 }));
    const file = await exportSavepoint(redis, from);
    const target = scope(uniqueName('it-sp-b'), 30_000);
    const refusal = importSavepoint(redis, file, target);
    await expect(refusal).rejects.toThrow(/windowSizeMs is 30000 here but the state was built with 60000/);
    await expect(importSavepoint(redis, file, target)).rejects.toThrow(/web\.clicks\[0\]: state schema v2, this aggregator reads v1/);
    await expect(importSavepoint(redis, file, { ...target, app: 'raw-sink' })).rejects.toThrow(/savepoint of the aggregator, not of the raw-sink/);
    expect(await redis.keys(`clickstream:${target.namespace}:*`)).toEqual([]);
    await expect(exportSavepoint(redis, scope(uniqueName('it-sp-none')))).rejects.toThrow(/Redis has no checkpoints of aggregator:it_sp_none_/);
  });
});
