import { encodeClickEventAvro, encodeClickEventJson } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import type { DeadLetter, DeadLetterPublisher } from '@clickstream/kafka';
import { createMetricsRegistry } from '@clickstream/observability';
import type { ClickHouseTableWriter } from '@clickstream/sinks';
import { createRawSinkMetrics } from './raw-sink-metrics';
import { RawSinkTask, type ClicksRawValues } from './raw-sink-task';

function setup(batchSize = 3) {
  const inserted: { rows: readonly ClicksRawValues[]; token: string }[] = [];
  const published: DeadLetter[][] = [];
  const writer = {
    table: 'clicks_raw',
    insert: async (rows: readonly ClicksRawValues[], token: string) => {
      inserted.push({ rows, token });
      return { rows: rows.length, durationMs: 1 };
    },
  } as unknown as ClickHouseTableWriter<ClicksRawValues>;
  const deadLetters = { publish: async (l: DeadLetter[]) => void published.push(l) } as unknown as DeadLetterPublisher;
  const metrics = createRawSinkMetrics(createMetricsRegistry('raw-sink-test', { defaultMetrics: false }));
  return { task: new RawSinkTask('web.clicks', batchSize, writer, deadLetters, metrics), inserted, published, metrics };
}

const record = (offset: number, value: Buffer | null) => ({ partition: 2, offset: String(offset), key: null, value, timestamp: Date.UTC(2026, 0, 1, 12) });

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

  it('dead-letters invalid records with reason and original bytes, and counts them by reason', async () => {
    const { task, published, inserted, metrics } = setup();
    const bad = Buffer.from('{"event_id":');
    task.process(record(5, bad));
    task.process(record(6, null));
    expect(task.hasOutput()).toBe(true);
    for (const write of task.cut().writes) await write('t');
    expect(inserted[0]?.rows).toEqual([]);
    expect(published[0]?.map((l) => [l.reason, l.source.offset, l.value])).toEqual([
      ['json_parse_error', '5', bad],
      ['empty', '6', null],
    ]);
    const values = (await metrics.rejected.get()).values;
    expect(values.find((v) => v.labels.reason === 'json_parse_error')?.value).toBe(1);
  });

  it('judges "ts in the future" against the record timestamp, so a replay decides the same', async () => {
    const { task, published } = setup();
    const future = aClickEvent({ ts: Date.UTC(2026, 0, 1, 14) }); // 2 h after the record timestamp
    task.process(record(1, encodeClickEventJson(future)));
    for (const write of task.cut().writes) await write('t');
    expect(published[0]?.[0]?.reason).toBe('ts_in_future');
  });
});
