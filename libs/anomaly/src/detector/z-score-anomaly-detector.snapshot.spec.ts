import fc from 'fast-check';
import type { AnomalyDetectorConfig } from '../config/anomaly-detector-config';
import type { AnomalyDetectorSnapshot } from '../snapshot/anomaly-detector-snapshot';
import { InvalidAnomalySnapshotError } from '../snapshot/invalid-anomaly-snapshot-error';
import { ZScoreAnomalyDetector } from './z-score-anomaly-detector';

type Observation = readonly [key: string, windowStart: number, value: number];

const MINUTE = 60_000;

/** Through JSON, as a checkpoint store would carry it. */
function viaJson(snapshot: AnomalyDetectorSnapshot): AnomalyDetectorSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as AnomalyDetectorSnapshot;
}

function run(detector: ZScoreAnomalyDetector, observations: readonly Observation[]) {
  return observations.map(([key, windowStart, value]) => detector.observe(key, windowStart, value));
}

describe('ZScoreAnomalyDetector snapshot / restore', () => {
  it('snapshots compactly: one [key, lastWindowStart, values] tuple per key', () => {
    const detector = new ZScoreAnomalyDetector({ historyLength: 3, minHistory: 2 });
    run(detector, [
      ['a', 0, 1],
      ['a', MINUTE, 2],
      ['b', MINUTE, 7],
    ]);
    expect(detector.snapshot()).toEqual({
      format: 1,
      keys: [
        ['a', MINUTE, [1, 2]],
        ['b', MINUTE, [7]],
      ],
    });
  });

  it('restores to a detector that continues exactly like the uninterrupted one', () => {
    const config = { historyLength: 5, minHistory: 3 };
    const observations: Observation[] = [10, 12, 9, 11, 10, 10, 60, 11, 10, 70].map((value, i) => [
      'page:/home',
      i * MINUTE,
      value,
    ]);
    const uninterrupted = new ZScoreAnomalyDetector(config);
    const expected = run(uninterrupted, observations);

    const first = new ZScoreAnomalyDetector(config);
    run(first, observations.slice(0, 6));
    const restored = ZScoreAnomalyDetector.restore(config, viaJson(first.snapshot()));
    expect(run(restored, observations.slice(6))).toEqual(expected.slice(6));
    // 60 is flagged; 70 is not, because the 60 joined the baseline (mean 20.2, stddev ~22).
    expect(expected.slice(6).filter(Boolean)).toMatchObject([{ value: 60 }]);
    expect(restored.snapshot()).toEqual(uninterrupted.snapshot());
  });

  it('restore-then-continue equals uninterrupted for any observation sequence (property)', () => {
    const observation = fc.tuple(
      fc.constantFrom('a', 'b', 'c'),
      fc.integer({ min: 0, max: 40 }).map((minute) => minute * MINUTE),
      fc.oneof(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
      ),
    );
    const config: fc.Arbitrary<AnomalyDetectorConfig> = fc.record({
      historyLength: fc.integer({ min: 2, max: 8 }),
      minHistory: fc.constant(2),
      threshold: fc.constantFrom(1, 2, 3),
      minStdDev: fc.constantFrom(0, 1),
      direction: fc.constantFrom('up' as const, 'both' as const),
    });
    fc.assert(
      fc.property(config, fc.array(observation, { maxLength: 80 }), fc.nat(), (cfg, observations, cut) => {
        // Window starts mostly ascend per key, with repeats (re-firings) and stale ones mixed in.
        const split = observations.length === 0 ? 0 : cut % (observations.length + 1);
        const uninterrupted = new ZScoreAnomalyDetector(cfg);
        const expected = run(uninterrupted, observations);

        const first = new ZScoreAnomalyDetector(cfg);
        run(first, observations.slice(0, split));
        const restored = ZScoreAnomalyDetector.restore(cfg, viaJson(first.snapshot()));
        expect(run(restored, observations.slice(split))).toEqual(expected.slice(split));
        expect(restored.snapshot()).toEqual(uninterrupted.snapshot());
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only the newest values when restored with a shorter history', () => {
    const long = new ZScoreAnomalyDetector({ historyLength: 10 });
    run(long, [1, 2, 3, 4, 5, 6, 7, 8].map((value, i): Observation => ['k', i * MINUTE, value]));
    const short = ZScoreAnomalyDetector.restore({ historyLength: 3, minHistory: 2 }, long.snapshot());
    expect(short.snapshot().keys[0]?.[2]).toEqual([5, 6, 7, 8]);
  });

  it('refuses a malformed snapshot with a typed error', () => {
    const broken = { format: 1, keys: [['k', 0, ['x']]] } as unknown as AnomalyDetectorSnapshot;
    expect(() => ZScoreAnomalyDetector.restore(undefined, broken)).toThrow(InvalidAnomalySnapshotError);
  });
});
