import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack, waitFor } from '@clickstream/integration-testing';
import { backupDatabase, restoreDatabase } from '@clickstream/operations';
import { PipelineScenario, seededTraffic, TRAFFIC_EPOCH_MS } from './harness/pipeline-scenario';
import { settledTables } from './harness/settled-tables';

jest.setTimeout(10 * 60_000);

const EVENTS = 30_000;
const SEED = 20_261_128;

/**
 * npm run backup / restore on the shared stack (the `backup-restore` drill does the same on a private
 * stack, with Redis restarted empty): backed up mid-stream, the database and the groups' checkpoints
 * lost, restored, apps started again: the tables equal the reference, through the ledger recovery.
 */
describe('backup and restore while the pipeline runs', () => {
  let stack: LocalStack;
  let scenario: PipelineScenario | undefined;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    await scenario?.close();
    await stack?.close();
  });

  it('restores a mid-stream backup and resumes to exactly the reference results', async () => {
    scenario = await PipelineScenario.create(stack, 'backup', 4);
    const s = scenario;
    // Two thirds now, the rest after the backup: rows must land after it even when the apps have
    // read everything produced so far by the time it is taken.
    const first = (EVENTS * 2) / 3;
    await s.produce(seededTraffic(first, SEED));
    let apps = [s.start('aggregator'), s.start('raw-sink')];
    // Mid-stream: some flushes landed, most of the topic is still to be read.
    await waitFor(async () => (await s.tables()).rawRows > 0, { timeoutMs: 120_000, intervalMs: 200, description: 'first raw rows' });

    const admin = stack.clickhouse();
    const redis = stack.redis();
    const target = { clickhouse: admin, redis, database: s.database, disk: 'backups' };
    const name = `it-${s.database}`;
    const backup = await backupDatabase(target, name);
    expect(backup.pausedMs).toBeGreaterThan(0);
    const atBackup = (await s.tables()).rawRows;
    // Event time continues where the first part ended (400 events per second of event time).
    await s.produce(seededTraffic(EVENTS - first, SEED + 1, [], TRAFFIC_EPOCH_MS + (first / 400) * 1000));
    const reference = await s.reference();
    await waitFor(async () => (await s.tables()).rawRows > atBackup, { timeoutMs: 120_000, intervalMs: 200, description: 'rows after the backup' });

    // The disaster: apps stopped, the database and the groups' checkpoints gone.
    for (const p of apps) expect(await p.stop()).toBe(0);
    await admin.command({ query: `DROP DATABASE \`${s.database}\` SYNC` });
    for (const key of await redis.keys(`clickstream:*-${s.groupSuffix}:*`)) await redis.del(key);

    const kafkaAdmin = stack.kafka().admin();
    await kafkaAdmin.connect();
    const groups = ['aggregator', 'raw-sink'].map((app) => ({ groupId: `${app}-${s.groupSuffix}`, topic: s.topic }));
    const restore = await restoreDatabase({ ...target, kafka: { admin: kafkaAdmin, groups } }, name).finally(() => kafkaAdmin.disconnect());
    expect(restore.resetGroups).toEqual(expect.arrayContaining(groups.map((g) => `${g.groupId}/${g.topic}`)));
    expect((await s.tables()).rawRows).toBeLessThan(EVENTS);

    apps = [s.start('aggregator'), s.start('raw-sink')];
    await settledTables(s, reference, () => apps);
    // The raw sink had flushed before the backup (raw rows existed), so its ledger rows were restored.
    expect(apps[1]?.log()).toContain('recovered from the durable ledger');
  });
});
