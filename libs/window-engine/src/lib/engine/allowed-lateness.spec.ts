import { composeMeasures } from '../aggregation/compose-measures';
import { countMeasure } from '../aggregation/count-measure';
import { uniqueCountMeasure } from '../aggregation/unique-count-measure';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import type { AccumulationMode } from './window-engine-config';
import { WindowEngine } from './window-engine';

interface Click {
  ts: number;
  key: string;
  user: string;
}

const measures = composeMeasures({ clicks: countMeasure<Click>(), users: uniqueCountMeasure((c: Click) => c.user) });
const make = (allowedLatenessMs: number, accumulationMode?: AccumulationMode) =>
  new WindowEngine({
    assigner: new TumblingWindowAssigner(60_000),
    keyOf: (c: Click) => c.key,
    timestampOf: (c: Click) => c.ts,
    aggregation: measures,
    allowedLatenessMs,
    accumulationMode,
  });
const click = (ts: number, user = 'u1', key = 'home'): Click => ({ ts, key, user });
const summary = (panes: { key: string; pane: number; isFinal: boolean; measures: { clicks: number; users: { ids: string[] } } }[]) =>
  panes.map((p) => ({ key: p.key, pane: p.pane, isFinal: p.isFinal, clicks: p.measures.clicks, ids: p.measures.users.ids }));

describe('WindowEngine: allowed lateness', () => {
  it('emits a late event within the lateness as a new pane at the next advance (accumulating by default)', () => {
    const e = make(30_000);
    e.add(click(10_000, 'u1'));
    expect(summary(e.advanceWatermark(59_999))).toEqual([{ key: 'home', pane: 0, isFinal: false, clicks: 1, ids: ['u1'] }]);
    expect(e.add(click(20_000, 'u2'))).toBeUndefined();
    expect(summary(e.advanceWatermark(59_999))).toEqual([{ key: 'home', pane: 1, isFinal: false, clicks: 2, ids: ['u1', 'u2'] }]);
    expect(e.stats()).toMatchObject({ openWindows: 1, retainedWindows: 1, lateEvents: 0 });
  });

  it('batches several late events for one window and key into one pane', () => {
    const e = make(30_000);
    e.add(click(10_000));
    e.advanceWatermark(60_000);
    e.add(click(11_000, 'u2'));
    e.add(click(12_000, 'u3'));
    e.add(click(13_000, 'u2', 'other'));
    expect(summary(e.advanceWatermark(61_000))).toEqual([
      { key: 'home', pane: 1, isFinal: false, clicks: 3, ids: ['u1', 'u2', 'u3'] },
      { key: 'other', pane: 0, isFinal: false, clicks: 1, ids: ['u2'] },
    ]);
  });

  it('uses Flink\'s inequality: late once end - 1 + allowedLateness <= watermark', () => {
    const e = make(30_000);
    e.add(click(1_000));
    e.advanceWatermark(89_998);
    expect(e.add(click(2_000))).toBeUndefined();
    e.advanceWatermark(89_999);
    expect(e.add(click(3_000))).toEqual([{ event: click(3_000), window: { start: 0, end: 60_000 }, reason: 'window_closed', watermark: 89_999 }]);
  });

  it('purges at end - 1 + allowedLateness, marking the pane emitted then as final', () => {
    const e = make(30_000);
    e.add(click(1_000));
    e.advanceWatermark(59_999);
    e.add(click(2_000, 'u2'));
    expect(summary(e.advanceWatermark(89_999))).toEqual([{ key: 'home', pane: 1, isFinal: true, clicks: 2, ids: ['u1', 'u2'] }]);
    expect(e.stats()).toMatchObject({ openWindows: 0, openKeys: 0 });
  });

  it('purges silently (no empty closing pane) when no late data came', () => {
    const e = make(30_000);
    e.add(click(1_000));
    e.advanceWatermark(59_999);
    expect(e.advanceWatermark(89_999)).toEqual([]);
    expect(e.stats().openWindows).toBe(0);
  });

  it('with zero lateness, the on-time pane is final and state is purged at once', () => {
    const e = make(0);
    e.add(click(1_000));
    expect(summary(e.advanceWatermark(59_999))).toEqual([{ key: 'home', pane: 0, isFinal: true, clicks: 1, ids: ['u1'] }]);
    expect(e.stats().openWindows).toBe(0);
  });

  it('fires a window first opened by a late-but-allowed event at the next advance, as pane 0', () => {
    const e = make(30_000);
    e.advanceWatermark(70_000);
    expect(e.add(click(5_000))).toBeUndefined();
    expect(summary(e.advanceWatermark(70_000))).toEqual([{ key: 'home', pane: 0, isFinal: false, clicks: 1, ids: ['u1'] }]);
  });

  it('fires due late panes even when the watermark has not moved', () => {
    const e = make(30_000);
    e.add(click(1_000));
    e.advanceWatermark(60_000);
    e.add(click(1_500));
    expect(e.advanceWatermark(0)).toHaveLength(1);
  });
});

describe('WindowEngine: eventTimeToNextFire', () => {
  it('is how far the watermark must rise for the earliest window not fired yet, skipping fired windows kept for lateness', () => {
    const e = make(30_000);
    expect(e.eventTimeToNextFire()).toBe(Number.POSITIVE_INFINITY);
    e.add(click(70_000));
    e.add(click(10_000));
    expect(e.eventTimeToNextFire()).toBe(0); // windows open, no watermark yet: unknown, so due
    e.advanceWatermark(9_999);
    expect(e.eventTimeToNextFire()).toBe(50_000);
    expect(e.advanceWatermark(59_999)).toHaveLength(1);
    // [0, 60000) fired but is kept for its lateness: the next on-time pane is [60000, 120000)'s.
    expect(e.stats()).toMatchObject({ openWindows: 2, retainedWindows: 1 });
    expect(e.eventTimeToNextFire()).toBe(60_000);
    e.add(click(20_000)); // a late update of the fired window is not an on-time pane
    expect(e.eventTimeToNextFire()).toBe(60_000);
    e.advanceWatermark(119_998);
    expect(e.eventTimeToNextFire()).toBe(1);
    e.advanceWatermark(119_999);
    expect(e.eventTimeToNextFire()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('WindowEngine: accumulation modes', () => {
  it('discarding: later panes carry only contributions since the previous pane', () => {
    const e = make(30_000, 'discarding');
    e.add(click(1_000, 'u1'));
    e.add(click(2_000, 'u2'));
    expect(summary(e.advanceWatermark(59_999))).toEqual([{ key: 'home', pane: 0, isFinal: false, clicks: 2, ids: ['u1', 'u2'] }]);
    e.add(click(3_000, 'u2'));
    e.add(click(4_000, 'u3'));
    expect(summary(e.advanceWatermark(60_000))).toEqual([{ key: 'home', pane: 1, isFinal: false, clicks: 2, ids: ['u2', 'u3'] }]);
    e.add(click(5_000, 'u4'));
    expect(summary(e.advanceWatermark(89_999))).toEqual([{ key: 'home', pane: 2, isFinal: true, clicks: 1, ids: ['u4'] }]);
  });

  it('accumulating: every pane carries the whole window so far', () => {
    const e = make(30_000, 'accumulating');
    e.add(click(1_000, 'u1'));
    e.advanceWatermark(59_999);
    e.add(click(3_000, 'u2'));
    e.advanceWatermark(60_000);
    e.add(click(5_000, 'u1'));
    expect(summary(e.advanceWatermark(61_000))).toEqual([{ key: 'home', pane: 2, isFinal: false, clicks: 3, ids: ['u1', 'u2'] }]);
  });

  it('discarding panes of a window add up to the accumulating result', () => {
    const feed = (e: ReturnType<typeof make>) => {
      const out = [];
      for (let i = 0; i < 50; i++) {
        e.add(click((i * 7_919) % 60_000, `u${i % 13}`));
        out.push(...e.advanceWatermark(50_000 + i * 1_000));
      }
      return out;
    };
    const discarding = feed(make(60_000, 'discarding'));
    const accumulating = feed(make(60_000, 'accumulating'));
    const total = discarding.reduce((n, p) => n + p.measures.clicks, 0);
    expect(total).toBe(accumulating.at(-1)?.measures.clicks);
    expect(new Set(discarding.flatMap((p) => p.measures.users.ids)).size).toBe(accumulating.at(-1)?.measures.users.count);
  });
});
