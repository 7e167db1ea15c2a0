import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack } from '@clickstream/integration-testing';
import { applyMigrations, findMigrationsDir } from '@clickstream/schema-bootstrap';
import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseCheckpointLedger } from './clickhouse-checkpoint-ledger';

jest.setTimeout(60_000);

describe('ClickHouseCheckpointLedger against real ClickHouse', () => {
  let stack: LocalStack;
  let client: ClickHouseClient;
  const ref = { topic: 'web.clicks', partition: 1 };

  beforeAll(async () => {
    stack = await useLocalStack();
    const database = await stack.createTestDatabase('it_ledger', {
      setup: (ctx) => applyMigrations({ ...ctx, migrationsDir: findMigrationsDir(__dirname) }),
    });
    client = stack.clickhouse({ database });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('knows nothing of a partition that never flushed', async () => {
    expect(await new ClickHouseCheckpointLedger(client, uniqueName('ns')).recoveryPoint(ref)).toBeUndefined();
  });

  it('returns the newest range, the first offset, the max epoch and the right snapshot; retried inserts add nothing', async () => {
    const ledger = new ClickHouseCheckpointLedger(client, uniqueName('ns'));
    await ledger.recordRange({ ref, fromOffset: '0', toOffset: '100', epoch: 1 }, 't:0-100:ledger');
    await ledger.recordSnapshot({ ref, offset: '100', epoch: 1, state: 'after 100' }, 't:0-100:snapshot');
    await ledger.recordRange({ ref, fromOffset: '100', toOffset: '250', epoch: 1 }, 't:100-250:ledger');
    await ledger.recordRange({ ref, fromOffset: '250', toOffset: '300', epoch: 2 }, 't:250-300:ledger');
    await ledger.recordRange({ ref, fromOffset: '250', toOffset: '300', epoch: 2 }, 't:250-300:ledger'); // retried
    // A snapshot at the end of a range only exists once its data landed; one inside is never used.
    await ledger.recordSnapshot({ ref, offset: '260', epoch: 1, state: 'bogus' }, 't:x:snapshot');
    const point = await ledger.recoveryPoint(ref);
    expect(point).toEqual({
      lastRange: { fromOffset: '250', toOffset: '300' },
      firstOffset: '0',
      maxEpoch: 2,
      snapshot: { offset: '100', state: 'after 100' },
    });
    const rows = await client.query({ query: 'SELECT count() AS n FROM stream_ledger', format: 'JSONEachRow' });
    expect(Number((await rows.json<{ n: number }>())[0]?.n)).toBeGreaterThanOrEqual(3);

    await ledger.recordSnapshot({ ref, offset: '300', epoch: 2, state: 'after 300' }, 't:250-300:snapshot');
    expect((await ledger.recoveryPoint(ref))?.snapshot).toEqual({ offset: '300', state: 'after 300' });
    // Other partitions and namespaces are separate.
    expect(await ledger.recoveryPoint({ ...ref, partition: 2 })).toBeUndefined();
  });
});
