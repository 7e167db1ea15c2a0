import type { ClaimedPartition } from '@clickstream/checkpoint';

/** A record as the runtime hands it to a task. */
export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Kafka record timestamp (epoch ms): deterministic per record, unlike the wall clock. */
  readonly timestamp: number;
}

/** What a task hands over at a cut: idempotent writes (given a dedup token) and its state. */
export interface TaskCut {
  readonly writes: ReadonlyArray<(dedupToken: string) => Promise<unknown>>;
  readonly state: string;
  /** Output rows in this cut, for metrics. */
  readonly rows: number;
}

/**
 * The per-partition processing logic. `process` must be deterministic in the record sequence
 * (no wall clock, no randomness): replaying the same records from the same state must yield the
 * same cuts, or exactly-once breaks.
 */
export interface PartitionTask {
  process(record: ConsumedRecord): void;
  /** True when buffered output should go out now (e.g. windows fired, buffer full). */
  wantsFlush(): boolean;
  /** Whether anything is buffered (time-based flushes skip empty tasks). */
  hasOutput(): boolean;
  /** Hands over buffered output and the state after the last processed record; clears buffers. */
  cut(): TaskCut;
}

/** Builds a task for a partition just claimed, restoring it from the checkpoint's state if any. */
export type PartitionTaskFactory = (claim: ClaimedPartition) => PartitionTask;
