import { SeededRandom } from '../traffic/seeded-random';
import type { TrafficProfile } from '../traffic/traffic-profile';
import { binomial, inject, poisson } from './injection';
import { runQuality } from './quality-run';
import { ALL_COUNTRIES, splitSeriesKey, windowCountsOf } from './window-counts';

const profile: TrafficProfile = {
  seed: 3, startTime: Date.UTC(2026, 0, 1, 0, 0, 42), eventsPerSecond: 50, pageCount: 20, zipfExponent: 1.1, userCount: 1_000,
  sessionContinueProbability: 0.7, jitterMs: 3_000, lateRatio: 0.01, lateMinMs: 75_000, lateMaxMs: 300_000, spike: undefined,
};

describe('windowCountsOf', () => {
  it('emits consecutive windows once each, page totals equal to the sum of their countries, late events left out', () => {
    const windows = [...windowCountsOf(profile, 6)];
    const [first, , third] = windows;
    if (!first || !third) throw new Error('expected 6 windows');
    expect(windows.map((w) => (w.windowStart - first.windowStart) / 60_000)).toEqual([0, 1, 2, 3, 4, 5]);
    const full = third.counts;
    let pages = 0;
    let countries = 0;
    for (const [key, n] of full) {
      if (splitSeriesKey(key).country === ALL_COUNTRIES) pages += n;
      else countries += n;
    }
    expect(pages).toBe(countries);
    // 50 events/s for a full minute, minus the ~1% stamped minutes late (counted in no window here).
    expect(pages).toBeGreaterThan(2_900);
    expect(pages).toBeLessThan(3_000);
    // The first window starts 42 s into its minute: partial.
    expect([...first.counts].filter(([k]) => k.endsWith(ALL_COUNTRIES)).reduce((n, [, c]) => n + c, 0)).toBeLessThan(1_000);
  });
});

describe('seeded changes', () => {
  it('poisson and binomial draws have the right means', () => {
    const random = new SeededRandom(7);
    const mean = (draw: () => number) => Array.from({ length: 4_000 }, draw).reduce((a, b) => a + b, 0) / 4_000;
    expect(mean(() => poisson(4, random))).toBeCloseTo(4, 0);
    expect(mean(() => poisson(400, random))).toBeGreaterThan(395);
    expect(mean(() => poisson(400, random))).toBeLessThan(405);
    expect(mean(() => binomial(90, 1 / 3, random))).toBeCloseTo(30, 0);
  });

  it('a spike multiplies the page and its countries; a drop thins them; the page total stays their sum', () => {
    const shares = new Map([['US', 0.5], ['DE', 0.5]]);
    const counts = new Map([['/a\tUS', 100], ['/a\tDE', 100], ['/a\t*', 200], ['/b\t*', 50]]);
    inject(counts, { page: '/a', kind: 'spike', factor: 5, expected: 200 }, shares, new SeededRandom(1));
    expect(counts.get('/a\t*')).toBe((counts.get('/a\tUS') ?? 0) + (counts.get('/a\tDE') ?? 0));
    expect(counts.get('/a\t*')).toBeGreaterThan(900);
    inject(counts, { page: '/a', kind: 'drop', factor: 10, expected: 200 }, shares, new SeededRandom(2));
    expect(counts.get('/a\t*')).toBeLessThan(150);
    expect(counts.get('/b\t*')).toBe(50);
  });
});

describe('runQuality', () => {
  it('finds seeded 10x spikes on busy pages and reports per config', () => {
    const short = { historyLength: 3, minHistory: 3 };
    const result = runQuality({ seed: 1, eventsPerSecond: 50, windows: 12, trialEvery: 3, pagesPerTrial: 20, factors: [10], configs: [short, { ...short, threshold: 1_000 }] });
    expect(result.trials).toHaveLength(3 * 20); // windows 4, 7 and 10
    const busy = result.trials.filter((t) => t.expected >= 20 && t.kind === 'spike');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((t) => t.detected[0])).toBe(true);
    expect(busy.some((t) => t.detected[1])).toBe(false);
    expect(result.judgedWindows).toEqual([12 - 4, 12 - 4]); // the partial first window, then the 3-window warm-up
  });
});
