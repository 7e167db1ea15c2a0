import { WatermarkSnapshotError } from '../errors/watermark-snapshot-error';
import { WatermarkTracker } from '../tracker/watermark-tracker';
import type { WatermarkTrackerConfig } from '../config/watermark-tracker-config';

const config: WatermarkTrackerConfig = { outOfOrdernessMs: 1_000, idleTimeoutMs: 500, quietAdvance: { afterMs: 2_000 } };

function roundTrip(t: WatermarkTracker): WatermarkTracker {
  return WatermarkTracker.restore(config, JSON.parse(JSON.stringify(t.snapshot())));
}

describe('WatermarkTracker snapshot/restore', () => {
  it('round-trips a fresh tracker', () => {
    const t = new WatermarkTracker(config);
    const r = roundTrip(t);
    expect(r.snapshot()).toEqual(t.snapshot());
    expect(r.currentWatermark(0)).toBe(t.currentWatermark(0));
  });

  it('keeps sources, idleness, source types and the combined watermark', () => {
    const t = new WatermarkTracker(config);
    t.addSource('empty', 0);
    t.observe(0, 10_000, 0);
    t.observe('1', 20_000, 400);
    expect(t.currentWatermark(600)).toBe(18_999);
    const r = roundTrip(t);
    expect(r.idleSources()).toEqual(['empty', 0]);
    expect(r.activeSources()).toEqual(['1']);
    expect(r.watermark).toBe(18_999);
    expect(r.sourceWatermark('empty')).toBe(t.sourceWatermark('empty'));
    expect(r.snapshot()).toEqual(t.snapshot());
  });

  it('continues exactly like the uninterrupted tracker', () => {
    const ops = (t: WatermarkTracker, from: number, to: number, out: number[]) => {
      for (let i = from; i < to; i++) {
        t.observe(i % 3, 1_000 * i + (i % 4) * 300, i * 250);
        out.push(t.currentWatermark(i * 250 + 100));
      }
    };
    const straight = new WatermarkTracker(config);
    const expected: number[] = [];
    ops(straight, 0, 40, expected);
    expected.push(straight.currentWatermark(10_000 + 9_000));

    const first = new WatermarkTracker(config);
    const actual: number[] = [];
    ops(first, 0, 17, actual);
    const resumed = roundTrip(first);
    ops(resumed, 17, 40, actual);
    actual.push(resumed.currentWatermark(10_000 + 9_000));
    expect(actual).toEqual(expected);
  });

  it('keeps the watermark monotonic across a restore under a larger bound', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(0, 10_000, 0);
    expect(t.currentWatermark(0)).toBe(9_999);
    const r = WatermarkTracker.restore({ outOfOrdernessMs: 5_000 }, t.snapshot());
    expect(r.currentWatermark(0)).toBe(9_999);
    r.observe(0, 16_000, 0);
    expect(r.currentWatermark(0)).toBe(10_999);
  });

  it.each([
    [null, '$'],
    [{ format: 'other' }, '$.format'],
    [{ format: 'clickstream.watermark.v1', sources: {} }, '$.sources.ids'],
    [
      {
        format: 'clickstream.watermark.v1',
        watermark: 1,
        maxEventTs: null,
        lastEventAt: null,
        processingTime: null,
        sources: { ids: [0, 1], maxEventTs: [null], lastActivity: [0, 0], idle: [false, false] },
      },
      '$.sources.maxEventTs',
    ],
    [
      {
        format: 'clickstream.watermark.v1',
        watermark: 1.5,
        maxEventTs: null,
        lastEventAt: null,
        processingTime: null,
        sources: { ids: [], maxEventTs: [], lastActivity: [], idle: [] },
      },
      '$.watermark',
    ],
    [
      {
        format: 'clickstream.watermark.v1',
        watermark: 1,
        maxEventTs: null,
        lastEventAt: null,
        processingTime: null,
        sources: { ids: [0, 0], maxEventTs: [null, null], lastActivity: [0, 0], idle: [false, false] },
      },
      '$.sources.ids',
    ],
  ])('rejects a malformed snapshot %j at %s', (snapshot, path) => {
    let error: unknown;
    try {
      WatermarkTracker.restore({}, snapshot);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WatermarkSnapshotError);
    expect((error as WatermarkSnapshotError).path).toBe(path);
  });
});
