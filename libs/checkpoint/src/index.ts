export { CheckpointFencedError, CheckpointStoreUnavailableError } from './lib/checkpoint-errors';
export {
  CheckpointedFlusher,
  flushToken,
  type FlushOutcome,
  type FlushRetryPolicy,
  type FlushUnit,
} from './lib/checkpointed-flush';
export type { ClaimedPartition, PartitionRef, PendingFlush } from './lib/partition-checkpoint';
export { RedisCheckpointStore } from './lib/redis-checkpoint-store';
