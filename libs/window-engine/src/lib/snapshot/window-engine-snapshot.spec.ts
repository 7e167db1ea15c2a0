import { composeMeasures } from '../aggregation/compose-measures';
import { countMeasure } from '../aggregation/count-measure';
import { uniqueCountMeasure } from '../aggregation/unique-count-measure';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import type { AccumulationMode } from '../engine/window-engine-config';
import { WindowEngine } from '../engine/window-engine';
import { WindowSnapshotError } from '../errors/window-snapshot-error';

interface Click {
  ts: number;
  key: string;
  user: string;
}

const measures = composeMeasures({ clicks: countMeasure<Click>(), users: uniqueCountMeasure((c: Click) => c.user) });
const config = (accumulationMode: AccumulationMode = 'accumulating', allowedLatenessMs = 30_000) => ({
  assigner: new TumblingWindowAssigner(60_000),
  keyOf: (c: Click) => c.key,
  timestampOf: (c: Click) => c.ts,
  aggregation: measures,
  allowedLatenessMs,
  accumulationMode,
});
const click = (ts: number, key = 'home', user = 'u1'): Click => ({ ts, key, user });
const jsonRoundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('WindowEngine snapshot/restore', () => {
  it('is columnar: parallel arrays per window, pane numbers omitted before the first pane', () => {
    const e = new WindowEngine(config());
    e.add(click(1_000, 'a', 'u1'));
    e.add(click(2_000, 'b', 'u2'));
    e.add(click(3_000, 'a', 'u3'));
    e.add(click(61_000, 'a', 'u2'));
    expect(e.snapshot()).toEqual({
      format: 'clickstream.window-engine.v3',
      watermark: Number.MIN_SAFE_INTEGER,
      counters: { acceptedEvents: 4, lateEvents: 0, firedPanes: 0 },
      windows: [
        { start: 0, end: 60_000, fired: false, keys: ['a', 'b'], panes: [], accs: [[2, [0, 1]], [1, [2]]], empty: [], pendingLate: [] },
        { start: 60_000, end: 120_000, fired: false, keys: ['a'], panes: [], accs: [[1, [2]]], empty: [], pendingLate: [] },
      ],
      // Each user once, across keys and windows.
      strings: ['u1', 'u3', 'u2'],
    });
  });

  it('restores format v1, whose accumulators held the ids themselves', () => {
    const e = new WindowEngine(config());
    e.add(click(1_000, 'a', 'u1'));
    e.add(click(2_000, 'b', 'u2'));
    e.add(click(3_000, 'a', 'u3'));
    const v1 = {
      format: 'clickstream.window-engine.v1',
      watermark: Number.MIN_SAFE_INTEGER,
      counters: { acceptedEvents: 3, lateEvents: 0, firedPanes: 0 },
      windows: [{ start: 0, end: 60_000, fired: false, keys: ['a', 'b'], panes: [], accs: [[2, ['u1', 'u3']], [1, ['u2']]], empty: [], pendingLate: [] }],
    };
    const restored = WindowEngine.restore(config(), v1);
    expect(restored.snapshot()).toEqual(e.snapshot());
    expect(restored.advanceWatermark(Number.MAX_SAFE_INTEGER)).toEqual(e.advanceWatermark(Number.MAX_SAFE_INTEGER));
  });

  it('keeps fired-but-retained windows, pending late panes and emptied discarding accumulators', () => {
    const e = new WindowEngine(config('discarding'));
    e.add(click(1_000, 'a'));
    e.add(click(2_000, 'b'));
    e.advanceWatermark(59_999);
    e.add(click(3_000, 'b', 'u9'));
    const snap = e.snapshot();
    expect(snap.windows[0]).toMatchObject({ fired: true, keys: ['a', 'b'], panes: [1, 1], accs: [null, [1, [0]]], empty: [0], pendingLate: [1] });
    expect(snap.strings).toEqual(['u9']);
    const restored = WindowEngine.restore(config('discarding'), jsonRoundTrip(snap));
    expect(restored.stats()).toEqual(e.stats());
    const expected = e.advanceWatermark(60_000);
    expect(expected).toHaveLength(1);
    expect(restored.advanceWatermark(60_000)).toEqual(expected);
  });

  it('restore-then-continue gives the same panes, late events and stats as the uninterrupted run', () => {
    const events = Array.from({ length: 200 }, (_, i) => click(((i * 7_919) % 240_000) + Math.floor(i / 2) * 1_000, `k${i % 7}`, `u${i % 11}`));
    const run = (cut: number | undefined) => {
      let e = new WindowEngine(config('discarding'));
      const out: unknown[] = [];
      events.forEach((ev, i) => {
        if (i === cut) e = WindowEngine.restore(config('discarding'), jsonRoundTrip(e.snapshot()));
        out.push(e.add(ev) ?? null, ...e.advanceWatermark(i * 1_000 - 20_000));
      });
      out.push(...e.advanceWatermark(Number.MAX_SAFE_INTEGER), e.stats());
      return out;
    };
    const uninterrupted = run(undefined);
    for (const cut of [0, 1, 57, 120, 199]) expect(run(cut)).toEqual(uninterrupted);
  });

  // Its speed is measured by `npm run bench:core`, not asserted here.
  it('round-trips 100k open keys through JSON', () => {
    const e = new WindowEngine(config());
    for (let i = 0; i < 100_000; i++) e.add(click(i % 60_000, `/page/${i}\u0000US`, `u${i}`));
    const restored = WindowEngine.restore(config(), JSON.parse(JSON.stringify(e.snapshot())));
    expect(restored.stats().openKeys).toBe(100_000);
    expect(restored.advanceWatermark(Number.MAX_SAFE_INTEGER)).toEqual(e.advanceWatermark(Number.MAX_SAFE_INTEGER));
  });

  it.each([
    [null, '$'],
    [{ format: 'v0' }, '$.format'],
    [{ format: 'clickstream.window-engine.v1', counters: {} }, '$.counters.acceptedEvents'],
    [{ format: 'clickstream.window-engine.v2', counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 }, watermark: 0, windows: [] }, '$.strings'],
    [{ format: 'clickstream.window-engine.v2', counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 }, watermark: 0, windows: [], strings: ['u1', 2] }, '$.strings[1]'],
    [{ format: 'clickstream.window-engine.v1', counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 }, watermark: 0, windows: [{ start: 0, end: 0 }] }, '$.windows[0].end'],
    [
      {
        format: 'clickstream.window-engine.v1',
        counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 },
        watermark: 0,
        windows: [{ start: 0, end: 60_000, fired: false, keys: ['a', 'b'], panes: [], accs: [[1, []]], empty: [], pendingLate: [] }],
      },
      '$.windows[0].accs',
    ],
    [
      {
        format: 'clickstream.window-engine.v1',
        counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 },
        watermark: 0,
        windows: [{ start: 0, end: 60_000, fired: false, keys: ['a'], panes: [], accs: [[1, []]], empty: [], pendingLate: [3] }],
      },
      '$.windows[0].pendingLate[0]',
    ],
    [
      {
        // A key both emptied and pending late: its late pane would hold nothing and never go out.
        format: 'clickstream.window-engine.v1',
        counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 },
        watermark: 0,
        windows: [{ start: 0, end: 60_000, fired: true, keys: ['a', 'b'], panes: [1, 1], accs: [null, [1, []]], empty: [0], pendingLate: [0] }],
      },
      '$.windows[0].pendingLate',
    ],
    [
      {
        format: 'clickstream.window-engine.v1',
        counters: { acceptedEvents: 0, lateEvents: 0, firedPanes: 0 },
        watermark: 0,
        windows: [{ start: 0, end: 60_000, fired: false, keys: ['a', 'a'], panes: [], accs: [[1, []], [1, []]], empty: [], pendingLate: [] }],
      },
      '$.windows[0].keys[1]',
    ],
  ])('rejects malformed snapshot %j at %s', (snapshot, path) => {
    let error: unknown;
    try {
      WindowEngine.restore(config(), snapshot);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WindowSnapshotError);
    expect((error as WindowSnapshotError).path).toBe(path);
  });

  it('passes measure snapshot errors through as WindowSnapshotError', () => {
    const e = new WindowEngine(config());
    e.add(click(1));
    const snap = jsonRoundTrip(e.snapshot()) as { windows: { accs: unknown[] }[] };
    (snap.windows[0] as { accs: unknown[] }).accs[0] = [1, 'not-an-array'];
    expect(() => WindowEngine.restore(config(), snap)).toThrow(WindowSnapshotError);
  });
});
