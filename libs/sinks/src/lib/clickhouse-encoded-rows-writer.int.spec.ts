import type { ClickHouseClient } from '@clickhouse/client';
import { LocalStack, STACK_START_TIMEOUT_MS, useLocalStack } from '@clickstream/integration-testing';
import { applyMigrations, findMigrationsDir } from '@clickstream/schema-bootstrap';
import { ClickHouseEncodedRowsWriter, type EncodedRows } from './clickhouse-encoded-rows-writer';
import { ClickHouseTableWriter } from './clickhouse-table-writer';

jest.setTimeout(120_000);

type Raw = [string, string, number, string, string, string, string, number, number];
const COLUMNS = ['event_id', 'user_id', 'ts', 'page', 'referrer', 'country', 'device', 'source_partition', 'source_offset'];

/** Rows as JSONCompactEachRow lines in one buffer, as a caller of the writer builds them. */
function encoded(rows: readonly Raw[]): EncodedRows {
  const lines = rows.map((row) => Buffer.from(`${JSON.stringify(row)}\n`));
  const bytes = Buffer.concat(lines);
  const ends: number[] = [];
  let end = 0;
  for (const line of lines) ends.push((end += line.length));
  return {
    rowCount: rows.length,
    bytesOf: (from, to) => bytes.subarray(from === 0 ? 0 : ends[from - 1], to === 0 ? 0 : ends[to - 1]),
  };
}

describe('ClickHouseEncodedRowsWriter against real ClickHouse', () => {
  let stack: LocalStack;
  let client: ClickHouseClient;
  let writer: ClickHouseEncodedRowsWriter;

  beforeAll(async () => {
    stack = await useLocalStack();
    const database = await stack.createTestDatabase('it_encoded_writer', {
      setup: ({ client: c, database: db }) => applyMigrations({ client: c, database: db, migrationsDir: findMigrationsDir() }),
    });
    client = stack.clickhouse({ database });
    writer = new ClickHouseEncodedRowsWriter(client, { table: 'clicks_raw', columns: COLUMNS, format: 'JSONCompactEachRow' });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack?.close());

  const select = async <T>(query: string) =>
    (await client.query({ query, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } })).json<T>();
  const count = async (where: string) => (await select<{ n: number }>(`SELECT count() AS n FROM clicks_raw WHERE ${where}`))[0]?.n;
  const event = (i: number, ts: number, userId = `u${i}`): Raw => [
    `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, userId, ts, '/p', '', 'US', 'desktop', 0, i,
  ];

  it('inserts the body as sent and drops a replay under the same token', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 50 }, (_, i) => event(100 + i, now));
    expect(await writer.insert(encoded(rows), 'it:enc:0-50')).toMatchObject({ rows: 50, refused: [] });
    expect(await writer.insert(encoded(rows), 'it:enc:0-50')).toMatchObject({ rows: 50, refused: [] });
    expect(await count('source_offset BETWEEN 100 AND 149')).toBe(50);
    const [first] = await select<{ user_id: string; ts: string }>("SELECT user_id, toUnixTimestamp64Milli(ts) AS ts FROM clicks_raw WHERE source_offset = 100");
    expect(first).toEqual({ user_id: 'u100', ts: now });
    expect(await writer.insert(encoded([]), 'it:enc:empty')).toMatchObject({ rows: 0, refused: [] });
  });

  it('bisects a block with an unstorable row: that row is refused with ClickHouse\'s error, the rest lands; a replay adds nothing', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 20 }, (_, i) => event(1_000 + i, now));
    rows[13] = event(1_013, now, 'lone \ud800 surrogate');
    rows[13][0] = 'not-a-uuid';
    const outcome = await writer.insert(encoded(rows), 'it:enc-bisect:0-20');
    expect(outcome.rows).toBe(19);
    expect(outcome.refused).toEqual([{ index: 13, error: expect.stringMatching(/UUID|parse/i) }]);
    expect(await count('source_offset BETWEEN 1000 AND 1019')).toBe(19);
    expect((await writer.insert(encoded(rows), 'it:enc-bisect:0-20')).refused).toHaveLength(1);
    expect(await count('source_offset BETWEEN 1000 AND 1019')).toBe(19);
  });

  it('sends the pieces ClickHouseTableWriter sends: a replay by either writer of the other\'s bisected block is dropped', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 11 }, (_, i) => event(3_000 + i, now));
    rows[4] = [...event(3_004, now)];
    rows[4][0] = 'not-a-uuid';
    const tableWriter = new ClickHouseTableWriter<Raw>(client, { table: 'clicks_raw', columns: COLUMNS, toValues: (row) => row });
    expect((await tableWriter.insert(rows, 'it:compat:0-11')).rows).toBe(10);
    expect((await writer.insert(encoded(rows), 'it:compat:0-11')).rows).toBe(10);
    expect(await count('source_offset BETWEEN 3000 AND 3010')).toBe(10);
  });

  it('lands a block spanning 101 months (too many partitions for one insert) in pieces, exactly once', async () => {
    const rows = Array.from({ length: 101 }, (_, i) => event(2_000 + i, Date.UTC(2027 + Math.floor(i / 12), i % 12, 15)));
    expect(await writer.insert(encoded(rows), 'it:enc-months:0-101')).toMatchObject({ rows: 101, refused: [] });
    await writer.insert(encoded(rows), 'it:enc-months:0-101');
    expect(await count('source_offset BETWEEN 2000 AND 2100')).toBe(101);
  });

  it('reports a service failure with the table and token (retriable for the caller), never as a refused row', async () => {
    const broken = new ClickHouseEncodedRowsWriter(client, { table: 'no_such_table', columns: ['x'], format: 'JSONCompactEachRow' });
    const one: EncodedRows = { rowCount: 1, bytesOf: () => Buffer.from('[1]\n') };
    await expect(broken.insert(one, 'tok-1')).rejects.toThrow(/insert of 1 rows into no_such_table \(token tok-1\) failed/);
  });
});
