import fc from 'fast-check';
import { InvalidWindowError } from './invalid-window-error';
import { WindowSeriesScorer, type Anomaly } from './window-series-scorer';

const MINUTE = 60_000;
const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

/** A seeded Poisson sampler (Knuth below 60, rounded normal above), enough for test traffic. */
function poissonSampler(seed: number) {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4_294_967_296;
  };
  return (mean: number): number => {
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = uniform(); p > limit; p *= uniform()) k += 1;
    return k;
  };
}

describe('WindowSeriesScorer', () => {
  it('gives no verdict during the warm-up, then judges from exactly minHistory windows', () => {
    const scorer = new WindowSeriesScorer();
    const verdicts = [600, 610, 590, 2_400].map((n, i) => scorer.observeWindow(i * MINUTE, counts({ '/product/1': n })));
    expect(verdicts.slice(0, 3)).toEqual([[], [], []]);
    expect(verdicts[3]).toEqual([expect.objectContaining({ key: '/product/1', kind: 'spike', observed: 2_400, baseline: 600, historySize: 3 })]);
  });

  it('counts a key missing from a window as 0: a busy page that goes silent is a drop', () => {
    const scorer = new WindowSeriesScorer();
    for (let i = 0; i < 5; i++) scorer.observeWindow(i * MINUTE, counts({ '/cart': 300, '/': 900 }));
    expect(scorer.observeWindow(5 * MINUTE, counts({ '/': 905 }))).toEqual([
      expect.objectContaining({ key: '/cart', kind: 'drop', observed: 0, baseline: 300 }),
    ]);
  });

  it('treats a key that appears after the warm-up as coming from 0, subject to the minimum volume', () => {
    const scorer = new WindowSeriesScorer();
    for (let i = 0; i < 5; i++) scorer.observeWindow(i * MINUTE, counts({ '/': 900 }));
    const verdicts = scorer.observeWindow(5 * MINUTE, counts({ '/': 900, '/new': 150, '/tiny': 8 }));
    expect(verdicts.map((a) => [a.key, a.kind])).toEqual([['/new', 'spike']]);
  });

  it('forgets keys that were 0 in every window of the span', () => {
    const scorer = new WindowSeriesScorer({ historyLength: 3, minHistory: 1 });
    scorer.observeWindow(0, counts({ a: 5, b: 5 }));
    for (let i = 1; i <= 3; i++) scorer.observeWindow(i * MINUTE, counts({ a: 5 }));
    expect(scorer.keyCount).toBe(1);
  });

  it('returns anomalies sorted by key', () => {
    const scorer = new WindowSeriesScorer();
    for (let i = 0; i < 3; i++) scorer.observeWindow(i * MINUTE, counts({ z: 100, a: 100, m: 100 }));
    expect(scorer.observeWindow(3 * MINUTE, counts({ z: 900, a: 900, m: 900 })).map((a) => a.key)).toEqual(['a', 'm', 'z']);
  });

  it('refuses windows out of order or repeated, and counts that are not counts', () => {
    const scorer = new WindowSeriesScorer();
    scorer.observeWindow(MINUTE, counts({ a: 1 }));
    expect(() => scorer.observeWindow(MINUTE, counts({ a: 1 }))).toThrow(InvalidWindowError);
    expect(() => scorer.observeWindow(0, counts({ a: 1 }))).toThrow(InvalidWindowError);
    expect(() => scorer.observeWindow(2 * MINUTE, counts({ a: -1 }))).toThrow(InvalidWindowError);
    expect(() => scorer.observeWindow(3 * MINUTE, counts({ a: Number.NaN }))).toThrow(InvalidWindowError);
  });

  it('a fresh scorer fed the last historyLength windows continues exactly like one that never stopped (property)', () => {
    const window = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof(fc.nat({ max: 30 }), fc.nat({ max: 3_000 })), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(window, { minLength: 1, maxLength: 40 }), fc.nat(), (historyLength, windows, cut) => {
        const config = { historyLength, minHistory: 1, minVolume: 0 };
        const split = cut % windows.length;
        const uninterrupted = new WindowSeriesScorer(config);
        const expected: Anomaly[][] = windows.map((w, i) => uninterrupted.observeWindow(i * MINUTE, counts(w)));
        const restarted = new WindowSeriesScorer(config);
        for (let i = Math.max(0, split - historyLength); i < split; i++) restarted.observeWindow(i * MINUTE, counts(windows[i] ?? {}));
        const resumed = windows.slice(split).map((w, j) => restarted.observeWindow((split + j) * MINUTE, counts(w)));
        expect(resumed).toEqual(expected.slice(split));
        expect(restarted.keyCount).toBe(uninterrupted.keyCount);
      }),
      { numRuns: 300 },
    );
  });

  it('on Poisson traffic: quiet for 300 windows of 300 keys, and flags 3x spikes and drops on keys with 50+ per window', () => {
    const draw = poissonSampler(42);
    const means = Array.from({ length: 300 }, (_, k) => 2 + 3_000 / (k + 1)); // Zipf-like, 2 to 3,002 per window
    const scorer = new WindowSeriesScorer();
    let falsePositives = 0;
    for (let w = 0; w < 300; w++) {
      falsePositives += scorer.observeWindow(w * MINUTE, new Map(means.map((m, k) => [`k${k}`, draw(m)]))).length;
    }
    expect(falsePositives).toBe(0);
    const busy = means.map((m, k) => [m, k] as const).filter(([m]) => m >= 50);
    const spiked = new Map(means.map((m, k) => [`k${k}`, draw(m >= 50 && k % 2 === 0 ? 3 * m : m >= 50 ? m / 3 : m)]));
    const verdicts = scorer.observeWindow(300 * MINUTE, spiked);
    expect(verdicts.map((a) => a.key).sort()).toEqual(busy.map(([, k]) => `k${k}`).sort());
    expect(verdicts.every((a) => a.kind === (Number(a.key.slice(1)) % 2 === 0 ? 'spike' : 'drop'))).toBe(true);
  });
});
