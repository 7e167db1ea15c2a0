import type { PartitionRef } from './partition-checkpoint';

/** Another owner claimed the partition after us: our output for it must be discarded, not written. */
export class CheckpointFencedError extends Error {
  override readonly name = 'CheckpointFencedError';
  /** Final: retrying cannot un-fence us. */
  readonly retriable = false;
  constructor(
    readonly partition: PartitionRef,
    readonly epoch: number,
    readonly operation: string,
  ) {
    super(`checkpoint ${operation} for ${partition.topic}/${partition.partition} fenced: epoch ${epoch} is no longer current`);
  }
}

/**
 * The partition's checkpoint key is gone (Redis restarted empty or was flushed) while we owned it:
 * not a fence (nobody else claimed it), so the owner re-claims it through the durable ledger.
 */
export class CheckpointLostError extends Error {
  override readonly name = 'CheckpointLostError';
  /** Final for this flush: the owner must re-claim through the ledger. */
  readonly retriable = false;
  constructor(
    readonly partition: PartitionRef,
    readonly epoch: number,
    readonly operation: string,
  ) {
    super(`checkpoint ${operation} for ${partition.topic}/${partition.partition} found no checkpoint (store emptied); epoch ${epoch}`);
  }
}

/** The durable ledger (ClickHouse) failed; flushes retry, recovery fails and is retried by the caller. */
export class CheckpointLedgerUnavailableError extends Error {
  override readonly name = 'CheckpointLedgerUnavailableError';
  readonly retriable = true;
  constructor(
    readonly operation: string,
    readonly partition: PartitionRef,
    override readonly cause: unknown,
  ) {
    super(`checkpoint ledger unavailable during ${operation} of ${partition.topic}/${partition.partition}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Redis failed or timed out; the caller retries with backoff (nothing was half-written: scripts are atomic). */
export class CheckpointStoreUnavailableError extends Error {
  override readonly name = 'CheckpointStoreUnavailableError';
  readonly retriable = true;
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`checkpoint store unavailable during ${operation}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
