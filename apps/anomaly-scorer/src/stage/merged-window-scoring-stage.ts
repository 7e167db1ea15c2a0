import { WindowSeriesScorer, type Anomaly, type AnomalyScorerConfig } from '@clickstream/anomaly';
import type { AnomalyRow, MergedTotalsStore, PartitionSource, WindowTotal } from './merged-totals-store';

/** Country of page-level keys and rows: all countries together. */
export const ALL_COUNTRIES = '*';
const SEPARATOR = '\t';

export interface ScoringStageOptions {
  readonly topic: string;
  readonly allowedLatenessMs: number;
  /** On the very first start (no progress row), also score this many final windows from before. */
  readonly backfillWindows: number;
  /** Bounds one step's work (and memory), so a long backlog is scored in slices. */
  readonly maxWindowsPerStep: number;
  readonly scorer: AnomalyScorerConfig;
}

export interface ScoringStageObserver {
  /** Partitions with records but no published watermark yet: nothing is final. */
  waiting(partitions: readonly number[]): void;
  scored(windowStart: number, keys: number, anomalies: readonly AnomalyRow[]): void;
}

/**
 * The second stage: scores a window once it is final, i.e. once every partition of the topic that
 * holds records has published a watermark past the window's end (+ allowed lateness), which the
 * aggregator does only after that partition's partials of the window landed. The window's merged
 * total is then the sum of all partials and can never change, so scoring is a pure function of
 * stored, final data: a replay (crash, restart, second replica) recomputes identical rows, and the
 * per-window deduplication token makes ClickHouse keep one copy. The scorer's state is rebuilt from
 * the previous final windows on start (WindowSeriesScorer depends only on its last windows), so
 * there is no state snapshot to lose; the checkpoint is the progress row written after each window.
 */
export class MergedWindowScoringStage {
  private scorer: WindowSeriesScorer | undefined;
  private lastScored: number | undefined;
  /** End of the newest window the scorer has seen, to notice a gap (the whole stream was silent). */
  private lastEnd: number | undefined;

  constructor(
    private readonly store: MergedTotalsStore,
    private readonly partitions: PartitionSource,
    private readonly options: ScoringStageOptions,
    private readonly observer: ScoringStageObserver,
  ) {}

  /** Start of the newest window scored by this stage or found in its checkpoint. */
  get lastScoredWindow(): number | undefined {
    return this.lastScored;
  }

  /**
   * Scores every window that became final since the last step (up to `maxWindowsPerStep`), oldest
   * first, each written before the next is read. Returns how many it scored. `shouldStop` is asked
   * between windows (graceful shutdown finishes the window in hand). On an error the in-memory
   * scorer is dropped and re-primed from the store at the next step: the failed window is retried
   * from the same final inputs.
   */
  async step(shouldStop: () => boolean = () => false): Promise<number> {
    try {
      return await this.scoreFinalWindows(shouldStop);
    } catch (err) {
      this.scorer = undefined;
      throw err;
    }
  }

  private async scoreFinalWindows(shouldStop: () => boolean): Promise<number> {
    const maxEnd = await this.finalBound();
    if (maxEnd === undefined) return 0;
    if (!this.scorer) {
      const primed = await this.prime(maxEnd);
      if (!primed) return 0;
    }
    const windows = await this.store.windowStarts({ after: this.lastScored, maxEnd, limit: this.options.maxWindowsPerStep, order: 'oldest' });
    let scored = 0;
    for (const windowStart of windows) {
      if (shouldStop()) break;
      const totals = await this.store.totals(windowStart, windowStart);
      const counts = seriesCounts(totals);
      const windowEnd = totals[0]?.windowEnd ?? windowStart;
      const rows = this.observe(windowStart, windowEnd, counts).map((a) => anomalyRow(a, windowEnd));
      // (the first window of the stream or after a gap yields no rows: see observe())
      const token = `anomaly-scorer:${this.options.topic}:${windowStart}`;
      await this.store.writeAnomalies(rows, `${token}:anomalies`);
      await this.store.writeProgress({ windowStart, keysScored: counts.size, anomalies: rows.length }, `${token}:progress`);
      this.lastScored = windowStart;
      this.observer.scored(windowStart, counts.size, rows);
      scored += 1;
    }
    return scored;
  }

  /** Largest window end that is final on every partition with records, or undefined (wait). */
  private async finalBound(): Promise<number | undefined> {
    const [partitions, watermarks] = await Promise.all([this.partitions.partitionsWithData(), this.store.partitionWatermarks()]);
    if (partitions.length === 0) return undefined;
    const missing = partitions.filter((p) => !watermarks.has(p));
    if (missing.length > 0) {
      this.observer.waiting(missing);
      return undefined;
    }
    const slowest = Math.min(...partitions.map((p) => watermarks.get(p) as number));
    // The engine closes a window (start, end) for good when end - 1 + allowed lateness <= watermark.
    return slowest + 1 - this.options.allowedLatenessMs;
  }

  /** Finds where to continue and rebuilds the baselines from the windows before it. */
  private async prime(maxEnd: number): Promise<boolean> {
    let last = await this.store.lastScoredWindow();
    if (last === undefined) {
      // First start ever: continue after the newest final window, minus the backfill.
      const newest = await this.store.windowStarts({ maxEnd, limit: this.options.backfillWindows + 1, order: 'newest' });
      if (newest.length === 0) return false;
      const oldest = newest[newest.length - 1] as number;
      last = newest.length > this.options.backfillWindows ? oldest : oldest - 1;
    }
    this.scorer = new WindowSeriesScorer(this.options.scorer);
    this.lastEnd = undefined;
    // One window more than the history: the oldest fetched is handled as the start of the stream
    // (observe() does not keep it), which it either is, or it is simply older than the history.
    const history = await this.store.windowStarts({ atOrBefore: last, limit: this.scorer.config.historyLength + 1, order: 'newest' });
    if (history.length > 0) {
      const totals = await this.store.totals(history[history.length - 1] as number, last);
      for (const [windowStart, windowTotals] of byWindow(totals)) {
        this.observe(windowStart, windowTotals[0]?.windowEnd ?? windowStart, seriesCounts(windowTotals));
      }
    }
    this.lastScored = last;
    return true;
  }

  /**
   * Scores a window against the windows before it, with two exceptions for where the stream starts.
   * After a gap (windows with no data at all: the whole stream was down, e.g. the producer stopped)
   * the baselines start afresh: traffic after an outage is not judged against traffic from before
   * it, and the outage is not a drop on every key. And the stream's first window, and the first
   * after a gap, is neither scored nor kept: the stream (re)started inside it, so it holds only
   * part of a window's traffic and would widen every baseline's spread during the warm-up (a
   * partial window plus a half-spiked one hid an 8x spike in a 4-window history). Priming replays
   * the same rules, so restarts do not change verdicts.
   */
  private observe(windowStart: number, windowEnd: number, counts: Map<string, number>) {
    const starts = this.lastEnd === undefined || windowStart > this.lastEnd;
    this.lastEnd = windowEnd;
    if (starts || !this.scorer) this.scorer = new WindowSeriesScorer(this.options.scorer);
    return starts ? [] : this.scorer.observeWindow(windowStart, counts);
  }
}

/** Page + country keys and page-level keys (country '*') with their merged clicks. */
export function seriesCounts(totals: readonly WindowTotal[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of totals) {
    counts.set(t.page + SEPARATOR + t.country, (counts.get(t.page + SEPARATOR + t.country) ?? 0) + t.clicks);
    const pageKey = t.page + SEPARATOR + ALL_COUNTRIES;
    counts.set(pageKey, (counts.get(pageKey) ?? 0) + t.clicks);
  }
  return counts;
}

function byWindow(totals: readonly WindowTotal[]): Map<number, WindowTotal[]> {
  const windows = new Map<number, WindowTotal[]>();
  for (const t of totals) {
    let list = windows.get(t.windowStart);
    if (!list) windows.set(t.windowStart, (list = []));
    list.push(t);
  }
  return new Map([...windows].sort(([a], [b]) => a - b));
}

function anomalyRow(a: Anomaly, windowEnd: number): AnomalyRow {
  const at = a.key.lastIndexOf(SEPARATOR); // countries never hold a tab; a page might
  const page = a.key.slice(0, at);
  const country = a.key.slice(at + 1);
  return {
    windowStart: a.windowStart,
    windowEnd,
    page,
    country,
    level: country === ALL_COUNTRIES ? 'page' : 'page_country',
    kind: a.kind,
    observed: a.observed,
    baseline: a.baseline,
    score: a.score,
    historySize: a.historySize,
  };
}
