export interface PartitionRef {
  readonly topic: string;
  readonly partition: number;
}

/**
 * A flush that was announced but may not have completed: records (from, to] were about to be
 * written. Whoever owns the partition next replays exactly that range and writes it again with the
 * same deduplication tokens, so the write lands once whether or not the first attempt did.
 */
export interface PendingFlush {
  readonly fromOffset: string;
  readonly toOffset: string;
}

/** What a new owner of a partition finds when it claims it. */
export interface ClaimedPartition {
  readonly ref: PartitionRef;
  /** Fencing token: every later write must present it. */
  readonly epoch: number;
  /** Next offset to read; undefined when the partition was never checkpointed. */
  readonly offset: string | undefined;
  /** Serialized engine state as the app wrote it. */
  readonly state: string | undefined;
  readonly pending: PendingFlush | undefined;
  /** Epoch ms of the last commit, for checkpoint-age metrics. */
  readonly committedAt: number | undefined;
}
