/** One (window, page, country) merged over every partition's partials. */
export interface WindowTotal {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly page: string;
  readonly country: string;
  readonly clicks: number;
}

/** A row of rt.anomalies. `country` is '*' on page-level rows. */
export interface AnomalyRow {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly page: string;
  readonly country: string;
  readonly level: 'page' | 'page_country';
  readonly kind: 'spike' | 'drop';
  readonly observed: number;
  readonly baseline: number;
  readonly score: number;
  readonly historySize: number;
}

export interface ProgressRow {
  readonly windowStart: number;
  readonly keysScored: number;
  readonly anomalies: number;
}

export interface WindowStartQuery {
  /** Only windows starting after this (exclusive). */
  readonly after?: number;
  /** Only windows starting at or before this. */
  readonly atOrBefore?: number;
  /** Only windows whose end is at or before this (final ones). */
  readonly maxEnd?: number;
  readonly limit: number;
  readonly order: 'oldest' | 'newest';
}

/** What the scoring stage reads and writes; the ClickHouse adapter implements it for one topic. */
export interface MergedTotalsStore {
  /** Newest published watermark per partition (rt.partition_watermarks). */
  partitionWatermarks(): Promise<Map<number, number>>;
  /** Start of the newest window scored so far (rt.anomaly_scorer_progress), if any. */
  lastScoredWindow(): Promise<number | undefined>;
  /** Distinct window starts that have partials, filtered and ordered as asked. */
  windowStarts(query: WindowStartQuery): Promise<number[]>;
  /** Merged totals of the windows starting in [from, to], ordered by window start. */
  totals(from: number, to: number): Promise<WindowTotal[]>;
  /** Idempotent under `token` (insert_deduplication_token). */
  writeAnomalies(rows: readonly AnomalyRow[], token: string): Promise<void>;
  writeProgress(row: ProgressRow, token: string): Promise<void>;
}

/** The partitions of the topic that hold records: the ones whose watermark a window must wait for. */
export interface PartitionSource {
  partitionsWithData(): Promise<number[]>;
}
