import { InvalidAnomalyDetectorConfigError } from '../config/invalid-anomaly-detector-config-error';
import { InvalidObservationError } from './invalid-observation-error';
import { ZScoreAnomalyDetector } from './z-score-anomaly-detector';

const MINUTE = 60_000;

/** Feeds `values` as consecutive one-minute windows of `key`; returns what each observe said. */
function feed(detector: ZScoreAnomalyDetector, key: string, values: number[], firstWindow = 0) {
  return values.map((value, i) => detector.observe(key, firstWindow + i * MINUTE, value));
}

describe('ZScoreAnomalyDetector', () => {
  it('validates its config at construction, naming the field', () => {
    expect(() => new ZScoreAnomalyDetector({ threshold: -1 })).toThrow(InvalidAnomalyDetectorConfigError);
    expect(() => new ZScoreAnomalyDetector({ minHistory: 40 })).toThrow(/minHistory/);
  });

  it('reproduces the README worked example (48, 52, 50, 47, 53 then 60 / 57 / 58)', () => {
    const verdict = (next: number) => {
      const detector = new ZScoreAnomalyDetector();
      feed(detector, 'page:/pricing', [48, 52, 50, 47, 53]);
      return detector.observe('page:/pricing', 5 * MINUTE, next);
    };
    const at60 = verdict(60);
    expect(at60).toMatchObject({ mean: 50, historySize: 5 });
    expect(at60?.stddev).toBeCloseTo(Math.sqrt(6.5), 12);
    expect(at60?.z).toBeCloseTo(3.922, 3);
    expect(verdict(57)).toBeUndefined();
    expect(verdict(58)).toBeDefined();
  });

  describe('short history', () => {
    it('gives no verdict before minHistory windows, however large the value', () => {
      const detector = new ZScoreAnomalyDetector({ minHistory: 5 });
      expect(feed(detector, 'k', [10, 10, 10, 10, 10_000])).toEqual(Array(5).fill(undefined));
    });

    it('still adds unjudged values to the history', () => {
      const detector = new ZScoreAnomalyDetector({ minHistory: 5 });
      feed(detector, 'k', [10, 10, 10, 10, 10_000]);
      // Baseline now includes the 10,000, so 10,000 again is not 3σ above the mean of 2,008.
      expect(detector.observe('k', 5 * MINUTE, 10_000)).toBeUndefined();
    });

    it('judges from exactly minHistory earlier windows', () => {
      const detector = new ZScoreAnomalyDetector({ minHistory: 5 });
      const verdicts = feed(detector, 'k', [10, 10, 10, 10, 10, 50]);
      expect(verdicts[5]).toMatchObject({ historySize: 5, value: 50 });
    });
  });

  describe('zero variance', () => {
    const flat = [10, 10, 10, 10, 10];

    it('uses the minStdDev floor (1): a flat 10 then 50 is flagged with z = 40', () => {
      const detector = new ZScoreAnomalyDetector();
      feed(detector, 'k', flat);
      expect(detector.observe('k', 5 * MINUTE, 50)).toEqual({
        key: 'k',
        windowStart: 5 * MINUTE,
        value: 50,
        mean: 10,
        stddev: 1,
        z: 40,
        historySize: 5,
      });
    });

    it('does not flag a flat 10 followed by 10, or by 12 (z = 2)', () => {
      const detector = new ZScoreAnomalyDetector();
      feed(detector, 'k', flat);
      expect(detector.observe('k', 5 * MINUTE, 10)).toBeUndefined();
      expect(detector.observe('k', 6 * MINUTE, 12)).toBeUndefined();
    });

    it('with minStdDev 0, any change from a flat history is infinitely far out', () => {
      const detector = new ZScoreAnomalyDetector({ minStdDev: 0 });
      feed(detector, 'k', flat);
      expect(detector.observe('k', 5 * MINUTE, 10)).toBeUndefined();
      expect(detector.observe('k', 6 * MINUTE, 11)).toMatchObject({ stddev: 0, z: Number.POSITIVE_INFINITY });
    });
  });

  describe('threshold edge (inclusive: z >= threshold is an anomaly)', () => {
    it('flags z exactly 3 on the floor and not just below', () => {
      const detector = new ZScoreAnomalyDetector();
      feed(detector, 'k', [10, 10, 10, 10, 10]);
      expect(detector.observe('k', 5 * MINUTE, 12.999)).toBeUndefined();
      const exact = new ZScoreAnomalyDetector();
      feed(exact, 'k', [10, 10, 10, 10, 10]);
      expect(exact.observe('k', 5 * MINUTE, 13)).toMatchObject({ z: 3 });
    });

    it('flags z exactly 3 with a real spread (8, 12, 8, 12, 10: mean 10, stddev 2)', () => {
      const history = [8, 12, 8, 12, 10];
      const below = new ZScoreAnomalyDetector();
      feed(below, 'k', history);
      expect(below.observe('k', 5 * MINUTE, 15.999)).toBeUndefined();
      const at = new ZScoreAnomalyDetector();
      feed(at, 'k', history);
      expect(at.observe('k', 5 * MINUTE, 16)).toMatchObject({ mean: 10, stddev: 2, z: 3 });
    });

    it('honours a configured threshold', () => {
      const detector = new ZScoreAnomalyDetector({ threshold: 2 });
      feed(detector, 'k', [8, 12, 8, 12, 10]);
      expect(detector.observe('k', 5 * MINUTE, 14)).toMatchObject({ z: 2 });
    });
  });

  describe('direction', () => {
    const history = [100, 104, 96, 100, 102, 98];

    it("'up' (default) ignores a drop to zero", () => {
      const detector = new ZScoreAnomalyDetector();
      feed(detector, 'k', history);
      expect(detector.observe('k', 6 * MINUTE, 0)).toBeUndefined();
    });

    it("'both' flags the drop with a negative z", () => {
      const detector = new ZScoreAnomalyDetector({ direction: 'both' });
      feed(detector, 'k', history);
      const record = detector.observe('k', 6 * MINUTE, 0);
      expect(record?.z).toBeLessThan(-3);
    });

    it("'both' still flags spikes", () => {
      const detector = new ZScoreAnomalyDetector({ direction: 'both' });
      feed(detector, 'k', history);
      expect(detector.observe('k', 6 * MINUTE, 200)?.z).toBeGreaterThan(3);
    });
  });

  it('uses only the last historyLength windows as the baseline', () => {
    const detector = new ZScoreAnomalyDetector({ historyLength: 5 });
    // An old busy period slides out of the baseline; the last five windows are a flat 10.
    feed(detector, 'k', [500, 500, 500, 10, 10, 10, 10, 10]);
    expect(detector.observe('k', 8 * MINUTE, 50)).toMatchObject({ mean: 10, historySize: 5 });
  });

  it('absorbs a sustained level shift: after enough high windows they are the new normal', () => {
    const detector = new ZScoreAnomalyDetector({ historyLength: 10 });
    feed(detector, 'k', [10, 11, 9, 10, 10, 11, 9, 10, 10, 10]);
    const verdicts = feed(detector, 'k', Array.from({ length: 10 }, () => 40), 10 * MINUTE);
    expect(verdicts[0]).toBeDefined();
    expect(verdicts[9]).toBeUndefined();
  });

  it('keeps keys independent', () => {
    const detector = new ZScoreAnomalyDetector();
    feed(detector, 'quiet', [10, 10, 10, 10, 10]);
    feed(detector, 'busy', [1000, 1010, 990, 1000, 1005]);
    expect(detector.observe('busy', 5 * MINUTE, 50)).toBeUndefined();
    expect(detector.observe('quiet', 5 * MINUTE, 50)).toMatchObject({ key: 'quiet' });
    expect(detector.keyCount).toBe(2);
  });

  describe('window order', () => {
    it('treats the same window start again as a re-firing: replaces the value, same baseline', () => {
      const detector = new ZScoreAnomalyDetector({ historyLength: 5 });
      feed(detector, 'k', [10, 10, 10, 10, 10, 10]);
      expect(detector.observe('k', 6 * MINUTE, 12)).toBeUndefined();
      // Late clicks lift window 6 to 50: judged against the same five 10s, and replaces the 12.
      expect(detector.observe('k', 6 * MINUTE, 50)).toMatchObject({ mean: 10, historySize: 5, z: 40 });
      expect(detector.snapshot().keys[0]?.[2]).toEqual([10, 10, 10, 10, 10, 50]);
    });

    it('ignores a window older than the key’s last one', () => {
      const detector = new ZScoreAnomalyDetector();
      feed(detector, 'k', [10, 10, 10, 10, 10]);
      const before = detector.snapshot();
      expect(detector.observe('k', 2 * MINUTE, 1000)).toBeUndefined();
      expect(detector.snapshot()).toEqual(before);
    });
  });

  it('refuses non-finite input with a typed error naming the key and field', () => {
    const detector = new ZScoreAnomalyDetector();
    expect(() => detector.observe('k', 0, Number.NaN)).toThrow(InvalidObservationError);
    expect(() => detector.observe('k', Number.POSITIVE_INFINITY, 1)).toThrow(
      'anomaly detector: windowStart for key "k" must be finite, got Infinity',
    );
    expect(detector.keyCount).toBe(0);
  });

  it('evicts keys idle since before a window start and reports how many', () => {
    const detector = new ZScoreAnomalyDetector();
    detector.observe('old', 0, 1);
    detector.observe('recent', 10 * MINUTE, 1);
    detector.observe('edge', 5 * MINUTE, 1);
    expect(detector.evictBefore(5 * MINUTE)).toBe(1);
    expect(detector.snapshot().keys.map(([key]) => key)).toEqual(['recent', 'edge']);
  });
});
