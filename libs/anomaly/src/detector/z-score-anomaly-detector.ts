import {
  type AnomalyDetectorConfig,
  type ResolvedAnomalyDetectorConfig,
  resolveAnomalyDetectorConfig,
} from '../config/anomaly-detector-config';
import { KeyHistory } from '../history/key-history';
import { isAnomalousZ, zScore } from '../scoring/z-score';
import type { AnomalyDetectorSnapshot, KeySnapshot } from '../snapshot/anomaly-detector-snapshot';
import { checkAnomalyDetectorSnapshot } from '../snapshot/check-anomaly-detector-snapshot';
import type { AnomalyRecord } from './anomaly-record';
import { InvalidObservationError } from './invalid-observation-error';

/**
 * Flags a key's window value that is `threshold` or more standard deviations above (or, with
 * `direction: 'both'`, away from) the mean of that key's previous `historyLength` windows.
 * Rules and a worked example: libs/anomaly/README.md.
 *
 * Gaps: the detector only sees the windows it is given. A window with no clicks is not a 0 in
 * the history unless the caller passes 0; the baseline is "the last N windows that had data".
 */
export class ZScoreAnomalyDetector {
  readonly config: ResolvedAnomalyDetectorConfig;
  private readonly histories = new Map<string, KeyHistory>();

  constructor(config?: AnomalyDetectorConfig) {
    this.config = resolveAnomalyDetectorConfig(config);
  }

  get keyCount(): number {
    return this.histories.size;
  }

  /**
   * Scores `value` against the key's history before it, then appends it. Returns a record only
   * for an anomaly. With fewer than `minHistory` earlier windows there is no verdict (never an
   * anomaly) but the value still joins the history. A window start equal to the key's last one
   * is a re-firing (late data updated the count): it replaces that window's value and is judged
   * against the same baseline. An earlier window start is stale and ignored.
   */
  observe(key: string, windowStart: number, value: number): AnomalyRecord | undefined {
    if (!Number.isFinite(windowStart)) throw new InvalidObservationError(key, 'windowStart', windowStart);
    if (!Number.isFinite(value)) throw new InvalidObservationError(key, 'value', value);

    let history = this.histories.get(key);
    if (history === undefined) {
      history = new KeyHistory(this.config.historyLength, windowStart);
      this.histories.set(key, history);
    } else if (windowStart < history.lastWindowStart) {
      return undefined;
    } else if (windowStart === history.lastWindowStart) {
      history.dropNewest();
    }

    const record = this.score(history, key, windowStart, value);
    history.push(value);
    history.lastWindowStart = windowStart;
    return record;
  }

  /** Forgets keys whose last window started before `windowStart`; returns how many. */
  evictBefore(windowStart: number): number {
    let evicted = 0;
    for (const [key, history] of this.histories) {
      if (history.lastWindowStart < windowStart) {
        this.histories.delete(key);
        evicted += 1;
      }
    }
    return evicted;
  }

  snapshot(): AnomalyDetectorSnapshot {
    const keys: KeySnapshot[] = [];
    for (const [key, history] of this.histories) keys.push([key, history.lastWindowStart, history.toArray()]);
    return { format: 1, keys };
  }

  /**
   * Rebuilds a detector from `snapshot` (checked first). With a smaller `historyLength` than the
   * snapshot was taken with, only the newest values are kept.
   */
  static restore(config: AnomalyDetectorConfig | undefined, snapshot: AnomalyDetectorSnapshot): ZScoreAnomalyDetector {
    const detector = new ZScoreAnomalyDetector(config);
    for (const [key, lastWindowStart, values] of checkAnomalyDetectorSnapshot(snapshot).keys) {
      const history = new KeyHistory(detector.config.historyLength, lastWindowStart);
      for (const value of values) history.push(value);
      detector.histories.set(key, history);
    }
    return detector;
  }

  private score(history: KeyHistory, key: string, windowStart: number, value: number): AnomalyRecord | undefined {
    const historySize = history.baselineSize;
    if (historySize < this.config.minHistory) return undefined;
    const mean = history.mean();
    // Counts are Poisson-ish: a flat history (stddev 0) must not make every change infinitely
    // surprising, nor hide a jump. The floor keeps 10 -> 10 quiet and flags 10 -> 50.
    const stddev = Math.max(history.sampleStdDev(mean), this.config.minStdDev);
    const z = zScore(value, mean, stddev);
    if (!isAnomalousZ(z, this.config.threshold, this.config.direction)) return undefined;
    return { key, windowStart, value, mean, stddev, z, historySize };
  }
}
