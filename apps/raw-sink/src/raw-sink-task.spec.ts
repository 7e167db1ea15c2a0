import fc from 'fast-check';
import { decodeClickEvent, encodeClickEventAvro, encodeClickEventJson } from '@clickstream/event-schema';
import { aClickEvent, clickEventArbitrary } from '@clickstream/event-schema/testing';
import { createMetricsRegistry } from '@clickstream/observability';
import type { ClickHouseEncodedRowsWriter, EncodedRows } from '@clickstream/sinks';
import type { ClicksRawValues } from './clicks-raw-block';
import { createRawSinkMetrics } from './raw-sink-metrics';
import { RawSinkTask } from './raw-sink-task';

const DAY = 86_400_000;

function setup(batchSize = 3, refuse: (row: ClicksRawValues) => string | undefined = () => undefined) {
  const inserted: { rows: readonly ClicksRawValues[]; token: string }[] = [];
  const writer = {
    table: 'clicks_raw',
    // What ClickHouse would read: the body's JSONCompactEachRow lines.
    insert: async (block: EncodedRows, token: string) => {
      const body = block.bytesOf(0, block.rowCount).toString('utf8');
      expect(body.endsWith('\n')).toBe(true);
      const rows = body.slice(0, -1).split('\n').map((line) => JSON.parse(line) as ClicksRawValues);
      expect(rows).toHaveLength(block.rowCount);
      const refused = rows.flatMap((row, index) => {
        const error = refuse(row);
        return error === undefined ? [] : [{ index, error }];
      });
      inserted.push({ rows: rows.filter((row) => refuse(row) === undefined), token });
      return { rows: rows.length - refused.length, durationMs: 1, refused };
    },
  } as unknown as ClickHouseEncodedRowsWriter;
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

  it('gives decodeClickEvent\'s verdict and row for every record: producer JSON, other spellings, Avro, corrupted bytes, any record time (property)', async () => {
    const base = Date.UTC(2025, 0, 1, 1);
    // The producer's own traffic: printable ASCII, the fast path's domain (ts around the record time's bounds).
    const ascii = fc.stringMatching(/^[ !#-[\]-~]{1,30}$/);
    const producerJson = fc
      .record({ event_id: fc.uuid().filter((id) => !/^(0{8}|f{8})-/.test(id)), user_id: ascii, ts: fc.integer({ min: base - 90 * DAY, max: base + 10 * 60_000 }), page: ascii, referrer: fc.oneof(fc.constant(''), fc.webUrl()), country: fc.constantFrom('US', 'ZZ', 'us'), device: fc.constantFrom('desktop', 'bot', 'toaster') })
      .map((event) => encodeClickEventJson(event as Parameters<typeof encodeClickEventJson>[0]));
    const message = fc.oneof(
      producerJson,
      clickEventArbitrary({ minTs: base - 100 * DAY, maxTs: base + 10 * 60_000 }).chain((event) =>
        fc.constantFrom(
          encodeClickEventJson(event),
          encodeClickEventAvro(event),
          Buffer.from(JSON.stringify({ ...event, referrer: event.referrer || null }, null, 1)),
          Buffer.from(JSON.stringify({ ...event, event_id: event.event_id.toUpperCase() })),
        ),
      ),
      fc
        .tuple(
          clickEventArbitrary({ minTs: base - 100 * DAY, maxTs: base }),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 }),
        )
        .map(([event, edits]) => {
          const bytes = [...encodeClickEventJson(event)];
          for (const [at, value, insert] of edits) {
            if (insert) bytes.splice(at % (bytes.length + 1), 0, value);
            else bytes[at % bytes.length] = value;
          }
          return Buffer.from(bytes);
        }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(message, fc.integer({ min: base - 6 * 60_000, max: base + DAY })), { minLength: 1, maxLength: 20 }), async (records) => {
        const { task, inserted } = setup(1_000);
        const expected: ClicksRawValues[] = [];
        records.forEach(([value, timestamp], offset) => {
          const verdict = decodeClickEvent(value, { now: () => timestamp, maxFutureSkewMs: 5 * 60_000, maxEventAgeMs: 89 * DAY });
          const outcome = task.process({ partition: 1, offset: String(offset), key: null, value, timestamp });
          if (verdict.ok) {
            expect(outcome).toEqual({ ok: true });
            const e = verdict.event;
            expected.push([e.event_id, e.user_id, e.ts, e.page, e.referrer, e.country, e.device, 1, String(offset)]);
          } else {
            expect(outcome).toEqual(verdict);
          }
        });
        if (task.hasOutput()) for (const write of task.cut().writes) await write('t');
        expect(inserted.flatMap((i) => i.rows)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
