import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseCheckpointLedger } from '@clickstream/checkpoint';
import { LocalStack, STACK_START_TIMEOUT_MS, uniqueName, useLocalStack } from '@clickstream/integration-testing';
import { applyMigrations, findMigrationsDir } from '@clickstream/schema-bootstrap';
import type { Redis } from 'ioredis';
import { backupDatabase } from './rt-backup';
import { restoreDatabase } from './rt-restore';

jest.setTimeout(120_000);

/** BACKUP/RESTORE through the stack's `backups` disk (configured by the local stack's ClickHouse launcher). */
describe('backup and restore of the rt database against real ClickHouse and Redis', () => {
  let stack: LocalStack;
  let database: string;
  let client: ClickHouseClient;
  let redis: Redis;
  let admin: ClickHouseClient;
  const ref = { topic: 'web.clicks', partition: 0 };

  beforeAll(async () => {
    stack = await useLocalStack();
    database = await stack.createTestDatabase('it_backup', {
      setup: (ctx) => applyMigrations({ ...ctx, migrationsDir: findMigrationsDir(__dirname) }),
    });
    client = stack.clickhouse({ database });
    redis = stack.redis();
    // Not bound to the test database: the restore drops and recreates it.
    admin = stack.clickhouse();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  const rows = async (query: string) => (await client.query({ query, format: 'JSONEachRow' })).json<Record<string, string | number>>();

  it('restores the tables as they were at the backup, seals the ledger and clears the group\'s checkpoints', async () => {
    const ns = uniqueName('aggregator:g');
    const ledger = new ClickHouseCheckpointLedger(client, ns);
    await ledger.recordRange({ ref, fromOffset: '0', toOffset: '100', epoch: 3 }, `${ns}:0-100:ledger`);
    await ledger.recordSnapshot({ ref, offset: '100', epoch: 3, state: 'after 100' }, `${ns}:0-100:snapshot`);
    await ledger.recordRange({ ref, fromOffset: '100', toOffset: '180', epoch: 3 }, `${ns}:100-180:ledger`);
    const checkpointKey = `clickstream:${ns}:checkpoint:web.clicks:0`;
    await redis.hset(checkpointKey, 'epoch', '3', 'offset', '180', 'state', 's', 'committedAt', String(Date.now() - 60_000));

    const [before] = await rows(`SELECT sum(total_rows) AS n FROM system.tables WHERE database = currentDatabase()`);
    const name = uniqueName('it-backup');
    const target = { clickhouse: admin, redis, database, disk: 'backups' };
    const backup = await backupDatabase(target, name);
    expect(backup.tables).toEqual(expect.arrayContaining(['stream_ledger', 'stream_snapshots', 'clicks_raw']));
    expect(backup.rows).toBe(Number(before?.['n']));

    // After the backup: more flushes, which the restore must take back.
    await ledger.recordRange({ ref, fromOffset: '180', toOffset: '400', epoch: 3 }, `${ns}:180-400:ledger`);
    await expect(backupDatabase(target, name)).rejects.toThrow(`a backup named '${name}' already exists`);

    const restore = await restoreDatabase(target, name);
    expect(restore).toMatchObject({ sealedPartitions: 1, clearedCheckpoints: 1 });
    expect(await redis.exists(checkpointKey)).toBe(0);
    expect(await rows('SELECT from_offset, to_offset, epoch FROM stream_ledger ORDER BY epoch, to_offset')).toEqual([
      { from_offset: 0, to_offset: 100, epoch: 3 },
      { from_offset: 100, to_offset: 180, epoch: 3 },
      { from_offset: 180, to_offset: 180, epoch: 4 }, // the seal: resume at 180, replaying (100, 180] silently
    ]);
    // What an app finds when it claims the partition: everything up to 180 written, snapshot at 100.
    expect(await ledger.recoveryPoint(ref)).toEqual({
      lastRange: { fromOffset: '180', toOffset: '180' },
      firstOffset: '0',
      maxEpoch: 4,
      snapshot: { offset: '100', state: 'after 100' },
    });
  });

  it('refuses to restore while an app of the database still commits checkpoints, and names unknown backups', async () => {
    const ns = uniqueName('raw-sink:g');
    await new ClickHouseCheckpointLedger(client, ns).recordRange({ ref, fromOffset: '0', toOffset: '10', epoch: 1 }, `${ns}:0-10:ledger`);
    await redis.hset(`clickstream:${ns}:checkpoint:web.clicks:0`, 'epoch', '1', 'offset', '10', 'committedAt', String(Date.now()));
    const target = { clickhouse: admin, redis, database, disk: 'backups' };
    await expect(restoreDatabase(target, 'it-no-such-backup')).rejects.toThrow(/stop the aggregator and the raw sink before restoring/);
    await expect(restoreDatabase(target, 'it-no-such-backup', { force: true })).rejects.toThrow(/no backup named 'it-no-such-backup'|it-no-such-backup/);
    await expect(backupDatabase(target, '../etc')).rejects.toThrow(/backup name '..\/etc' must be/);
  });
});
