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

  describe('rows ClickHouse refuses', () => {
    type Raw = [string, string, number, string, string, string, string, number, number];
    const raw = () =>
      new ClickHouseTableWriter<Raw>(client, {
        table: 'clicks_raw',
        columns: ['event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device', 'source_partition', 'source_offset'],
        toValues: (row) => row,
      });
    const event = (i: number, ts: number, userId = `u${i}`): Raw => [
      `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, userId, ts, '/p', '', 'US', 'desktop', 0, i,
    ];
    const count = async (where: string) => (await select<{ n: number }>(`SELECT count() AS n FROM clicks_raw WHERE ${where}`))[0]?.n;

    it('bisects a block with an unstorable row: the row is refused with ClickHouse\'s error, the rest lands; a replay adds nothing', async () => {
      const now = Date.now();
      const rows = Array.from({ length: 20 }, (_, i) => event(1_000 + i, now));
      rows[13] = event(1_013, now, 'lone \ud800 surrogate');
      rows[13][0] = 'not-a-uuid';
      const outcome = await raw().insert(rows, 'it:bisect:0-20');
      expect(outcome.rows).toBe(19);
      expect(outcome.refused).toHaveLength(1);
      expect(outcome.refused[0]?.row).toBe(rows[13]);
      expect(outcome.refused[0]?.error).toMatch(/UUID|parse/i);
      expect(await count('source_offset BETWEEN 1000 AND 1019')).toBe(19);
      const replay = await raw().insert(rows, 'it:bisect:0-20');
      expect(replay.refused).toHaveLength(1);
      expect(await count('source_offset BETWEEN 1000 AND 1019')).toBe(19);
    });

    it('lands a block spanning 101 months (too many partitions for one insert; future months, clear of the TTL) in pieces, exactly once', async () => {
      const rows = Array.from({ length: 101 }, (_, i) => event(2_000 + i, Date.UTC(2027 + Math.floor(i / 12), i % 12, 15)));
      const outcome = await raw().insert(rows, 'it:months:0-101');
      expect(outcome).toMatchObject({ rows: 101, refused: [] });
      await raw().insert(rows, 'it:months:0-101');
      expect(await count('source_offset BETWEEN 2000 AND 2100')).toBe(101);
    });
  });
});
