import fc from 'fast-check';
import { WindowConfigError } from '../errors/window-config-error';
import { TumblingWindowAssigner } from './tumbling-window-assigner';
import { isSingleWindowAssigner } from './window-assigner';

describe('TumblingWindowAssigner', () => {
  const minute = new TumblingWindowAssigner();

  it('defaults to one-minute windows aligned to the epoch', () => {
    expect(minute.sizeMs).toBe(60_000);
    expect(minute.assignWindows(1_715_200_123_456)).toEqual([{ start: 1_715_200_080_000, end: 1_715_200_140_000 }]);
  });

  it('puts ts = start in [start, ...) and ts = end - 1 in the previous window', () => {
    expect(minute.windowStart(120_000)).toBe(120_000);
    expect(minute.windowStart(119_999)).toBe(60_000);
    expect(minute.windowEnd(60_000)).toBe(120_000);
  });

  it('handles zero and negative timestamps (floor, not truncation)', () => {
    expect(minute.windowStart(0)).toBe(0);
    expect(minute.windowStart(-1)).toBe(-60_000);
    expect(minute.windowStart(-60_000)).toBe(-60_000);
    expect(minute.windowStart(-60_001)).toBe(-120_000);
    expect(Object.is(minute.windowStart(-60_000), -60_000)).toBe(true);
  });

  it('shifts windows by the offset', () => {
    const a = new TumblingWindowAssigner(60_000, 15_000);
    expect(a.windowStart(15_000)).toBe(15_000);
    expect(a.windowStart(14_999)).toBe(-45_000);
    expect(new TumblingWindowAssigner(60_000, -15_000).windowStart(50_000)).toBe(45_000);
  });

  it('is recognised as a single-window assigner', () => {
    expect(isSingleWindowAssigner(minute)).toBe(true);
    expect(isSingleWindowAssigner({ assignWindows: () => [] })).toBe(false);
  });

  it('agrees with floor division for every safe timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: Number.MIN_SAFE_INTEGER + 2e7, max: Number.MAX_SAFE_INTEGER - 2e7 }), fc.nat(), (size, ts, rawOffset) => {
        const offset = rawOffset % size;
        const a = new TumblingWindowAssigner(size, offset);
        const start = a.windowStart(ts);
        expect(start <= ts && ts < start + size).toBe(true);
        expect((BigInt(start) - BigInt(offset)) % BigInt(size)).toBe(0n);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [0, 0, 'sizeMs'],
    [-60_000, 0, 'sizeMs'],
    [1.5, 0, 'sizeMs'],
    [60_000, 60_000, 'offsetMs'],
    [60_000, -60_000, 'offsetMs'],
    [60_000, 0.5, 'offsetMs'],
  ])('rejects size %p offset %p naming %s', (size, offset, field) => {
    expect(() => new TumblingWindowAssigner(size, offset)).toThrow(WindowConfigError);
    expect(() => new TumblingWindowAssigner(size, offset)).toThrow(new RegExp(`^Invalid window config: ${field}`));
  });
});
