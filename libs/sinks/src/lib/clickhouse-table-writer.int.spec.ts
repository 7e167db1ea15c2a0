import type { ClickHouseClient } from '@clickhouse/client';
import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack } from '@clickstream/integration-testing';
import { applyMigrations, findMigrationsDir } from '@clickstream/schema-bootstrap';
import { ClickHouseTableWriter } from './clickhouse-table-writer';

jest.setTimeout(120_000);

type Partial = [number, number, string, string, string, number, number, number, number, string[]];

describe('ClickHouseTableWriter against real ClickHouse', () => {
  let stack: LocalStack;
  let client: ClickHouseClient;
  let writer: ClickHouseTableWriter<Partial>;
  const minute = Date.UTC(2026, 0, 1, 10, 0);

  beforeAll(async () => {
    stack = await useLocalStack();
    const database = await stack.createTestDatabase('it_writer', {
      setup: ({ client: c, database: db }) => applyMigrations({ client: c, database: db, migrationsDir: findMigrationsDir() }),
    });
    client = stack.clickhouse({ database });
    writer = new ClickHouseTableWriter<Partial>(client, {
      table: 'page_minute_agg',
      columns: ['window_start', 'window_end', 'page', 'country', 'source_topic', 'source_partition', 'pane', 'clicks', 'unique_users', 'user_ids'],
      toValues: (row) => row,
    });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  const rows = (partition: number, users: string[]): Partial[] => [
    [minute, minute + 60_000, '/home', 'US', 'web.clicks', partition, 0, users.length, users.length, users],
  ];
  // 64-bit integers as JSON numbers, whatever the server default.
  const select = async <T>(query: string) =>
    (await client.query({ query, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })).json<T>();

  it('drops a replayed batch (same token) in the table and in the rollup views, keeps a new one', async () => {
    await writer.insert(rows(0, ['u1', 'u2', 'u3']), 'agg:web.clicks:0:0-10:page_minute_agg');
    await writer.insert(rows(1, ['u2', 'u4']), 'agg:web.clicks:1:0-7:page_minute_agg');
    await writer.insert(rows(0, ['u1', 'u2', 'u3']), 'agg:web.clicks:0:0-10:page_minute_agg');

    expect(await select<{ n: number }>('SELECT count() AS n FROM page_minute_agg')).toEqual([{ n: 2 }]);
    expect(await select('SELECT page, country, clicks, unique_users FROM page_minute')).toEqual([
      { page: '/home', country: 'US', clicks: 5, unique_users: 4 },
    ]);
    expect(await select('SELECT page, clicks, unique_users FROM page_hour')).toEqual([{ page: '/home', clicks: 5, unique_users: 4 }]);
    expect(await select('SELECT page, clicks, unique_users FROM page_totals_minute')).toEqual([{ page: '/home', clicks: 5, unique_users: 4 }]);
  });

  it('reads DateTime64 from epoch milliseconds', async () => {
    expect(await select<{ s: string }>('SELECT toString(min(window_start)) AS s FROM page_minute_agg')).toEqual([{ s: '2026-01-01 10:00:00.000' }]);
  });

  it('reports a failed insert with the table and token', async () => {
    const broken = new ClickHouseTableWriter<unknown[]>(client, { table: 'no_such_table', columns: ['x'], toValues: (r) => r });
    await expect(broken.insert([[1]], 'tok-1')).rejects.toThrow(/insert of 1 rows into no_such_table \(token tok-1\) failed/);
  });
});
