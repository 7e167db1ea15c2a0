import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { ensureLocalStack, readStackEndpoints } from '@clickstream/integration-testing';

jest.setTimeout(10 * 60_000);

/** The account Superset logs in with must read the pipeline's tables and change nothing. */
describe('ClickHouse user clickstream_reader (the dashboards\' account)', () => {
  const endpoints = readStackEndpoints();
  const reader = createClient({
    url: endpoints.clickhouseUrl,
    database: 'rt',
    username: 'clickstream_reader',
    password: process.env['CLICKSTREAM_CLICKHOUSE_READER_PASSWORD'] || 'clickstream_reader',
    // The refusals below are the expected outcome: the client would log each one as an error.
    log: { level: ClickHouseLogLevel.OFF },
  });

  beforeAll(() => ensureLocalStack(endpoints));
  afterAll(() => reader.close());

  it('reads rt', async () => {
    const rows = await (await reader.query({ query: 'SELECT currentUser() AS user, count() AS n FROM page_minute', format: 'JSONEachRow' })).json<{ user: string }>();
    expect(rows[0]?.user).toBe('clickstream_reader');
  });

  it('is refused writes and DDL', async () => {
    await expect(reader.insert({ table: 'anomalies', values: [{ page: '/x', country: 'DE' }], format: 'JSONEachRow' })).rejects.toThrow(/ACCESS_DENIED|Not enough privileges|readonly/i);
    await expect(reader.command({ query: 'TRUNCATE TABLE clicks_raw' })).rejects.toThrow(/ACCESS_DENIED|Not enough privileges|readonly/i);
    await expect(reader.command({ query: 'CREATE TABLE rt.reader_probe (x UInt8) ENGINE = Memory' })).rejects.toThrow(/ACCESS_DENIED|Not enough privileges|readonly/i);
  });

  it('is refused with a wrong password', async () => {
    const wrong = createClient({
      url: endpoints.clickhouseUrl,
      username: 'clickstream_reader',
      password: 'not-the-password',
      log: { level: ClickHouseLogLevel.OFF },
    });
    try {
      await expect(wrong.query({ query: 'SELECT 1' })).rejects.toThrow(/AUTHENTICATION_FAILED|password is incorrect/i);
    } finally {
      await wrong.close();
    }
  });
});
