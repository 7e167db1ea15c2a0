import { encodeClickEventAvro, encodeClickEventJson, type ClickEvent } from '@clickstream/event-schema';
import { aClickEvent } from '@clickstream/event-schema/testing';
import type { ConsumedRecord } from '@clickstream/stream-runtime';
import { AggregatorTask, type AggregatorOutputs, type AggregatorTaskObserver } from './aggregator-task';
import type { LateRow, PaneRow, WatermarkRow } from './output-rows';
import type { PageMinuteAggBlock } from './page-minute-agg-block';
import { TASK_SETTINGS } from './testing/task-settings';

const T0 = Date.UTC(2026, 0, 1);
const settings = TASK_SETTINGS;

/** Captures what each cut writes, as the ClickHouse outputs would receive it. */
class CapturedOutputs implements AggregatorOutputs {
  panes: PaneRow[] = [];
  late: LateRow[] = [];
  watermarks: WatermarkRow[] = [];
  /** Write order: 'panes' / 'watermark', to check the watermark row never precedes its panes. */
  order: string[] = [];
  async writePanes(block: PageMinuteAggBlock) {
    await new Promise((resolve) => setImmediate(resolve)); // a slow insert: the watermark must wait for it
    // Read back from the encoded lines, as ClickHouse would parse them.
    for (let i = 0; i < block.rowCount; i++) this.panes.push(block.rowAt(i));
    this.order.push('panes');
    return { refused: [] };
  }
  async writeLate(rows: LateRow[]) {
    this.late.push(...rows);
    return { refused: [] };
  }
  async writeWatermark(row: WatermarkRow) {
    this.watermarks.push(row);
    this.order.push('watermark');
    return { refused: [] };
  }
}

const observer: AggregatorTaskObserver = { accepted: () => 0, late: () => 0, fired: () => 0, watermark: () => 0 };

function record(offset: number, value: Buffer): ConsumedRecord {
  return { partition: 0, offset: String(offset), key: null, value, timestamp: T0 + 3_600_000 };
}

async function drain(task: AggregatorTask): Promise<string> {
  const cut = task.cut();
  await Promise.all(cut.writes.map((write) => write('token'))); // concurrently, as the runtime does
  return cut.state;
}

/** 12 minutes of clicks on 3 pages, a 10x spike on /b in minute 9, and 3 events far too late. */
function stream(): Buffer[] {
  return streamEvents().events.map((e, i) => (i % 2 === 0 ? encodeClickEventAvro(e) : encodeClickEventJson(e)));
}

/** `stream()`'s events, and which of them are the ones far too late. */
function streamEvents(): { events: ClickEvent[]; tooLate: Set<ClickEvent> } {
  const events: ClickEvent[] = [];
  const tooLate = new Set<ClickEvent>();
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
    if (minute === 8) {
      const late = [aClickEvent({ page: '/a', ts: T0 + 60_000 }), aClickEvent({ page: '/c', ts: T0 + 1_000 })];
      events.push(...late);
      late.forEach((e) => tooLate.add(e));
    }
  }
  return { events, tooLate };
}

/** The records of `values` as the consumer bundle gives them: each value's bytes in one shared buffer, between other bytes, and no Buffer per value. */
function inPlaceRecords(values: Buffer[]): { records: ConsumedRecord[]; valueReads: () => number } {
  let reads = 0;
  const parts: Buffer[] = [];
  const ranges: [number, number][] = [];
  let at = 0;
  values.forEach((v, i) => {
    const junk = Buffer.from(i % 3 === 0 ? ' }\n' : i % 3 === 1 ? '{"x":1' : '\u0000\u0002');
    parts.push(junk, v);
    ranges.push([at + junk.length, at + junk.length + v.length]);
    at += junk.length + v.length;
  });
  const shared = Buffer.concat([...parts, Buffer.from(' 0123')]);
  const records = ranges.map(([start, end], i) => ({
    partition: 0,
    offset: String(i),
    key: null,
    get value(): Buffer {
      reads++;
      return shared.subarray(start, end);
    },
    valueBytes: shared,
    valueStart: start,
    valueEnd: end,
    timestamp: T0 + 3_600_000,
  }));
  return { records, valueReads: () => reads };
}

describe('AggregatorTask', () => {
  it('reads values where the runtime gives their bytes, with the same outcomes, panes and late rows as from Buffers', async () => {
    const values = [...stream(), Buffer.from('not an event'), Buffer.from('{"event_id":"nope"}'), Buffer.alloc(0)];
    const run = async (records: ConsumedRecord[]) => {
      const outputs = new CapturedOutputs();
      const task = new AggregatorTask(settings, outputs, observer, undefined);
      const outcomes = records.map((r) => JSON.stringify(task.process(r)));
      await drain(task);
      return { outcomes, panes: outputs.panes, late: outputs.late, watermarks: outputs.watermarks };
    };
    const { records, valueReads } = inPlaceRecords(values);
    const inPlace = await run(records);
    expect(valueReads()).toBe(0);
    const fromBuffers = await run(values.map((v, i) => record(i, v)));
    expect(inPlace).toEqual(fromBuffers);
    expect(fromBuffers.outcomes.filter((o) => o.includes('"ok":false'))).toHaveLength(3);
    expect(fromBuffers.panes.length).toBeGreaterThan(0);
  });

  it('fires exact per-window partials, routes late events and publishes the watermark after the panes', async () => {
    const outputs = new CapturedOutputs();
    const task = new AggregatorTask(settings, outputs, observer, undefined);
    stream().forEach((v, i) => task.process(record(i, v)));
    expect(task.wantsFlush()).toBe(true);
    await drain(task);

    const minute0 = outputs.panes.filter((p) => p.windowStart === T0);
    // In the order the window's keys first arrived (the engine's pane order); compared by page here.
    expect(minute0.map((p) => [p.page, p.clicks]).sort()).toEqual([
      ['/a', 30],
      ['/b', 30],
      ['/c', 30],
    ]);
    expect(outputs.late.map((l) => [l.page, l.windowStart, l.reason])).toEqual([
      ['/a', T0 + 60_000, 'window_closed'],
      ['/c', T0, 'window_closed'],
    ]);
    // The spike is written as it is (scoring happens on merged totals, in the anomaly scorer).
    // (a few of its 300 events are stamped into minute 8 by the jitter)
    expect(outputs.panes.find((p) => p.page === '/b' && p.windowStart === T0 + 9 * 60_000)?.clicks).toBeGreaterThan(280);
    // Minute 11's last event is at 11:58.6 minus jitter: the watermark closed minute 10, not 11.
    expect(outputs.watermarks).toHaveLength(1);
    const watermark = outputs.watermarks[0]?.watermark ?? 0;
    expect(Math.max(...outputs.panes.map((p) => p.windowEnd)) - 1).toBeLessThanOrEqual(watermark);
    expect(watermark).toBeLessThan(T0 + 12 * 60_000 - 1);
    expect(outputs.order).toEqual(['panes', 'watermark']);
  });

  it('writes each window\'s exact distinct users: every pane\'s ids, merged, are the users of its events', async () => {
    const outputs = new CapturedOutputs();
    const task = new AggregatorTask(settings, outputs, observer, undefined);
    stream().forEach((v, i) => task.process(record(i, v)));
    await drain(task);
    const written = new Map<string, Set<string>>();
    for (const p of outputs.panes) {
      const id = `${p.windowStart} ${p.page}`;
      const users = written.get(id) ?? new Set<string>();
      // A pane's ids are distinct (ClickHouse's partial rows carry each user once per pane).
      expect(new Set(p.userIds).size).toBe(p.userIds.length);
      p.userIds.forEach((u) => users.add(u));
      written.set(id, users);
    }
    const { events, tooLate } = streamEvents();
    const expected = new Map<string, Set<string>>();
    for (const e of events) {
      const id = `${e.ts - (e.ts % 60_000)} ${e.page}`;
      if (tooLate.has(e) || !written.has(id)) continue; // windows still open at the end are not written
      expected.set(id, (expected.get(id) ?? new Set<string>()).add(e.user_id));
    }
    const sorted = (m: Map<string, Set<string>>) => [...m].map(([id, users]) => [id, [...users].sort()]).sort();
    expect(written.size).toBeGreaterThan(20);
    // Keys of 30 events and up to 30 users: past the 8 held ids, interned and compacted in batches.
    expect(Math.max(...[...expected.values()].map((u) => u.size))).toBeGreaterThan(8);
    expect(sorted(written)).toEqual(sorted(expected));
  });

  it('writes early partials under a small state bound, with the same merged totals as without one', async () => {
    const totals = async (maxHeldEvents: number) => {
      const outputs = new CapturedOutputs();
      const task = new AggregatorTask({ ...settings, maxHeldEvents }, outputs, observer, undefined);
      let cuts = 0;
      for (const [i, v] of stream().entries()) {
        task.process(record(i, v));
        if (task.wantsFlush()) {
          await drain(task);
          cuts++;
        }
      }
      await drain(task);
      const merged = new Map<string, { clicks: number; users: Set<string>; panes: number }>();
      for (const p of outputs.panes) {
        const id = `${p.windowStart} ${p.page}`;
        const m = merged.get(id) ?? { clicks: 0, users: new Set<string>(), panes: 0 };
        m.clicks += p.clicks;
        p.userIds.forEach((u) => m.users.add(u));
        m.panes++;
        merged.set(id, m);
      }
      return { cuts, merged: [...merged].map(([id, m]) => [id, m.clicks, m.users.size]).sort(), panes: outputs.panes.length };
    };
    const unbounded = await totals(2_000_000);
    const bounded = await totals(50);
    // Beyond the unbounded run's windows: early partials of the window still open at the end.
    const lastClosed = Math.max(...unbounded.merged.map(([id]) => Number(String(id).split(' ')[0])));
    expect(bounded.merged.filter(([id]) => Number(String(id).split(' ')[0]) <= lastClosed)).toEqual(unbounded.merged);
    expect(bounded.merged.length).toBeGreaterThan(unbounded.merged.length);
    expect(bounded.panes).toBeGreaterThan(unbounded.panes);
    expect(bounded.cuts).toBeGreaterThan(unbounded.cuts);
  });

  it('publishes a watermark only when it closed another window, also across a restore', async () => {
    const outputs = new CapturedOutputs();
    const task = new AggregatorTask(settings, outputs, observer, undefined);
    const at = (offset: number, ts: number) => record(offset, encodeClickEventAvro(aClickEvent({ ts })));
    task.process(at(0, T0 + 5 * 60_000));
    const state = await drain(task);
    expect(outputs.watermarks).toEqual([{ watermark: T0 + 5 * 60_000 - 10_001 }]);
    const restored = new AggregatorTask(settings, outputs, observer, state);
    restored.process(at(1, T0 + 60_000)); // older: the watermark does not move
    restored.process(at(2, T0 + 5 * 60_000 + 5_000)); // moves, but closes no further window
    await drain(restored);
    expect(outputs.watermarks).toHaveLength(1);
    restored.process(at(3, T0 + 6 * 60_000 + 10_000)); // closes the window [5:00, 6:00)
    await drain(restored);
    expect(outputs.watermarks).toEqual([{ watermark: T0 + 5 * 60_000 - 10_001 }, { watermark: T0 + 6 * 60_000 - 1 }]);
  });

  it('restores a checkpoint written before the scorer (with an anomaly field)', async () => {
    const task = new AggregatorTask(settings, new CapturedOutputs(), observer, undefined);
    task.process(record(0, encodeClickEventAvro(aClickEvent({ ts: T0 }))));
    const old = { ...(JSON.parse(await drain(task)) as object), anomaly: { format: 1, keys: [] } };
    expect(() => new AggregatorTask(settings, new CapturedOutputs(), observer, JSON.stringify(old))).not.toThrow();
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

  it('says how much event time is left before its next window fires, exactly at the firing event', () => {
    const task = new AggregatorTask(settings, new CapturedOutputs(), observer, undefined);
    const at = (offset: number, ts: number) => record(offset, encodeClickEventAvro(aClickEvent({ ts })));
    expect(task.eventTimeToNextFire()).toBe(Number.POSITIVE_INFINITY);
    task.process(at(0, T0 + 20_000));
    // The window [T0, T0 + 60 s) fires once an event at T0 + 70 s (end + bound) comes: 50 s of event time.
    expect(task.eventTimeToNextFire()).toBe(50_000);
    task.process(at(1, T0 + 69_999));
    expect(task.eventTimeToNextFire()).toBe(1);
    expect(task.wantsFlush()).toBe(false);
    task.process(at(2, T0 + 70_000));
    expect(task.wantsFlush()).toBe(true);
    // The next window [T0 + 60 s, T0 + 120 s) is open (opened by the last two events).
    expect(task.eventTimeToNextFire()).toBe(60_000);
    // Restored from its cut, it says the same.
    expect(new AggregatorTask(settings, new CapturedOutputs(), observer, task.cut().state).eventTimeToNextFire()).toBe(60_000);
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
    // Both runs have published that the same windows are closed (the split run possibly earlier).
    const closed = (o: CapturedOutputs) => Math.floor(((o.watermarks.at(-1)?.watermark ?? 0) + 1) / 60_000);
    expect(closed(split)).toBe(closed(whole));
  });
});
