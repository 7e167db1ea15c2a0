import { MIN_WATERMARK } from '../bounds/watermark-bounds';
import { WatermarkTracker } from './watermark-tracker';

describe('WatermarkTracker: idleness', () => {
  const make = () => new WatermarkTracker({ outOfOrdernessMs: 0, idleTimeoutMs: 1_000 });

  it('without idleTimeoutMs a silent source holds the watermark forever (Flink without withIdleness)', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(0, 1_000, 0);
    t.observe(1, 50_000, 0);
    t.observe(1, 60_000, 10_000_000);
    expect(t.currentWatermark(10_000_000)).toBe(999);
    expect(t.idleSources()).toEqual([]);
  });

  it('marks a source idle once silent for exactly idleTimeoutMs, and releases the watermark', () => {
    const t = make();
    t.observe(0, 1_000, 0);
    t.observe(1, 5_000, 0);
    t.observe(1, 6_000, 500);
    expect(t.currentWatermark(999)).toBe(999);
    expect(t.idleSources()).toEqual([]);
    expect(t.currentWatermark(1_000)).toBe(5_999);
    expect(t.idleSources()).toEqual([0]);
    expect(t.activeSources()).toEqual([1]);
  });

  it('releases a watermark stalled by an assigned but empty partition', () => {
    const t = make();
    t.addSource(3, 0);
    t.observe(0, 10_000, 200);
    expect(t.currentWatermark(999)).toBe(MIN_WATERMARK);
    expect(t.currentWatermark(1_000)).toBe(9_999);
  });

  it('keeps the watermark where it is when every source is idle', () => {
    const t = make();
    t.observe(0, 10_000, 0);
    t.observe(1, 20_000, 0);
    expect(t.currentWatermark(0)).toBe(9_999);
    expect(t.currentWatermark(5_000)).toBe(9_999);
    expect(t.activeSources()).toEqual([]);
  });

  it('rejoins a source when it speaks again; behind the watermark it holds it still rather than pulling it back', () => {
    const t = make();
    t.observe(0, 1_000, 0);
    t.observe(1, 10_000, 0);
    t.observe(1, 20_000, 1_500);
    expect(t.currentWatermark(1_500)).toBe(19_999);
    expect(t.idleSources()).toEqual([0]);
    // Source 0 comes back at 5_000: behind the combined watermark, so its events there are late,
    // and the combined watermark waits for it instead of racing ahead with source 1.
    t.observe(0, 5_000, 1_600);
    t.observe(1, 40_000, 1_600);
    expect(t.activeSources()).toEqual([0, 1]);
    expect(t.currentWatermark(1_600)).toBe(19_999);
    expect(t.isBehindWatermark(5_000)).toBe(true);
    t.observe(0, 30_000, 1_700);
    expect(t.currentWatermark(1_700)).toBe(29_999);
  });

  it('measures silence from the last event, not from the last check', () => {
    const t = make();
    t.observe(0, 1_000, 0);
    t.observe(1, 9_000, 0);
    t.observe(0, 1_100, 900);
    expect(t.currentWatermark(1_000)).toBe(1_099);
    expect(t.idleSources()).toEqual([1]);
    expect(t.currentWatermark(1_899)).toBe(1_099);
    expect(t.currentWatermark(1_900)).toBe(1_099);
    expect(t.activeSources()).toEqual([]);
  });

  it('treats processing time going backwards as no time passing', () => {
    const t = make();
    t.observe(0, 1_000, 5_000);
    t.observe(1, 9_000, 5_000);
    t.observe(1, 9_100, 2_000);
    expect(t.currentWatermark(5_999)).toBe(999);
    expect(t.currentWatermark(6_000)).toBe(999);
    expect(t.activeSources()).toEqual([]);
  });
});
