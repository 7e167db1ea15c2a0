import { MIN_WATERMARK } from '../bounds/watermark-bounds';
import { WatermarkTracker } from './watermark-tracker';

describe('WatermarkTracker: quiet-stream advance', () => {
  it('without quietAdvance a quiet stream never closes its last window (Kafka Streams complaint)', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 10_000, idleTimeoutMs: 1_000 });
    t.observe(0, 125_000, 0);
    expect(t.currentWatermark(3_600_000)).toBe(114_999);
  });

  it('extrapolates event time with processing time once every source is silent for afterMs', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 10_000, quietAdvance: { afterMs: 5_000 } });
    t.observe(0, 120_000, 1_000_000);
    t.observe(1, 125_000, 1_000_000);
    expect(t.currentWatermark(1_004_999)).toBe(109_999);
    // 5 s quiet: 125_000 + 5_000 - 10_000 - 1
    expect(t.currentWatermark(1_005_000)).toBe(119_999);
    // The minute [60_000, 120_000) has max timestamp 119_999: closed now. [120_000, 180_000)
    // closes once 125_000 + quiet - 10_001 >= 179_999, i.e. after 65 s of quiet.
    expect(t.currentWatermark(1_065_000)).toBe(179_999);
  });

  it('uses the max over all sources, even idle or lagging ones', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0, idleTimeoutMs: 100, quietAdvance: { afterMs: 1_000 } });
    t.observe('slow', 1_000, 0);
    t.observe('fast', 50_000, 0);
    expect(t.currentWatermark(50)).toBe(999);
    expect(t.currentWatermark(999)).toBe(999);
    expect(t.idleSources()).toEqual(['slow', 'fast']);
    expect(t.currentWatermark(1_000)).toBe(50_999);
  });

  it('counts quiet from the last event on any source', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0, quietAdvance: { afterMs: 1_000 } });
    t.observe(0, 10_000, 0);
    t.observe(1, 10_000, 800);
    expect(t.currentWatermark(1_000)).toBe(9_999);
    expect(t.currentWatermark(1_800)).toBe(10_999);
  });

  it('stays monotonic when events resume behind the advanced watermark', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0, quietAdvance: { afterMs: 1_000 } });
    t.observe(0, 10_000, 0);
    expect(t.currentWatermark(60_000)).toBe(69_999);
    t.observe(0, 20_000, 60_001);
    expect(t.currentWatermark(60_001)).toBe(69_999);
    expect(t.isBehindWatermark(20_000)).toBe(true);
  });

  it('does nothing before the first event', () => {
    const t = new WatermarkTracker({ quietAdvance: { afterMs: 1 } });
    t.addSource(0, 0);
    expect(t.currentWatermark(1_000_000)).toBe(MIN_WATERMARK);
  });

  it('floors fractional processing time so the watermark stays an integer', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0, quietAdvance: { afterMs: 10 } });
    t.observe(0, 1_000, 0.25);
    expect(t.currentWatermark(20.75)).toBe(1_019);
  });
});
