import { resolveAnomalyScorerConfig, type AnomalyScorerConfig, type ResolvedAnomalyScorerConfig } from '../config/anomaly-scorer-config';
import { anomalyKindOf, type AnomalyKind } from '../scoring/anomaly-verdict';
import { scoreCount } from '../scoring/count-score';
import { InvalidWindowError } from './invalid-window-error';

/** One anomalous (window, key). */
export interface Anomaly {
  readonly key: string;
  readonly windowStart: number;
  readonly kind: AnomalyKind;
  readonly observed: number;
  /** Median count of the key's earlier windows. */
  readonly baseline: number;
  /** Robust z on the Anscombe scale (see `scoreCount`); negative for drops. */
  readonly score: number;
  /** Earlier windows the baseline came from. */
  readonly historySize: number;
}

/**
 * Scores complete windows of a series of keyed counts, one window at a time in ascending order.
 *
 * A key missing from a window counts 0 in it (a page that stops getting clicks is a drop), and a key
 * that appears later has 0 in the windows before it. The state is exactly the last `historyLength`
 * windows (keys that were 0 in all of them are forgotten), so feeding the same last windows to a
 * fresh scorer rebuilds the same state: a restarted scorer primes itself from the stored totals
 * instead of a snapshot, and then reaches the same verdicts as one that never stopped.
 */
export class WindowSeriesScorer {
  readonly config: ResolvedAnomalyScorerConfig;
  /** Per key, its counts in the last windows; slot `i` of every key is the same window. */
  private readonly histories = new Map<string, Float64Array>();
  private nextSlot = 0;
  private windowsSeen = 0;
  private lastWindowStart = Number.NEGATIVE_INFINITY;

  constructor(config: AnomalyScorerConfig = {}) {
    this.config = resolveAnomalyScorerConfig(config);
  }

  /** Windows the baselines currently span (up to `historyLength`). */
  get historySize(): number {
    return this.windowsSeen;
  }

  /** Keys with a non-zero count in the span. */
  get keyCount(): number {
    return this.histories.size;
  }

  /**
   * Scores every key of the window against its earlier windows, then adds the window to the
   * history. Returns the anomalies sorted by key (deterministic output for deterministic input).
   */
  observeWindow(windowStart: number, counts: ReadonlyMap<string, number>): Anomaly[] {
    if (!Number.isFinite(windowStart) || windowStart <= this.lastWindowStart) {
      throw new InvalidWindowError(`window ${windowStart} does not come after ${this.lastWindowStart}: windows are scored once each, in order`);
    }
    for (const [key, count] of counts) {
      if (!Number.isFinite(count) || count < 0) throw new InvalidWindowError(`count of key ${JSON.stringify(key)} must be a finite number >= 0, got ${count}`);
      if (!this.histories.has(key)) this.histories.set(key, new Float64Array(this.config.historyLength));
    }
    this.lastWindowStart = windowStart;
    const anomalies: Anomaly[] = [];
    const n = this.windowsSeen;
    const slot = this.nextSlot;
    for (const [key, history] of this.histories) {
      const observed = counts.get(key) ?? 0;
      if (n > 0 && n >= this.config.minHistory) {
        // Slots 0..n-1 hold the last n windows (in ring order; the median does not care).
        const s = scoreCount(history.subarray(0, n), observed);
        const kind = anomalyKindOf(s, this.config);
        if (kind) anomalies.push({ key, windowStart, kind, observed, baseline: s.baseline, score: s.score, historySize: n });
      }
      history[slot] = observed;
      if (observed === 0 && history.every((v) => v === 0)) this.histories.delete(key);
    }
    this.nextSlot = slot + 1 === this.config.historyLength ? 0 : slot + 1;
    this.windowsSeen = Math.min(n + 1, this.config.historyLength);
    return anomalies.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
