import type { PartitionRef } from './partition-checkpoint';

/** Another owner claimed the partition after us: our output for it must be discarded, not written. */
export class CheckpointFencedError extends Error {
  override readonly name = 'CheckpointFencedError';
  constructor(
    readonly partition: PartitionRef,
    readonly epoch: number,
    readonly operation: string,
  ) {
    super(`checkpoint ${operation} for ${partition.topic}/${partition.partition} fenced: epoch ${epoch} is no longer current`);
  }
}

/** Redis failed or timed out; the caller retries with backoff (nothing was half-written: scripts are atomic). */
export class CheckpointStoreUnavailableError extends Error {
  override readonly name = 'CheckpointStoreUnavailableError';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`checkpoint store unavailable during ${operation}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
