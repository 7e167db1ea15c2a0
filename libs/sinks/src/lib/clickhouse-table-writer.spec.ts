import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseInsertError } from './clickhouse-insert-error';
import { ClickHouseTableWriter } from './clickhouse-table-writer';
import { isRowRefusal } from './row-refusal';

const parseError = (row: number) => Object.assign(new Error(`Cannot parse input: row ${row}`), { type: 'CANNOT_PARSE_TEXT', code: '6' });

/** A fake ClickHouse that refuses any block holding a "bad" row, and records what landed by token. */
function fakeClient(bad: Set<number>, failure?: Error) {
  const landed = new Map<string, number[]>();
  const client = {
    insert: async ({ values, clickhouse_settings }: { values: number[][]; clickhouse_settings: { insert_deduplication_token: string } }) => {
      if (failure) throw failure;
      const rows = values.map((v) => v[0] as number);
      const first = rows.find((r) => bad.has(r));
      if (first !== undefined) throw parseError(first);
      landed.set(clickhouse_settings.insert_deduplication_token, rows);
    },
  } as unknown as ClickHouseClient;
  return { client, landed };
}

const writerOf = (client: ClickHouseClient) => new ClickHouseTableWriter<number>(client, { table: 't', columns: ['x'], toValues: (r) => [r] });

describe('ClickHouseTableWriter bisection (pure logic)', () => {
  it('refuses exactly the bad rows with ClickHouse\'s error and lands every other row once, under derived tokens', async () => {
    const { client, landed } = fakeClient(new Set([3, 17]));
    const rows = Array.from({ length: 20 }, (_, i) => i);
    const outcome = await writerOf(client).insert(rows, 'tok');
    expect(outcome.refused).toEqual([
      { row: 3, error: 'Cannot parse input: row 3' },
      { row: 17, error: 'Cannot parse input: row 17' },
    ]);
    expect(outcome.rows).toBe(18);
    expect([...landed.values()].flat().sort((a, b) => a - b)).toEqual(rows.filter((r) => r !== 3 && r !== 17));
    expect([...landed.keys()].every((t) => /^tok(:[01])+$/.test(t))).toBe(true);
  });

  it('splits the same way on a replay (same tokens, same pieces)', async () => {
    const first = fakeClient(new Set([5]));
    const second = fakeClient(new Set([5]));
    const rows = Array.from({ length: 33 }, (_, i) => i);
    await writerOf(first.client).insert(rows, 'tok');
    await writerOf(second.client).insert(rows, 'tok');
    expect([...second.landed]).toEqual([...first.landed]);
  });

  it('keeps the whole token for a clean block', async () => {
    const { client, landed } = fakeClient(new Set());
    await writerOf(client).insert([1, 2, 3], 'tok');
    expect([...landed.keys()]).toEqual(['tok']);
  });

  it('throws a retriable ClickHouseInsertError for a service failure, splitting nothing', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { client } = fakeClient(new Set(), down);
    const error = await writerOf(client).insert([1, 2], 'tok').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickHouseInsertError);
    expect(error).toMatchObject({ retriable: true, rows: 2, dedupToken: 'tok' });
  });
});

describe('isRowRefusal', () => {
  it.each([
    [{ type: 'CANNOT_PARSE_ESCAPE_SEQUENCE', message: 'x' }, true],
    [{ type: 'TOO_LARGE_STRING_SIZE', message: 'x' }, true],
    [{ type: 'TOO_MANY_PARTS', message: 'Too many partitions for single INSERT block (more than 100).' }, true],
    [{ type: 'TOO_MANY_PARTS', message: 'Too many parts (300). Merges are processing significantly slower than inserts' }, false],
    [{ type: 'MEMORY_LIMIT_EXCEEDED', message: 'x' }, false],
    [{ type: 'UNKNOWN_TABLE', message: 'x' }, false],
    [new Error('socket hang up'), false],
    [undefined, false],
  ])('%j -> %s', (err, expected) => {
    expect(isRowRefusal(err)).toBe(expected);
  });
});
