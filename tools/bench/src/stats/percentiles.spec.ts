import { percentile, summarizeLatencies } from './percentiles';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it('is undefined for no values and rejects out-of-range p', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarizeLatencies', () => {
  it('gives p50, p95, p99 and max of 1..1000', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(summarizeLatencies(values)).toEqual({ count: 1000, p50: 500, p95: 950, p99: 990, max: 1000 });
  });

  it('is undefined without samples', () => {
    expect(summarizeLatencies([])).toBeUndefined();
  });
});
