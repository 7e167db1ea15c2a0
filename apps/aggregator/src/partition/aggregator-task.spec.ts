import { encodeClickEventAvro, encodeClickEventJson, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import type { ConsumedRecord } from '@clickstream/stream-runtime';
import { AggregatorTask, type AggregatorOutputs, type AggregatorTaskObserver } from './aggregator-task';
import type { AnomalyRow, LateRow, PaneRow } from './output-rows';

const T0 = Date.UTC(2026, 0, 1);
const settings = {
  topic: 'web.clicks',
  partition: 0,
  windowSizeMs: 60_000,
  outOfOrdernessMs: 10_000,
  allowedLatenessMs: 0,
  maxBufferedRows: 1_000,
  maxFutureSkewMs: 5 * 60_000,
  watermarkMaxLeadMs: 0,
  maxEventAgeMs: 89 * 86_400_000,
  anomaly: { historyLength: 10, minHistory: 3, threshold: 3 },
};

/** Captures what each cut writes, as the ClickHouse outputs would receive it. */
class CapturedOutputs implements AggregatorOutputs {
  panes: PaneRow[] = [];
  late: LateRow[] = [];
  anomalies: AnomalyRow[] = [];
  async writePanes(rows: PaneRow[]) {
    this.panes.push(...rows);
    return { refused: [] };
  }
  async writeLate(rows: LateRow[]) {
    this.late.push(...rows);
    return { refused: [] };
  }
  async writeAnomalies(rows: AnomalyRow[]) {
    this.anomalies.push(...rows);
    return { refused: [] };
  }
}

const observer: AggregatorTaskObserver = { accepted: () => 0, late: () => 0, fired: () => 0, anomaly: () => 0, watermark: () => 0 };

function record(offset: number, value: Buffer): ConsumedRecord {
  return { partition: 0, offset: String(offset), key: null, value, timestamp: T0 + 3_600_000 };
}

async function drain(task: AggregatorTask): Promise<string> {
  const cut = task.cut();
  for (const write of cut.writes) await write('token');
  return cut.state;
}

/** 12 minutes of clicks on 3 pages, a 10x spike on /b in minute 9, and 3 events far too late. */
function stream(): Buffer[] {
  const events: ClickEvent[] = [];
  let n = 0;
  for (let minute = 0; minute < 12; minute++) {
    for (let i = 0; i < 30; i++) {
      for (const page of ['/a', '/b', '/c']) {
        const repeat = page === '/b' && minute === 9 ? 10 : 1;
        for (let r = 0; r < repeat; r++) {
          events.push(aClickEvent({ page, country: 'US', user_id: `u${(n * 7) % 40}`, ts: T0 + minute * 60_000 + i * 2_000 - (n % 5) * 700 }));
          n++;
        }
      }
    }
    if (minute === 8) events.push(aClickEvent({ page: '/a', ts: T0 + 60_000 }), aClickEvent({ page: '/c', ts: T0 + 1_000 }));
  }
  return events.map((e, i) => (i % 2 === 0 ? encodeClickEventAvro(e) : encodeClickEventJson(e)));
}

describe('AggregatorTask', () => {
  it('fires exact per-window partials, routes late events and flags the spike', async () => {
    const outputs = new CapturedOutputs();
    const task = new AggregatorTask(settings, outputs, observer, undefined);
    stream().forEach((v, i) => task.process(record(i, v)));
    expect(task.wantsFlush()).toBe(true);
    await drain(task);

    const minute0 = outputs.panes.filter((p) => p.windowStart === T0);
    expect(minute0.map((p) => [p.page, p.clicks])).toEqual([
      ['/a', 30],
      ['/b', 30],
      ['/c', 30],
    ]);
    expect(outputs.late.map((l) => [l.page, l.windowStart, l.reason])).toEqual([
      ['/a', T0 + 60_000, 'window_closed'],
      ['/c', T0, 'window_closed'],
    ]);
    expect(outputs.anomalies.map((a) => [a.page, a.windowStart])).toContainEqual(['/b', T0 + 9 * 60_000]);
    expect(outputs.anomalies.every((a) => a.z >= 3)).toBe(true);
  });

  it('copies a late event into its row before the next record reuses the decoded event', async () => {
    const outputs = new CapturedOutputs();
    const task = new AggregatorTask(settings, outputs, observer, undefined);
    const upper = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';
    const late = aClickEvent({ event_id: upper, user_id: 'late-user', page: '/late', device: 'tablet', ts: T0 });
    const events = [aClickEvent({ ts: T0 + 5 * 60_000 }), late, aClickEvent({ user_id: 'next', ts: T0 + 5 * 60_000 })];
    events.forEach((e, i) => task.process(record(i, encodeClickEventAvro(e))));
    await drain(task);
    expect(outputs.late).toEqual([
      expect.objectContaining({ eventId: upper.toLowerCase(), userId: 'late-user', page: '/late', device: 'tablet', ts: T0, offset: '1' }),
    ]);
  });

  it('returns undecodable and invalid records as rejections, buffering nothing for them', () => {
    const task = new AggregatorTask(settings, new CapturedOutputs(), observer, undefined);
    expect(task.process(record(7, Buffer.from('not an event')))).toMatchObject({ ok: false, reason: 'unknown_format' });
    expect(task.process(record(8, encodeClickEventJson(aClickEvent({ ts: T0 + 3_600_000 + 6 * 60_000 }))))).toMatchObject({ ok: false, reason: 'ts_in_future' });
    expect(task.process(record(9, encodeClickEventAvro(aClickEvent({ ts: T0 - 89 * 86_400_000 }))))).toMatchObject({ ok: false, reason: 'beyond_retention' });
    expect(task.hasOutput()).toBe(false);
  });

  it('does not let one event stamped ahead of broker time (within the skew) close everyone\'s windows', async () => {
    const outputs = new CapturedOutputs();
    const task = new AggregatorTask(settings, outputs, observer, undefined);
    const at = (offset: number, ts: number, recordTs: number) => ({ ...record(offset, encodeClickEventAvro(aClickEvent({ page: '/w', ts }))), timestamp: recordTs });
    // Broker time T0 + 30 s; one client clock 4 minutes fast; then on-time clicks of minute 0.
    task.process(at(0, T0 + 1_000, T0 + 30_000));
    expect(task.process(at(1, T0 + 4 * 60_000, T0 + 30_000))).toEqual({ ok: true });
    for (let i = 2; i < 10; i++) task.process(at(i, T0 + 20_000 + i, T0 + 30_000 + i));
    await drain(task);
    expect(outputs.late).toEqual([]);
    // With the lead as large as the skew, the same event does close minute 0 early: the bound is what protects.
    const loose = new CapturedOutputs();
    const unguarded = new AggregatorTask({ ...settings, watermarkMaxLeadMs: 5 * 60_000 }, loose, observer, undefined);
    unguarded.process(at(0, T0 + 1_000, T0 + 30_000));
    unguarded.process(at(1, T0 + 4 * 60_000, T0 + 30_000));
    for (let i = 2; i < 10; i++) unguarded.process(at(i, T0 + 20_000 + i, T0 + 30_000 + i));
    await drain(unguarded);
    expect(loose.late).toHaveLength(8);
  });

  it.each([1, 200, 777, 1_300])('restored from a cut after %i records, continues exactly like an uninterrupted run', async (at) => {
    const records = stream();
    const whole = new CapturedOutputs();
    const uninterrupted = new AggregatorTask(settings, whole, observer, undefined);
    records.forEach((v, i) => uninterrupted.process(record(i, v)));
    await drain(uninterrupted);

    const split = new CapturedOutputs();
    const first = new AggregatorTask(settings, split, observer, undefined);
    records.slice(0, at).forEach((v, i) => first.process(record(i, v)));
    const state = await drain(first);
    const second = new AggregatorTask(settings, split, observer, state);
    records.slice(at).forEach((v, i) => second.process(record(at + i, v)));
    await drain(second);

    expect(split.panes).toEqual(whole.panes);
    expect(split.late).toEqual(whole.late);
    expect(split.anomalies).toEqual(whole.anomalies);
  });
});
