import { composeMeasures } from '../aggregation/compose-measures';
import { countMeasure } from '../aggregation/count-measure';
import { uniqueCountMeasure } from '../aggregation/unique-count-measure';
import { TumblingWindowAssigner } from '../assigners/tumbling-window-assigner';
import { InvalidEventTimestampError } from '../errors/invalid-event-timestamp-error';
import { InvalidWatermarkError } from '../errors/invalid-watermark-error';
import { WindowConfigError } from '../errors/window-config-error';
import { WindowEngine } from './window-engine';
import type { WindowEngineConfig } from './window-engine-config';

interface Click {
  ts: number;
  key: string;
  user: string;
}

const measures = composeMeasures({ clicks: countMeasure<Click>(), users: uniqueCountMeasure((c: Click) => c.user) });
const base = { assigner: new TumblingWindowAssigner(60_000), keyOf: (c: Click) => c.key, timestampOf: (c: Click) => c.ts, aggregation: measures };
const make = () => new WindowEngine(base);
const click = (ts: number, key = 'home', user = 'u1'): Click => ({ ts, key, user });

describe('WindowEngine: firing', () => {
  it('fires a window when the watermark reaches its max timestamp (end - 1), not before', () => {
    const e = make();
    expect(e.add(click(60_000))).toBeUndefined();
    expect(e.add(click(119_999, 'home', 'u2'))).toBeUndefined();
    expect(e.advanceWatermark(119_998)).toEqual([]);
    expect(e.advanceWatermark(119_999)).toEqual([
      { key: 'home', window: { start: 60_000, end: 120_000 }, pane: 0, isFinal: true, measures: { clicks: 2, users: { count: 2, ids: ['u1', 'u2'] } } },
    ]);
  });

  it('puts ts = start in its window and ts = end - 1 in the previous one', () => {
    const e = make();
    e.add(click(120_000, 'a'));
    e.add(click(119_999, 'b'));
    const fired = e.advanceWatermark(Number.MAX_SAFE_INTEGER);
    expect(fired.map((p) => [p.key, p.window.start])).toEqual([
      ['b', 60_000],
      ['a', 120_000],
    ]);
  });

  it('fires exactly once per window and key', () => {
    const e = make();
    e.add(click(1_000));
    expect(e.advanceWatermark(59_999)).toHaveLength(1);
    expect(e.advanceWatermark(59_999)).toEqual([]);
    expect(e.advanceWatermark(200_000)).toEqual([]);
    expect(e.stats().firedPanes).toBe(1);
  });

  it('orders results by window end, then the order keys first arrived in the window', () => {
    const e = make();
    for (const [ts, key] of [[61_000, 'b'], [1_000, 'z'], [62_000, 'B'], [2_000, 'a'], [63_000, 'a'], [64_000, 'b']] as const) e.add(click(ts, key));
    const fired = e.advanceWatermark(119_999);
    expect(fired.map((p) => `${p.window.start}:${p.key}`)).toEqual(['0:z', '0:a', '60000:b', '60000:B', '60000:a']);
  });

  it('keeps the window key order across a snapshot: a restored engine emits late panes in the same order', () => {
    const config = { ...base, allowedLatenessMs: 30_000, accumulationMode: 'discarding' as const };
    const run = (restore: boolean) => {
      let e = new WindowEngine(config);
      for (const key of ['x', 'm', 'a']) e.add(click(1_000, key));
      e.advanceWatermark(60_000);
      if (restore) e = WindowEngine.restore(config, JSON.parse(JSON.stringify(e.snapshot())));
      for (const key of ['a', 'm', 'x']) e.add(click(2_000, key));
      return e.advanceWatermark(61_000).map((p) => p.key);
    };
    expect(run(false)).toEqual(['x', 'm', 'a']);
    expect(run(true)).toEqual(run(false));
  });

  it('orders late panes by the window key order too, not by the order of the late updates', () => {
    const e = new WindowEngine({ ...base, allowedLatenessMs: 30_000, accumulationMode: 'discarding' as const });
    for (const key of ['x', 'm', 'a']) e.add(click(1_000, key));
    e.advanceWatermark(60_000);
    for (const key of ['a', 'x', 'n']) e.add(click(2_000, key));
    const late = e.advanceWatermark(61_000);
    expect(late.map((p) => `${p.key}:${p.pane}`)).toEqual(['x:1', 'a:1', 'n:0']);
  });

  it('includes out-of-order events that arrive before the watermark passes their window', () => {
    const e = make();
    e.add(click(70_000, 'k', 'u1'));
    e.advanceWatermark(100_000);
    e.add(click(61_000, 'k', 'u2'));
    e.advanceWatermark(110_000);
    e.add(click(60_000, 'k', 'u3'));
    const [pane] = e.advanceWatermark(119_999);
    expect(pane?.measures).toEqual({ clicks: 3, users: { count: 3, ids: ['u1', 'u2', 'u3'] } });
  });

  it('accepts an event exactly at the watermark while its window is open, and refuses it at the window max timestamp', () => {
    const e = make();
    e.add(click(60_000));
    e.advanceWatermark(90_000);
    expect(e.add(click(90_000))).toBeUndefined();
    e.advanceWatermark(119_999);
    const late = e.add(click(119_999));
    expect(late).toEqual([{ event: click(119_999), window: { start: 60_000, end: 120_000 }, reason: 'window_closed', watermark: 119_999 }]);
  });

  it('returns late events (never drops them silently) and counts them', () => {
    const e = make();
    e.add(click(5_000));
    e.advanceWatermark(59_999);
    const late = e.add(click(30_000, 'x'));
    expect(late?.[0]?.event).toEqual(click(30_000, 'x'));
    expect(late?.[0]?.reason).toBe('window_closed');
    expect(e.advanceWatermark(Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(e.stats()).toMatchObject({ lateEvents: 1, acceptedEvents: 1, firedPanes: 1, openWindows: 0, openKeys: 0 });
  });

  it('ignores a watermark that moves backwards', () => {
    const e = make();
    e.advanceWatermark(59_999);
    e.advanceWatermark(10);
    expect(e.watermark).toBe(59_999);
    expect(e.add(click(1_000))).toHaveLength(1);
  });

  it('handles negative timestamps (before the epoch)', () => {
    const e = make();
    e.add(click(-1));
    e.add(click(-60_000, 'b'));
    const fired = e.advanceWatermark(-1);
    expect(fired.map((p) => [p.key, p.window])).toEqual([
      ['home', { start: -60_000, end: 0 }],
      ['b', { start: -60_000, end: 0 }],
    ]);
  });

  it('flushes everything with an infinite watermark and stores a JSON-safe value', () => {
    const e = make();
    e.add(click(8_640_000_000_000));
    expect(e.advanceWatermark(Infinity)).toHaveLength(1);
    expect(e.watermark).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('tells whether a timestamp would be late', () => {
    const e = make();
    e.advanceWatermark(119_999);
    expect(e.isLate(119_999)).toBe(true);
    expect(e.isLate(120_000)).toBe(false);
  });

  it('reports open windows and keys', () => {
    const e = make();
    e.add(click(1, 'a'));
    e.add(click(2, 'b'));
    e.add(click(60_001, 'a'));
    expect(e.stats()).toEqual({ watermark: Number.MIN_SAFE_INTEGER, openWindows: 2, retainedWindows: 0, openKeys: 3, acceptedEvents: 3, lateEvents: 0, firedPanes: 0 });
  });
});

describe('WindowEngine: input validation', () => {
  it.each([Number.NaN, 1.5, Infinity, undefined])('refuses event timestamp %p with the key in the error', (ts) => {
    const e = make();
    const bad = { ts, key: 'page-7', user: 'u' } as unknown as Click;
    expect(() => e.add(bad)).toThrow(InvalidEventTimestampError);
    expect(() => e.add(bad)).toThrow(/"page-7"/);
  });

  it('refuses a NaN watermark', () => {
    expect(() => make().advanceWatermark(Number.NaN)).toThrow(InvalidWatermarkError);
  });

  it.each([
    [{ allowedLatenessMs: -1 }, 'allowedLatenessMs'],
    [{ allowedLatenessMs: 0.5 }, 'allowedLatenessMs'],
    [{ accumulationMode: 'retracting' }, 'accumulationMode'],
    [{ keyOf: 'key' }, 'keyOf'],
    [{ timestampOf: undefined }, 'timestampOf'],
    [{ assigner: {} }, 'assigner.assignWindows'],
    [{ aggregation: { ...countMeasure(), restoreAcc: 1 } }, 'aggregation.restoreAcc'],
  ])('rejects %p naming %s', (override, field) => {
    let error: unknown;
    try {
      new WindowEngine({ ...base, ...override } as unknown as WindowEngineConfig<Click, unknown[], unknown>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WindowConfigError);
    expect((error as WindowConfigError).field).toBe(field);
  });
});
