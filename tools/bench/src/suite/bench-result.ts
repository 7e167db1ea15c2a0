/** The machine-readable result of one `npm run bench` (bench/results/pipeline-<timestamp>.json). */

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
}

/** CPU the stack's Kafka broker and ClickHouse server spent during a measured interval. */
export interface StackCpu {
  kafkaCpuSeconds: number;
  clickhouseCpuSeconds: number;
}

/** An app working through a known number of events, measured from /proc and its metrics. */
export interface Throughput extends StackCpu {
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  /** The app process's own user + sys CPU over the interval. */
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  peakRssMb: number;
}

export interface RateAccuracy {
  askedRate: number;
  durationSeconds: number;
  achievedRate: number;
  /** (achieved - asked) / asked, in percent. */
  errorPercent: number;
  cpuSeconds: number;
  peakRssMb: number;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Freshness extends StackCpu {
  rate: number;
  durationSeconds: number;
  achievedRate: number;
  /** Produce time (event ts, jitter off) to ingested_at of the row in clicks_raw, ms. */
  rawRowVisibleMs: Latency | null;
  /** Watermark passing a window's end to the window's rows in page_minute_agg (flushed_at), ms. */
  windowVisibleMs: Latency | null;
  windowsClosed: number;
  aggregator: { cpuSeconds: number; peakRssMb: number };
  rawSink: { cpuSeconds: number; peakRssMb: number };
}

export interface CheckpointAtKeys {
  /** Distinct page x country keys sent into one open window. */
  openKeys: number;
  events: number;
  /** Checkpointed flushes of the partitions while they held all keys (one per partition and interval). */
  flushes: number;
  /** Mean and bucket bound of a flush: announce + writes + checkpoint commit (stream_flush_duration_seconds). */
  meanFlushMs: number | null;
  maxFlushMsBound: number | null;
  /** Mean serialized state per partition checkpoint, and that times the partitions (keys spread evenly by event id). */
  meanCheckpointBytes: number | null;
  checkpointBytesAllPartitions: number | null;
  partitions: number;
  peakRssMb: number;
  /** VmRSS once the checkpoints were taken: what holding the keys costs after the catch-up's peak. */
  rssAfterMb?: number;
}

export interface Restart {
  sessionTimeoutMs: number;
  trafficRate: number;
  /** From spawning the app after kill -9 to its first processed record (stream_records_total > 0). */
  restartToResumedMs: number;
  /** Within that: spawn to /metrics answering. */
  spawnToMetricsMs: number;
}

/** What every result file of `npm run bench` records about its run: when, where, under what load, with which commands. */
export interface RunInfo {
  quick: boolean;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  commands: Record<string, string>;
}

export interface PipelineResult extends RunInfo {
  suite: 'pipeline';
  partitions: number;
  producer: { maxRate: Throughput & { format: string }; accuracy: RateAccuracy[] };
  catchUp: { aggregatorAvro: Throughput; aggregatorJson: Throughput; rawSink: Throughput; bareConsumer: Throughput; aggregatorPercentOfCeiling: number };
  freshness: Freshness;
  checkpoints: CheckpointAtKeys[];
  restart: Restart[];
}
