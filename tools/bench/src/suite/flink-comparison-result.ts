import type { RunInfo, Throughput } from './bench-result';

/** One process over the middle of a live run. */
export interface LiveUsage {
  /** CPU seconds over the measured middle interval divided by its wall seconds. */
  cores: number;
  cpuSeconds: number;
  peakRssMb: number;
  /** Records the process had taken in when the producer stopped, and when the suite stopped waiting. */
  recordsAtEnd: number;
}

export interface CatchUpSide extends Throughput {
  /** The process's whole CPU from spawn to the last record: start-up (JVM, Flink's mini-cluster) included. */
  wholeProcessCpuSeconds: number;
  /**
   * How long the read waited for the broker and ClickHouse to go quiet before it started
   * (waitForQuietStack), whether they did, and the cores other work used just before the read
   * (otherCores: absent in the first such results); absent in results from before the wait, and on
   * figures over several reads (each read has its own).
   */
  stackQuietWait?: { waitedSeconds: number; quiet: boolean; otherCores?: number };
  /**
   * When the job read the topic more than once (the sweep's two passes, the Flink comparison's
   * turns): each read, in the order run; the fields above are over all of them (combineCatchUpRuns).
   */
  runs?: CatchUpSide[];
}

/** `npm run bench -- --only flink-vs-aggregator` (bench/results/flink-<timestamp>.json). */
export interface FlinkComparisonResult extends RunInfo {
  suite: 'flink';
  partitions: number;
  seed: number;
  format: 'json';
  catchUp: { aggregator: CatchUpSide; flink: CatchUpSide; rawSink: CatchUpSide; aggregatorBaseline?: CatchUpSide; rawSinkBaseline?: CatchUpSide };
  /** The directory of the baseline builds (`--baseline`), when the run had one. */
  baseline?: string;
  live: {
    rate: number;
    seconds: number;
    /** The measured middle interval: from seconds/4 to 3*seconds/4 after the producer started. */
    measuredFromSecond: number;
    measuredSeconds: number;
    generated: number;
    aggregator: LiveUsage;
    flink: LiveUsage;
    rawSink: LiveUsage;
    aggregatorBaseline?: LiveUsage;
    rawSinkBaseline?: LiveUsage;
  };
}
