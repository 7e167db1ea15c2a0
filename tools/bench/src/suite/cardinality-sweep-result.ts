import type { RunInfo, Throughput } from './bench-result';
import type { CatchUpSide } from './flink-comparison-result';

/** One level of the sweep: the producer's `--pages` / `--users` at `factor` times the defaults. */
export interface SweepLevelSpec {
  factor: number;
  pages: number;
  users: number;
}

/** What the level's topic holds, read back from ClickHouse after the raw sink wrote every event. */
export interface LevelData {
  /** Distinct user_id among the events. */
  distinctUsers: number;
  /** Distinct (minute of ts, page, country): the 1-minute windows of page + country the events open. */
  windows: number;
}

/** What the aggregator wrote to page_minute_agg in its catch-up (the table is emptied before each level). */
export interface AggregatorOutput {
  /** Distinct (window_start, page, country): the windows closed and written; the last, still open ones are not. */
  windowsWritten: number;
  /** Partial rows (one per window, key, source partition and pane) and their uncompressed bytes in ClickHouse. */
  partialRows: number;
  partialBytes: number;
}

export interface SweepLevel extends SweepLevelSpec {
  /** The machine's load average when the level's first catch-up started (other work skews a level). */
  loadAverageAtStart: number[];
  /** The producer preloading the level's topic at top speed. */
  producer: Throughput;
  data: LevelData;
  aggregatorOutput: AggregatorOutput;
  catchUp: { aggregator: CatchUpSide; flink: CatchUpSide; rawSink: CatchUpSide; aggregatorBaseline?: CatchUpSide; rawSinkBaseline?: CatchUpSide };
}

/** `npm run bench -- --only cardinality-sweep` (bench/results/cardinality-<timestamp>.json). */
export interface CardinalitySweepResult extends RunInfo {
  suite: 'cardinality';
  partitions: number;
  seed: number;
  format: 'json';
  /** Events preloaded into each level's topic (the same for every level). */
  eventsPerLevel: number;
  /** The directory of the baseline builds (`--baseline`), when the run had one. */
  baseline?: string;
  /** In ascending factor order; the first is the reference ("own 1x") of the ratios. */
  levels: SweepLevel[];
  /**
   * 'there-and-back': each level's two aggregator and two Flink reads lie in two passes over the
   * levels, the first in ascending order (aggregator, Flink, then the raw sink), the second in
   * descending order (Flink, then the aggregator); a level's figures are over both. This machine's
   * speed drifts by +-20% within minutes (shared host), and the levels' reads lie minutes apart: so
   * a steady drift over the sweep weighs on every level alike. Absent (older results): a level's
   * reads one after the other (aggregator, Flink, Flink, aggregator), the levels in ascending order.
   */
  readOrder?: 'there-and-back';
}
