import { MIN_WATERMARK } from '../bounds/watermark-bounds';
import { InvalidEventTimeError } from '../errors/invalid-event-time-error';
import { InvalidProcessingTimeError } from '../errors/invalid-processing-time-error';
import { WatermarkTracker } from './watermark-tracker';

describe('WatermarkTracker: bounded out-of-orderness', () => {
  it('starts at MIN_WATERMARK (Number.MIN_SAFE_INTEGER) before any event', () => {
    const t = new WatermarkTracker();
    expect(t.currentWatermark(0)).toBe(MIN_WATERMARK);
    expect(MIN_WATERMARK).toBe(Number.MIN_SAFE_INTEGER);
  });

  it('is max event time - bound - 1 for one source (Flink rule, exactly)', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 10_000 });
    t.observe(0, 100_000, 1);
    expect(t.currentWatermark(1)).toBe(89_999);
    expect(t.sourceWatermark(0)).toBe(89_999);
  });

  it('with a zero bound the watermark is max - 1, so an event at the max itself is not behind it', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe('p', 5_000, 0);
    expect(t.currentWatermark(0)).toBe(4_999);
    expect(t.isBehindWatermark(5_000)).toBe(false);
    expect(t.isBehindWatermark(4_999)).toBe(true);
  });

  it('does not move for out-of-order events inside the bound', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 1_000 });
    t.observe(0, 10_000, 0);
    t.observe(0, 9_500, 0);
    t.observe(0, 9_001, 0);
    expect(t.currentWatermark(0)).toBe(8_999);
  });

  it('combines sources by min', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(0, 1_000, 0);
    t.observe(1, 3_000, 0);
    expect(t.currentWatermark(0)).toBe(999);
    t.observe(0, 5_000, 0);
    expect(t.currentWatermark(0)).toBe(2_999);
    t.observe(1, 8_000, 0);
    expect(t.currentWatermark(0)).toBe(4_999);
  });

  it('finds the next min when the min-holder advances past a source it was tied with', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe('a', 1_000, 0);
    t.observe('b', 1_000, 0);
    expect(t.watermark).toBe(999);
    t.observe('a', 2_000, 0);
    t.observe('b', 1_500, 0);
    expect(t.watermark).toBe(1_499);
  });

  it('never moves backwards, even when a new source joins far behind', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(0, 10_000, 0);
    expect(t.currentWatermark(0)).toBe(9_999);
    t.observe(1, 2_000, 0);
    expect(t.currentWatermark(0)).toBe(9_999);
    t.observe(1, 20_000, 0);
    t.observe(0, 15_000, 0);
    expect(t.currentWatermark(0)).toBe(14_999);
  });

  it('lets an added source without events hold the watermark until it speaks', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.addSource(7, 0);
    t.observe(0, 10_000, 0);
    expect(t.currentWatermark(0)).toBe(MIN_WATERMARK);
    expect(t.sourceWatermark(7)).toBe(MIN_WATERMARK);
    t.observe(7, 12_000, 0);
    expect(t.currentWatermark(0)).toBe(9_999);
  });

  it('stops waiting for a removed source', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(0, 1_000, 0);
    t.observe(1, 9_000, 0);
    expect(t.currentWatermark(0)).toBe(999);
    expect(t.removeSource(0)).toBe(true);
    expect(t.removeSource(0)).toBe(false);
    expect(t.currentWatermark(0)).toBe(8_999);
    expect(t.activeSources()).toEqual([1]);
    expect(t.sourceWatermark(0)).toBeUndefined();
  });

  it('treats 1 and "1" as different sources', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(1, 100, 0);
    t.observe('1', 50, 0);
    expect(t.activeSources()).toEqual([1, '1']);
    expect(t.currentWatermark(0)).toBe(49);
  });

  it.each([Number.NaN, Infinity, 1.5, 2 ** 60])('refuses event time %p with a typed error naming the source', (ts) => {
    const t = new WatermarkTracker();
    expect(() => t.observe('p3', ts, 0)).toThrow(InvalidEventTimeError);
    expect(() => t.observe('p3', ts, 0)).toThrow(/source "p3"/);
  });

  it('refuses a non-finite processing time', () => {
    const t = new WatermarkTracker();
    expect(() => t.observe(0, 1, Number.NaN)).toThrow(InvalidProcessingTimeError);
    expect(() => t.currentWatermark(Infinity)).toThrow(/currentWatermark/);
  });
});

describe('WatermarkTracker: maxLeadMs (one event cannot move the watermark past processing time + lead)', () => {
  it('counts an event stamped beyond processing time + lead as processing time + lead', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 1_000, maxLeadMs: 60_000 });
    t.observe(0, 100_000, 100_000);
    t.observe(0, 100_000 + 50 * 60_000, 100_500); // 50 minutes ahead of the broker's clock
    expect(t.currentWatermark(100_500)).toBe(100_500 + 60_000 - 1_000 - 1);
  });

  it('leaves events within the lead, and the past, untouched', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0, maxLeadMs: 60_000 });
    t.observe(0, 150_000, 100_000);
    expect(t.watermark).toBe(149_999);
    t.observe(0, 10_000, 200_000);
    expect(t.watermark).toBe(149_999);
  });

  it('with lead 0 never runs ahead of processing time, whatever the events claim (property-like sweep)', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0, maxLeadMs: 0 });
    for (let i = 0; i < 100; i++) {
      const now = 1_000_000 + i * 1_000;
      t.observe(i % 3, now + ((i * 7919) % 10_000_000), now);
      expect(t.watermark).toBeLessThan(now);
    }
  });

  it('is unbounded without maxLeadMs (as before)', () => {
    const t = new WatermarkTracker({ outOfOrdernessMs: 0 });
    t.observe(0, 10_000_000, 0);
    expect(t.watermark).toBe(9_999_999);
  });
});
