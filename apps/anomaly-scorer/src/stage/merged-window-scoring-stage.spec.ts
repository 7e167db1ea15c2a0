import type { AnomalyRow, MergedTotalsStore, PartitionSource, ProgressRow, WindowStartQuery, WindowTotal } from './merged-totals-store';
import { MergedWindowScoringStage, seriesCounts, type ScoringStageOptions } from './merged-window-scoring-stage';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12);

/**
 * The store's contract in memory, including what the exactly-once argument relies on: an insert
 * whose token was seen before is dropped (insert_deduplication_token).
 */
class MemoryStore implements MergedTotalsStore {
  partials: (WindowTotal & { partition: number })[] = [];
  watermarks = new Map<number, number>();
  anomalies: AnomalyRow[] = [];
  progress: ProgressRow[] = [];
  tokens = new Set<string>();
  failNextProgress = false;

  async partitionWatermarks() {
    return new Map(this.watermarks);
  }
  async lastScoredWindow() {
    return this.progress.length === 0 ? undefined : Math.max(...this.progress.map((p) => p.windowStart));
  }
  async windowStarts(q: WindowStartQuery) {
    const starts = [...new Set(this.partials.filter((p) => (q.after === undefined || p.windowStart > q.after) && (q.atOrBefore === undefined || p.windowStart <= q.atOrBefore) && (q.maxEnd === undefined || p.windowEnd <= q.maxEnd)).map((p) => p.windowStart))];
    starts.sort((a, b) => (q.order === 'oldest' ? a - b : b - a));
    return starts.slice(0, q.limit);
  }
  async totals(from: number, to: number) {
    const merged = new Map<string, WindowTotal>();
    for (const p of this.partials.filter((x) => x.windowStart >= from && x.windowStart <= to)) {
      const key = `${p.windowStart}|${p.page}|${p.country}`;
      const before = merged.get(key);
      merged.set(key, { windowStart: p.windowStart, windowEnd: p.windowEnd, page: p.page, country: p.country, clicks: (before?.clicks ?? 0) + p.clicks });
    }
    return [...merged.values()].sort((a, b) => a.windowStart - b.windowStart);
  }
  async writeAnomalies(rows: readonly AnomalyRow[], token: string) {
    if (rows.length === 0 || this.tokens.has(token)) return;
    this.tokens.add(token);
    this.anomalies.push(...rows);
  }
  async writeProgress(row: ProgressRow, token: string) {
    if (this.failNextProgress) {
      this.failNextProgress = false;
      throw new Error('connection reset');
    }
    if (this.tokens.has(token)) return;
    this.tokens.add(token);
    this.progress.push(row);
  }

  /** Adds one partition's partial for a window (one country 'US' per page unless given). */
  add(partition: number, minute: number, clicks: Record<string, number>, country = 'US') {
    for (const [page, n] of Object.entries(clicks)) {
      this.partials.push({ partition, windowStart: T0 + minute * MINUTE, windowEnd: T0 + (minute + 1) * MINUTE, page, country, clicks: n });
    }
  }

  /** Partition `p` has closed every window up to minute `minute` (inclusive). */
  closeThrough(partition: number, minute: number) {
    this.watermarks.set(partition, T0 + (minute + 1) * MINUTE - 1);
  }
}

const twoPartitions: PartitionSource = { partitionsWithData: async () => [0, 1] };
const options: ScoringStageOptions = { topic: 'web.clicks', allowedLatenessMs: 0, backfillWindows: 60, maxWindowsPerStep: 100, scorer: {} };
const waiting: number[][] = [];
const observer = { waiting: (p: readonly number[]) => void waiting.push([...p]), scored: () => undefined };

/** 6 minutes of /home (300 per partition) and /cart, with /home x8 in minute 5 (only partition 0 sees most of it). */
function spikeStore(): MemoryStore {
  const store = new MemoryStore();
  for (let m = 0; m < 6; m++) {
    store.add(0, m, { '/home': m === 5 ? 2_100 : 300, '/cart': 40 });
    store.add(1, m, { '/home': m === 5 ? 300 : 300, '/cart': 40 });
  }
  return store;
}

describe('MergedWindowScoringStage', () => {
  it('waits until every partition with records has published a watermark', async () => {
    const store = spikeStore();
    store.closeThrough(0, 5);
    const stage = new MergedWindowScoringStage(store, twoPartitions, options, observer);
    expect(await stage.step()).toBe(0);
    expect(waiting.at(-1)).toEqual([1]);
    store.closeThrough(1, 5);
    expect(await stage.step()).toBe(6);
  });

  it('scores a window only when the slowest partition has closed it', async () => {
    const store = spikeStore();
    store.closeThrough(0, 5);
    store.closeThrough(1, 3);
    const stage = new MergedWindowScoringStage(store, twoPartitions, options, observer);
    expect(await stage.step()).toBe(4);
    expect(stage.lastScoredWindow).toBe(T0 + 3 * MINUTE);
    store.closeThrough(1, 5);
    expect(await stage.step()).toBe(2);
  });

  it('waits for the allowed lateness on top of the window end', async () => {
    const store = spikeStore();
    store.closeThrough(0, 5);
    store.closeThrough(1, 5);
    const stage = new MergedWindowScoringStage(store, twoPartitions, { ...options, allowedLatenessMs: 2 * MINUTE }, observer);
    expect(await stage.step()).toBe(4);
  });

  it('writes one row per anomalous (window, key) from the merged total: page level (country *) and page + country', async () => {
    const store = spikeStore();
    store.closeThrough(0, 5);
    store.closeThrough(1, 5);
    await new MergedWindowScoringStage(store, twoPartitions, options, observer).step();
    expect(store.anomalies).toEqual([
      expect.objectContaining({ windowStart: T0 + 5 * MINUTE, windowEnd: T0 + 6 * MINUTE, page: '/home', country: '*', level: 'page', kind: 'spike', observed: 2_400, baseline: 600 }),
      expect.objectContaining({ windowStart: T0 + 5 * MINUTE, page: '/home', country: 'US', level: 'page_country', kind: 'spike', observed: 2_400, baseline: 600 }),
    ]);
    expect(store.progress.map((p) => p.windowStart)).toEqual([0, 1, 2, 3, 4, 5].map((m) => T0 + m * MINUTE));
  });

  it('after a failure between the anomalies and the progress row, a new process rewrites the same rows under the same tokens', async () => {
    const store = spikeStore();
    store.closeThrough(0, 5);
    store.closeThrough(1, 5);
    const reference = spikeStore();
    reference.closeThrough(0, 5);
    reference.closeThrough(1, 5);
    await new MergedWindowScoringStage(reference, twoPartitions, options, observer).step();

    store.failNextProgress = true;
    const crashed = new MergedWindowScoringStage(store, twoPartitions, options, observer);
    await expect(crashed.step()).rejects.toThrow('connection reset');
    // Minute 0 had nothing to flag and its progress row failed: nothing was recorded at all.
    expect(store.progress).toEqual([]);
    await new MergedWindowScoringStage(store, twoPartitions, options, observer).step();
    expect(store.anomalies).toEqual(reference.anomalies);
    expect(store.progress).toEqual(reference.progress);
  });

  it('replays a window whose anomalies landed but whose progress row did not: ClickHouse drops the copy', async () => {
    const store = spikeStore();
    store.closeThrough(0, 4);
    store.closeThrough(1, 4);
    const stage = new MergedWindowScoringStage(store, twoPartitions, options, observer);
    await stage.step();
    store.closeThrough(0, 5);
    store.closeThrough(1, 5);
    store.failNextProgress = true;
    await expect(stage.step()).rejects.toThrow('connection reset');
    expect(store.anomalies).toHaveLength(2);
    // The same stage retries (its scorer was dropped and is primed again from the store).
    expect(await stage.step()).toBe(1);
    expect(store.anomalies).toHaveLength(2);
    expect(store.progress).toHaveLength(6);
  });

  it('restarting at any window gives the same rows as one uninterrupted run', async () => {
    const build = () => {
      const store = new MemoryStore();
      for (let m = 0; m < 45; m++) {
        if (m === 12) continue; // a gap: the whole stream silent for a minute
        const level = 200 + ((m * 37) % 50) + (m > 12 ? 100 : 0);
        store.add(0, m, { '/a': m % 9 === 8 ? level * 4 : level, '/b': m % 11 === 10 ? 10 : 120, '/c': 30 + (m % 7) });
        store.add(1, m, { '/a': level, '/b': 120, '/c': 30 });
      }
      store.closeThrough(0, 44);
      store.closeThrough(1, 44);
      return store;
    };
    const whole = build();
    await new MergedWindowScoringStage(whole, twoPartitions, { ...options, maxWindowsPerStep: 1_000 }, observer).step();
    expect(whole.anomalies.length).toBeGreaterThan(4);
    for (const stopAfter of [1, 3, 7, 29, 31, 32, 35]) {
      const store = build();
      await new MergedWindowScoringStage(store, twoPartitions, { ...options, maxWindowsPerStep: stopAfter }, observer).step();
      await new MergedWindowScoringStage(store, twoPartitions, { ...options, maxWindowsPerStep: 1_000 }, observer).step();
      expect(store.anomalies).toEqual(whole.anomalies);
    }
  });

  it('starts over with a warm-up after a gap in the stream (no drop on every key after an outage)', async () => {
    const store = new MemoryStore();
    for (let m = 0; m < 6; m++) store.add(0, m, { '/a': 600 });
    store.add(0, 6, { '/a': 100 }); // the producer stopped 10 s into minute 6
    for (let m = 20; m < 26; m++) store.add(0, m, { '/a': m === 20 ? 300 : 600 }); // restarted 30 s into minute 20
    store.closeThrough(0, 25);
    await new MergedWindowScoringStage(store, { partitionsWithData: async () => [0] }, options, observer).step();
    expect(store.anomalies.map((a) => [(a.windowStart - T0) / MINUTE, a.country, a.kind])).toEqual([
      [6, '*', 'drop'],
      [6, 'US', 'drop'],
    ]);
  });

  it('on its very first start, backfills only the newest windows', async () => {
    const store = spikeStore();
    store.closeThrough(0, 5);
    store.closeThrough(1, 5);
    expect(await new MergedWindowScoringStage(store, twoPartitions, { ...options, backfillWindows: 2 }, observer).step()).toBe(2);
    expect(store.progress.map((p) => (p.windowStart - T0) / MINUTE)).toEqual([4, 5]);
    expect(store.anomalies.map((a) => a.country)).toEqual(['*', 'US']);
  });
});

describe('seriesCounts', () => {
  it('sums partials into page + country keys and page-level keys (country *)', () => {
    const t = (page: string, country: string, clicks: number): WindowTotal => ({ windowStart: 0, windowEnd: MINUTE, page, country, clicks });
    expect(seriesCounts([t('/a', 'US', 3), t('/a', 'DE', 2), t('/a', 'US', 1)])).toEqual(
      new Map([
        ['/a\tUS', 4],
        ['/a\t*', 6],
        ['/a\tDE', 2],
      ]),
    );
  });
});
