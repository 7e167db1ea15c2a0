import fc from 'fast-check';
import { anscombe, scoreCount } from './count-score';

describe('scoreCount', () => {
  it('takes the median as the baseline, unmoved by one past spike', () => {
    const s = scoreCount([100, 104, 5_000, 98, 101], 102);
    expect(s.baseline).toBe(101);
    expect(Math.abs(s.score)).toBeLessThan(1);
  });

  it('calls 8 clicks against a usual 2-4 noise (the issue: z = 4.7 under the old mean/stddev rule)', () => {
    expect(scoreCount([3, 2, 4, 2, 3, 3, 2, 4], 8).score).toBeLessThan(3);
  });

  it('calls a 4x jump on a busy page far out, and a fall to a third as far the other way', () => {
    const history = [580, 610, 595, 620, 600];
    expect(scoreCount(history, 2_400).score).toBeGreaterThan(30);
    expect(scoreCount(history, 200).score).toBeLessThan(-15);
  });

  it('never takes the spread below Poisson noise, widened for short histories', () => {
    const flat = scoreCount([50, 50, 50], 50);
    expect(flat.spread).toBeCloseTo(Math.sqrt(1 + Math.PI / 6), 12);
    expect(flat.score).toBe(0);
    expect(scoreCount(Array(30).fill(50), 50).spread).toBeCloseTo(Math.sqrt(1 + Math.PI / 60), 12);
  });

  it('uses the MAD when the history varies more than Poisson', () => {
    // Minutes between 100 and 400: far more spread than Poisson noise (1 on this scale).
    const s = scoreCount([100, 180, 250, 320, 400, 150, 350], 400);
    expect(s.spread).toBeGreaterThan(5);
    expect(s.score).toBeLessThan(3);
  });

  it('scores on the Anscombe scale: (a(x) - a(median)) / spread', () => {
    const s = scoreCount([10, 10, 10, 10, 10], 30);
    expect(s.score).toBeCloseTo((anscombe(30) - anscombe(10)) / s.spread, 12);
  });

  it('is monotone in the observed count and ignores the order of the history (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5_000 }), { minLength: 1, maxLength: 40 }), fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (history, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(scoreCount(history, lo).score).toBeLessThanOrEqual(scoreCount(history, hi).score);
        const reversed = scoreCount([...history].reverse(), a);
        expect(reversed).toEqual(scoreCount(history, a));
      }),
      { numRuns: 300 },
    );
  });
});
