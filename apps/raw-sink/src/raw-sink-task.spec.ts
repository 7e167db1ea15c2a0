import { encodeClickEventAvro, encodeClickEventJson } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import { createMetricsRegistry } from '@clickstream/observability';
import type { ClickHouseTableWriter } from '@clickstream/sinks';
import { createRawSinkMetrics } from './raw-sink-metrics';
import { RawSinkTask, type ClicksRawValues } from './raw-sink-task';

const DAY = 86_400_000;

function setup(batchSize = 3, refuse: (row: ClicksRawValues) => string | undefined = () => undefined) {
  const inserted: { rows: readonly ClicksRawValues[]; token: string }[] = [];
  const writer = {
    table: 'clicks_raw',
    insert: async (rows: readonly ClicksRawValues[], token: string) => {
      const refused = rows.flatMap((row) => {
        const error = refuse(row);
        return error === undefined ? [] : [{ row, error }];
      });
      inserted.push({ rows: rows.filter((row) => refuse(row) === undefined), token });
      return { rows: rows.length - refused.length, durationMs: 1, refused };
    },
  } as unknown as ClickHouseTableWriter<ClicksRawValues>;
  const metrics = createRawSinkMetrics(createMetricsRegistry('raw-sink-test', { defaultMetrics: false }));
  const task = new RawSinkTask(batchSize, writer, metrics, { maxFutureSkewMs: 5 * 60_000, maxEventAgeMs: 89 * DAY });
  return { task, inserted, metrics };
}

const record = (offset: number, value: Buffer | null) => ({ partition: 2, offset: String(offset), key: null, value, timestamp: Date.UTC(2025, 0, 1, 1) });

describe('RawSinkTask', () => {
  it('turns valid events of either format into clicks_raw rows with their source coordinates', async () => {
    const { task, inserted } = setup();
    const a = aClickEvent({ page: '/a' });
    const b = aClickEvent({ page: '/b', referrer: '' });
    task.process(record(10, encodeClickEventAvro(a)));
    task.process(record(11, encodeClickEventJson(b)));
    expect(task.wantsFlush()).toBe(false);
    const cut = task.cut();
    expect(cut.state).toBe('');
    for (const write of cut.writes) await write('raw-sink:web.clicks:2:10-12');
    expect(inserted).toEqual([
      {
        token: 'raw-sink:web.clicks:2:10-12:clicks_raw',
        rows: [
          [a.event_id, a.user_id, a.ts, '/a', a.referrer, a.country, a.device, 2, '10'],
          [b.event_id, b.user_id, b.ts, '/b', '', b.country, b.device, 2, '11'],
        ],
      },
    ]);
    expect(task.hasOutput()).toBe(false);
  });

  it('asks for a flush once the batch is full', () => {
    const { task } = setup(2);
    task.process(record(0, encodeClickEventAvro(aClickEvent())));
    expect(task.wantsFlush()).toBe(false);
    task.process(record(1, encodeClickEventAvro(aClickEvent())));
    expect(task.wantsFlush()).toBe(true);
  });

  it('returns invalid records as rejections with their reason, buffering nothing for them', async () => {
    const { task, inserted } = setup();
    expect(task.process(record(5, Buffer.from('{"event_id":')))).toMatchObject({ ok: false, reason: 'json_parse_error' });
    expect(task.process(record(6, null))).toMatchObject({ ok: false, reason: 'empty' });
    expect(task.hasOutput()).toBe(false);
    expect(task.process(record(7, encodeClickEventAvro(aClickEvent())))).toEqual({ ok: true });
    for (const write of task.cut().writes) await write('t');
    expect(inserted[0]?.rows.map((r) => r[8])).toEqual(['7']);
  });

  it('judges "ts in the future" and retention against the record timestamp, so a replay decides the same', () => {
    const { task } = setup();
    const recordTs = Date.UTC(2025, 0, 1, 1);
    expect(task.process(record(1, encodeClickEventJson(aClickEvent({ ts: recordTs + 6 * 60_000 }))))).toMatchObject({ reason: 'ts_in_future' });
    expect(task.process(record(2, encodeClickEventJson(aClickEvent({ ts: recordTs + 4 * 60_000 }))))).toEqual({ ok: true });
    expect(task.process(record(3, encodeClickEventJson(aClickEvent({ ts: recordTs - 90 * DAY }))))).toMatchObject({ reason: 'beyond_retention' });
  });

  it('reports the rows ClickHouse refused with their source offset, for the runtime to dead-letter', async () => {
    const { task } = setup(10, (row) => (row[3] === '/bad' ? 'Cannot parse input' : undefined));
    task.process(record(1, encodeClickEventAvro(aClickEvent({ page: '/ok' }))));
    task.process(record(2, encodeClickEventAvro(aClickEvent({ page: '/bad' }))));
    const [write] = task.cut().writes;
    const report = await write?.('t');
    expect(report).toEqual({ refused: [expect.objectContaining({ table: 'clicks_raw', error: 'Cannot parse input', sourceOffset: '2' })] });
  });
});
