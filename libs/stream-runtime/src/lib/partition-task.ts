import type { ClaimedPartition } from '@clickstream/checkpoint';

/**
 * A record as the runtime hands it to a task. Valid only during the `process` call: the runtime
 * reuses one object for a whole batch (no allocation per record), so a task copies the fields it
 * keeps (they are plain values: the Buffers are Kafka's own and stay valid) and never the object.
 */
export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /**
   * The value's bytes where they were fetched, when the runtime has them: `valueBytes[valueStart,
   * valueEnd)` holds what `value` would, and reading them makes no Buffer view (the consumer
   * bundles' kafkajs makes `value`'s only when it is read). For decoders that read a byte range.
   * Absent or null: read `value`.
   */
  readonly valueBytes?: Buffer | null;
  readonly valueStart?: number;
  readonly valueEnd?: number;
  /** Kafka record timestamp (epoch ms): deterministic per record, unlike the wall clock. */
  readonly timestamp: number;
}

/**
 * What became of one record. A rejection (the decoders' rejections are of this shape) is
 * dead-lettered by the runtime with its reason, within the same checkpointed flush: tasks never
 * publish, count or log rejections themselves.
 */
export type RecordOutcome = { readonly ok: true } | RecordRejection;

export interface RecordRejection {
  readonly ok: false;
  /** A stable code (metric label and dead-letter header), e.g. `json_parse_error`. */
  readonly reason: string;
  readonly detail: string;
}

/** The one accepted outcome; tasks return it instead of allocating. */
export const ACCEPTED: RecordOutcome = Object.freeze({ ok: true });

/** An output row a sink refused for a reason of its own (ClickHouse parse/type/limit errors). */
export interface RefusedOutput {
  readonly table: string;
  /** The row as written (JSON-serialisable): the dead letter's value. */
  readonly row: unknown;
  /** The sink's error, verbatim: the dead letter's detail. */
  readonly error: string;
  /** The record the row came from, when one record makes one row; else the flush range is named. */
  readonly sourceOffset?: string;
}

/** What a write reports back: rows refused for their content (they are dead-lettered, the rest landed). */
export interface WriteReport {
  readonly refused: readonly RefusedOutput[];
}

/** What a task hands over at a cut: idempotent writes (given a dedup token) and its state. */
export interface TaskCut {
  readonly writes: ReadonlyArray<(dedupToken: string) => Promise<WriteReport | void>>;
  readonly state: string;
  /** Output rows in this cut, for metrics. */
  readonly rows: number;
}

/**
 * The per-partition processing logic. `process` must be deterministic in the record sequence
 * (no wall clock, no randomness): replaying the same records from the same state must yield the
 * same outcomes and cuts, or exactly-once breaks. It must not throw on any record: a record it
 * cannot use is a rejection.
 */
export interface PartitionTask {
  process(record: ConsumedRecord): RecordOutcome;
  /** True when buffered output should go out now (e.g. windows fired, buffer full). */
  wantsFlush(): boolean;
  /** Whether anything is buffered (time-based flushes skip empty tasks). */
  hasOutput(): boolean;
  /** Hands over buffered output and the state after the last processed record; clears buffers. */
  cut(): TaskCut;
  /**
   * How far the partition's event time must still advance before output that flushes at once is
   * due (e.g. a window fires); +Infinity when none is pending. Paces fetching only (see
   * FetchPacing): it never changes what is computed. A task without it is paced as if output were
   * always due: fetches wait the short time.
   */
  eventTimeToNextFire?(): number;
}

/** Builds a task for a partition just claimed, restoring it from the checkpoint's state if any. */
export type PartitionTaskFactory = (claim: ClaimedPartition) => PartitionTask;
