import { STACK_START_TIMEOUT_MS } from './start-local-stack';
import { LocalStack, useLocalStack } from './local-stack';
import { readStackEndpoints } from './stack-endpoints';

jest.setTimeout(60_000);

describe('local stack: ClickHouse', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await useLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  it('is ClickHouse 26.7', async () => {
    const result = await stack.clickhouse().query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
    const [row] = await result.json<{ v: string }>();
    expect(row?.v).toMatch(/^26\.7\./);
  });

  it('inserts into and selects from a table in a unique database', async () => {
    const database = await stack.createTestDatabase('it_ch', {
      setup: ({ client, database: db }) =>
        client.command({
          query: `CREATE TABLE \`${db}\`.events (id UInt32, ts DateTime64(3, 'UTC'), page LowCardinality(String))
                  ENGINE = MergeTree ORDER BY (page, ts)`,
        }),
    });
    const client = stack.clickhouse({ database });
    await client.insert({
      table: 'events',
      format: 'JSONEachRow',
      values: [
        { id: 1, ts: '2026-01-01 00:00:00.123', page: '/a' },
        { id: 2, ts: '2026-01-01 00:00:01.456', page: '/b' },
      ],
    });
    const result = await client.query({
      query: 'SELECT page, count() AS n FROM events GROUP BY page ORDER BY page',
      format: 'JSONEachRow',
    });
    // ClickHouse 26.7 writes UInt64 as JSON numbers (output_format_json_quote_64bit_integers = 0).
    expect(await result.json()).toEqual([
      { page: '/a', n: 1 },
      { page: '/b', n: 1 },
    ]);
  });

  it('drops the databases it created on close()', async () => {
    const scoped = new LocalStack(readStackEndpoints());
    const database = await scoped.createTestDatabase('it_drop');
    await scoped.close();
    const result = await stack.clickhouse().query({
      query: 'SELECT count() AS n FROM system.databases WHERE name = {name:String}',
      query_params: { name: database },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ n: 0 }]);
  });
});
