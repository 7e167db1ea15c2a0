import { randomUUID } from 'node:crypto';
import { STACK_START_TIMEOUT_MS, uniqueName, useLocalStack, waitFor, type LocalStack } from '@clickstream/integration-testing';
import { applyMigrations } from './apply-migrations';
import { ensureTopics } from './ensure-topics';
import { findMigrationsDir } from './migrations-dir';
import { TopicPartitionCountError } from './schema-bootstrap-errors';

jest.setTimeout(60_000);

describe('schema bootstrap against the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('applies every migration into a fresh database, and a second run is a no-op', async () => {
    const migrationsDir = findMigrationsDir(__dirname);
    const client = stack.clickhouse();
    let database = '';
    await stack.createTestDatabase('it_migrate', {
      setup: async (ctx) => {
        database = ctx.database;
        const first = await applyMigrations({ ...ctx, migrationsDir });
        expect(first.applied.map((m) => m.name)).toContain('clicks_raw');
        expect(first.alreadyApplied).toEqual([]);
      },
    });

    const second = await applyMigrations({ client, database, migrationsDir });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied.length).toBeGreaterThan(0);

    const tables = await client.query({
      query: 'SELECT name FROM system.tables WHERE database = {db:String}',
      query_params: { db: database },
      format: 'JSONEachRow',
    });
    expect((await tables.json<{ name: string }>()).map((t) => t.name)).toEqual(
      expect.arrayContaining(['clicks_raw', 'schema_migrations']),
    );
    const recorded = await client.query({
      query: `SELECT count() AS n FROM \`${database}\`.schema_migrations`,
      format: 'JSONEachRow',
    });
    expect(Number((await recorded.json<{ n: number | string }>())[0]?.n)).toBe(second.alreadyApplied.length);
  });

  it('drops a retried insert into clicks_raw that carries the same insert_deduplication_token', async () => {
    const migrationsDir = findMigrationsDir(__dirname);
    const database = await stack.createTestDatabase('it_dedup', {
      setup: (ctx) => applyMigrations({ ...ctx, migrationsDir }),
    });
    const client = stack.clickhouse({ database });
    // No merges: ReplacingMergeTree could otherwise collapse the duplicates and hide a failed dedup.
    await client.command({ query: 'SYSTEM STOP MERGES clicks_raw' });
    // Recent timestamps: rows older than the 90-day TTL would be dropped on insert.
    const ts = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const rows = [0, 1, 2].map((i) => ({
      event_id: randomUUID(),
      user_id: `u${i}`,
      ts,
      page: '/home',
      referrer: '',
      country: 'DE',
      device: 'mobile',
      source_partition: 0,
      source_offset: 100 + i,
    }));
    const insert = (token: string) =>
      client.insert({
        table: 'clicks_raw',
        values: rows,
        format: 'JSONEachRow',
        clickhouse_settings: { insert_deduplication_token: token },
      });
    const count = async () => {
      const result = await client.query({ query: 'SELECT count() AS n FROM clicks_raw', format: 'JSONEachRow' });
      return Number((await result.json<{ n: number | string }>())[0]?.n);
    };

    await insert('web.clicks/0/100-102');
    await insert('web.clicks/0/100-102'); // the retry after a crash between insert and offset commit
    expect(await count()).toBe(3);
    // Control: the same rows under another token are stored again (only merges or FINAL collapse them).
    await insert('web.clicks/0/100-102#other');
    expect(await count()).toBe(6);
    const final = await client.query({ query: 'SELECT count() AS n FROM clicks_raw FINAL', format: 'JSONEachRow' });
    expect(Number((await final.json<{ n: number | string }>())[0]?.n)).toBe(3);
  });

  it('creates missing topics and leaves existing ones alone', async () => {
    const admin = await stack.admin();
    const topic = uniqueName('it_topics');
    try {
      expect(await ensureTopics(admin, [{ topic, numPartitions: 2 }])).toEqual({ created: [topic], unchanged: [], increased: [] });
      expect(await ensureTopics(admin, [{ topic, numPartitions: 2 }])).toEqual({ created: [], unchanged: [topic], increased: [] });
      await expect(ensureTopics(admin, [{ topic, numPartitions: 3 }])).rejects.toBeInstanceOf(TopicPartitionCountError);
      expect(await ensureTopics(admin, [{ topic, numPartitions: 3 }], { onFewerPartitions: 'increase' })).toMatchObject({
        increased: [topic],
      });
      // Added partitions reach the metadata a moment after the request returns: poll, don't sleep.
      await waitFor(
        async () => {
          const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
          expect(topics[0]?.partitions).toHaveLength(3);
        },
        { timeoutMs: 10_000, description: `${topic} showing 3 partitions` },
      );
    } finally {
      await admin.deleteTopics({ topics: [topic] });
    }
  });
});
